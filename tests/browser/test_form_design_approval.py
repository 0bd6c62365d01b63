"""Issue 3 acceptance (§2): an administrator adds a question to the visit design in the admin, a senior
leader approves it, and the next visit a practitioner writes up asks the new question."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import london_now, open_records_of, plan_visit, record_basic_details, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

NEW_QUESTION = "How is the child getting on at school?"


def admin_sign_in(page: Page, username: str) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))


def design_row(page: Page, status: str):
    page.goto("/admin/records/formdesign/?kind__exact=visit")
    return page.locator("#result_list tbody tr").filter(has_text=status)


def test_new_question_approved_by_senior_leadership_is_asked_on_the_next_visit(
    page, new_page, admin_user, slt, practitioner, child, visit_design, form_design_admin_permissions
):
    slt.is_staff = True
    slt.save()

    # The administrator drafts a new version with the extra question and submits it.
    admin_sign_in(page, admin_user.username)
    design_row(page, "Approved").get_by_role("link").first.click()
    page.get_by_role("link", name="Create a new draft version").click()
    page.get_by_role("button", name="Create the draft").click()
    draft_version = visit_design.version + 1
    expect(page.locator(".messagelist")).to_contain_text(f"Draft version {draft_version} of the visit design was created.")

    page.get_by_role("button", name="Add another Form question").click()
    question = page.locator(".inline-related.last-related.dynamic-questions").last
    question.get_by_label("Position").fill(str(visit_design.questions.count() + 1))
    question.get_by_label("Key").fill("school_progress")
    question.get_by_label("Label").fill(NEW_QUESTION)
    question.get_by_label("Answer type").select_option(label="Long text")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#content-main")).not_to_contain_text("Please correct the error")

    page.get_by_role("link", name="Submit for approval").click()
    expect(page.locator("#content-main table")).to_contain_text(NEW_QUESTION)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Visit version {draft_version} was submitted for approval.")

    # A senior leader reads it and approves it, with a comment.
    leader = new_page()
    admin_sign_in(leader, slt.username)
    design_row(leader, "Submitted").get_by_role("link").first.click()
    leader.get_by_role("link", name="Approve or reject").click()
    expect(leader.locator("#content-main table")).to_contain_text(NEW_QUESTION)
    leader.get_by_label("Comment").fill("Agreed with the virtual school: ask at every visit.")
    leader.get_by_role("button", name="Approve").click()
    expect(leader.locator(".messagelist")).to_contain_text(f"Visit version {draft_version} is approved and now in use.")
    expect(design_row(leader, "Approved")).to_contain_text(str(draft_version))
    expect(design_row(leader, "Retired")).to_contain_text(str(visit_design.version))

    # The practitioner's next visit is written on the new version and asks the new question.
    worker = new_page()
    sign_in(worker, practitioner.username)
    open_records_of(worker, child)
    plan_visit(worker, (london_now() - timedelta(hours=1)).replace(second=0, microsecond=0), "Catch up after half term")
    record_basic_details(worker)
    expect(worker.get_by_label(NEW_QUESTION, exact=True)).to_be_visible()
    expect(worker.get_by_label(NEW_QUESTION, exact=True)).to_have_attribute("name", "school_progress")
    expect(worker.get_by_label(NEW_QUESTION, exact=True)).to_have_js_property("tagName", "TEXTAREA")
