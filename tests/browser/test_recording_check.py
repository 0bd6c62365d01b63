"""Recording in the browser (issue 16): advice as it is typed, follow-up questions revealed by their answer,
an error link that reaches a date's day, and signing from the check-your-answers page only."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from records.models import Entry, GlossaryTerm
from tests.browser.conftest import london_now, open_records_of, plan_visit, record_basic_details, sign_in
from tests.browser.test_visit_recording import section_source, supplied_by

pytestmark = pytest.mark.browser

CHILD_VIEWS = "The child's views"


def start_a_visit_write_up(page: Page, child, practitioner, purpose="See how Amara is settling") -> None:
    sign_in(page, practitioner.username)
    open_records_of(page, child)
    plan_visit(page, (london_now() - timedelta(hours=1)).replace(second=0, microsecond=0), purpose)
    record_basic_details(page)


def test_the_plain_english_advice_follows_the_text_as_it_is_typed(page, child, practitioner, visit_design):
    GlossaryTerm.objects.get_or_create(acronym="LAC", defaults={"meaning": "looked after child"})
    start_a_visit_write_up(page, child, practitioner)
    advice = page.locator("#plain-english-guidance")
    expect(advice).to_contain_text("No advice yet.")

    page.get_by_label(CHILD_VIEWS, exact=True).press_sequentially("Amara asked about her LAC review and the XQJ.")

    expect(advice).to_contain_text("LAC means “looked after child”. Write it out in full the first time")
    expect(advice).to_contain_text("XQJ: there is no meaning for it in the glossary. Spell out what it stands for")
    assert Entry.objects.get().answers == {}  # nothing was saved to give the advice


def test_who_supplied_it_is_revealed_by_from_someone_else(page, child, practitioner, visit_design):
    start_a_visit_write_up(page, child, practitioner)
    box = supplied_by(page, CHILD_VIEWS)
    expect(box).to_be_hidden()

    section_source(page, CHILD_VIEWS).get_by_label("From someone else", exact=True).check()
    expect(box).to_be_visible()
    section_source(page, CHILD_VIEWS).get_by_label("First-hand", exact=True).check()
    expect(box).to_be_hidden()


def open_basic_details_of_a_planned_visit(page: Page, child, practitioner) -> None:
    sign_in(page, practitioner.username)
    open_records_of(page, child)
    plan_visit(page, (london_now() - timedelta(hours=1)).replace(second=0, microsecond=0), "Home visit")
    page.get_by_role("link", name="Record basic details").click()


def test_the_child_not_seen_reveals_why_not(page, child, practitioner, visit_design):
    open_basic_details_of_a_planned_visit(page, child, practitioner)
    why_not = page.get_by_label("If not, why was the child not seen?")
    seen = page.get_by_role("group", name="Was the child seen?", exact=True)
    expect(why_not).to_be_hidden()

    seen.get_by_role("radio", name="No", exact=True).check()
    expect(why_not).to_be_visible()
    seen.get_by_role("radio", name="Yes", exact=True).check()
    expect(why_not).to_be_hidden()


def test_an_error_summary_link_to_a_date_moves_focus_to_its_day(page, child, practitioner, visit_design):
    open_basic_details_of_a_planned_visit(page, child, practitioner)
    tomorrow = london_now() + timedelta(days=1)
    page.locator("#id_event_date_0").fill(str(tomorrow.day))
    page.locator("#id_event_date_1").fill(str(tomorrow.month))
    page.locator("#id_event_date_2").fill(str(tomorrow.year))
    page.get_by_role("button", name="Save basic details").click()

    page.locator(".govuk-error-summary").get_by_role("link", name="A visit that took place cannot be in the future").click()

    expect(page.locator("#id_event_date_0")).to_be_focused()


def test_complete_and_sign_checks_the_answers_keeps_them_to_change_and_signs_only_there(
        page, child, practitioner, visit_design):
    page.set_default_timeout(30_000)  # the first reading age a server works out loads textstat's dictionary
    start_a_visit_write_up(page, child, practitioner, purpose="Check the safety plan with Amara")
    purpose = visit_design.questions.get(key="purpose").label
    expect(page.get_by_label(purpose, exact=True)).to_have_value("Check the safety plan with Amara")  # asked once
    page.get_by_role("group", name="Where did this information come from?").get_by_label(
        "First-hand: I saw or heard it myself").check()
    page.get_by_role("group", name="Was an interpreter used?").get_by_label("Not needed", exact=True).check()
    page.get_by_role("group", name="Has anyone joined or left the household?").get_by_label("No").check()
    for question in visit_design.questions.filter(required=True).exclude(key="purpose").order_by("position"):
        page.get_by_label(question.label, exact=True).fill(f"{question.label}: as written at first.")

    page.get_by_role("button", name="Complete and sign").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before signing")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Signing is final.")
    expect(main).to_contain_text("Check the safety plan with Amara")
    expect(page.locator("#plain-english-guidance")).to_contain_text("Plain English")
    assert Entry.objects.get().status == Entry.Status.DRAFT

    page.get_by_role("link", name=f"Change {CHILD_VIEWS}", exact=True).click()
    views = page.get_by_label(CHILD_VIEWS, exact=True)
    expect(views).to_have_value(f"{CHILD_VIEWS}: as written at first.")  # every typed answer kept
    expect(page.get_by_label(purpose, exact=True)).to_have_value("Check the safety plan with Amara")
    views.fill("Amara said she feels safe at home.")
    page.get_by_role("button", name="Complete and sign").click()
    expect(page.get_by_role("main")).to_contain_text("Amara said she feels safe at home.")

    page.get_by_role("button", name="Sign the entry").click()

    expect(page.get_by_role("main")).to_contain_text("Entry completed and signed.")
    expect(page.get_by_role("main")).to_contain_text("Amara said she feels safe at home.")
    expect(page).to_have_url(re.compile(rf"/entries/{Entry.objects.get().pk}/(#.*)?$"))  # the entry's own page
    assert Entry.objects.get().status == Entry.Status.COMPLETED
