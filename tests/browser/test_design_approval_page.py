"""Issue 16 (§2): a senior leader approves a design from the differences page, outside the technical admin,
and every page on the way passes axe at desktop width and at 390 px, without sideways scrolling."""

import pytest
from playwright.sync_api import expect

from records.designs import services as designs
from records.models import FormDesign
from tests.browser.conftest import assert_accessible_at_both_widths as accessible_at_both_widths, sign_in
from tests.records.conftest import add_question

pytestmark = pytest.mark.browser

NEW_QUESTION = "How is the child getting on at school?"


def test_senior_leader_approves_a_design_from_the_differences_page(page, admin_user, slt, visit_design):
    draft = designs.new_version_from(design=visit_design, by=admin_user)
    first = draft.questions.order_by("position").first()
    first.label = f"{first.label} and how it fits the plan"
    first.save()
    add_question(draft, "school_progress", NEW_QUESTION, position=900, help_text="Ask the school first.")
    designs.submit(design=draft, by=admin_user)

    sign_in(page, slt.username)
    page.get_by_role("link", name="Designs to approve").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Designs to approve")
    expect(page.locator("#designs-to-approve")).to_contain_text("1 question added, 1 changed")
    accessible_at_both_widths(page)

    page.get_by_role("link", name=f"Visit, version {draft.version}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Visit design, version {draft.version}")
    differences = page.locator("#differences")
    expect(differences).to_contain_text(f"Against version {visit_design.version}, the version in use")
    expect(differences.locator(".govuk-summary-card", has_text=NEW_QUESTION)).to_contain_text("New")
    expect(differences.locator(".govuk-summary-card ins.cw-diff-added")).to_have_text("and how it fits the plan")
    accessible_at_both_widths(page)

    # Sending it back needs a reason: a clear error, and nothing decided.
    page.get_by_label("Send it back for changes").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for sending the design back")
    accessible_at_both_widths(page)
    draft.refresh_from_db()
    assert draft.status == FormDesign.Status.SUBMITTED

    page.get_by_label("Approve it and put it into use").check()
    page.get_by_label("Comment, or the reason for sending it back").fill("Agreed with the virtual school.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("main")).to_contain_text(f"Visit design, version {draft.version}, is approved and now in use.")
    expect(page.locator("#designs-to-approve")).to_contain_text("No designs are waiting for your approval.")
    accessible_at_both_widths(page)

    draft.refresh_from_db()
    visit_design.refresh_from_db()
    assert (draft.status, draft.decided_by, draft.decision_comment) == (
        FormDesign.Status.APPROVED, slt, "Agreed with the virtual school.")
    assert visit_design.status == FormDesign.Status.RETIRED
