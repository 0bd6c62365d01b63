"""A visit from plan to signature (§5.2, §9, §10): plan, basic details, write-up, complete and sign."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from records.entries.services import working_calendar
from records.calendar.working_days import LONDON
from tests.browser.conftest import london_now, open_records_of, plan_visit, record_basic_details, shown, sign_in

pytestmark = pytest.mark.browser


def section_source(page: Page, label: str):
    """§12: the radios that say where the information in one section of the write-up came from."""
    return page.get_by_role("group", name=f"Where did the information in ‘{label}’ come from?", exact=True)


def supplied_by(page: Page, label: str):
    """The "who supplied it?" box revealed under a section's "From someone else": its label names the section,
    for screen readers, so that each section's box has its own."""
    box = page.get_by_label(f"If from someone else, who supplied it? (‘{label}’)", exact=True)
    expect(box).to_have_count(1)  # hidden until "From someone else" is chosen, but there
    return box


def write_up_and_sign(page: Page, design, from_someone_else: dict[str, str] | None = None) -> tuple[datetime, datetime]:
    """Fill in every required question of `design`, each section first-hand unless `from_someone_else`
    ({label: who supplied it}) says otherwise, then complete and sign: (just before, just after)."""
    from_someone_else = from_someone_else or {}
    page.get_by_role("group", name="Where did this information come from?").get_by_label(
        "First-hand: I saw or heard it myself").check()
    page.get_by_role("group", name="Was an interpreter used?").get_by_label("Not needed", exact=True).check()  # §5.2
    page.get_by_role("group", name="Has anyone joined or left the household?").get_by_label("No").check()  # §5.2
    for question in design.questions.filter(required=True).order_by("position"):
        page.get_by_label(question.label, exact=True).fill(f"{question.label}: written up after the visit.")
        if question.label in from_someone_else:
            section_source(page, question.label).get_by_label("From someone else", exact=True).check()
            supplied_by(page, question.label).fill(from_someone_else[question.label])
        else:
            section_source(page, question.label).get_by_label("First-hand", exact=True).check()
    # The check page works out the reading age; the first time a server process does, textstat loads its
    # pronouncing dictionary, which takes seconds on a busy machine.
    page.get_by_role("button", name="Complete and sign").click(timeout=30_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before signing")
    before = london_now()
    page.get_by_role("button", name="Sign the entry").click()
    expect(page.get_by_role("main")).to_contain_text("Entry completed and signed.")
    return before, london_now()


def summary_value(page: Page, key: str):
    """The value beside `key` in a summary list of the entry page."""
    row = page.locator(".govuk-summary-list__row").filter(
        has=page.get_by_role("term").filter(has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))
    return row.get_by_role("definition")


def visit_row(page: Page):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name="Visit"))


def test_practitioner_plans_records_writes_up_and_signs_a_visit(page, child, practitioner, visit_design):
    visit_at = (london_now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    sign_in(page, practitioner.username)

    open_records_of(page, child)
    plan_visit(page, visit_at, "Check how Amara is settling after the school move")
    record_basic_details(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{visit_design.title}: {shown(visit_at)}")
    changes, analysis = "Significant changes of circumstances", "Analysis and evaluation of the outcome of the visit"
    school = "Ms Joy Adeyemi, class teacher, Castle Primary School"
    before, after = write_up_and_sign(page, visit_design, from_someone_else={changes: school})

    times = "|".join(re.escape(shown(moment)) for moment in {before, after})
    expect(page.locator("#signature")).to_have_text(re.compile(rf"^Priya Shah, Social Worker, ({times})$"))
    expect(page.get_by_role("main")).to_contain_text("Completed")
    expect(page.get_by_role("main")).not_to_contain_text("Late entry")
    expect(page.get_by_role("main")).to_contain_text("Check how Amara is settling after the school move")
    expect(summary_value(page, "Visit carried out by")).to_have_text("Priya Shah, Social Worker")  # §4
    expect(summary_value(page, "Interpreter used")).to_have_text("Not needed")  # §5.2
    expect(summary_value(page, "Anyone joined or left the household")).to_have_text("No")
    # §12: the answers under the headings of their kinds, each section saying where it came from
    facts = page.get_by_role("heading", name="Facts", exact=True).locator("xpath=following-sibling::dl[1]")
    opinions = page.get_by_role("heading", name="Opinions", exact=True).locator("xpath=following-sibling::dl[1]")
    expect(facts.get_by_role("term").filter(has_text=changes)).to_have_count(1)
    expect(facts.get_by_role("term").filter(has_text=analysis)).to_have_count(0)
    expect(opinions.get_by_role("term").filter(has_text=analysis)).to_have_count(1)
    expect(summary_value(page, changes)).to_contain_text(f"{changes}: written up after the visit.")
    expect(summary_value(page, changes)).to_contain_text(f"From someone else: {school}")
    expect(summary_value(page, "The child's views")).to_contain_text("The child's views: written up after the visit.")
    expect(summary_value(page, "The child's views").locator(".cw-section-source")).to_have_text("First-hand")
    expect(summary_value(page, analysis).locator(".cw-section-source")).to_have_text("First-hand")

    page.get_by_role("link", name="All records").click()
    expect(visit_row(page)).to_have_count(1)
    expect(visit_row(page)).to_contain_text("Completed")
    expect(visit_row(page)).to_contain_text("Priya Shah, Social Worker")
    expect(visit_row(page)).not_to_contain_text("Late entry")


def three_working_days_ago():
    """The latest working day with three working days between it and today: its record was due yesterday or earlier."""
    calendar, today = working_calendar(), timezone.localdate()
    day = today
    while not (calendar.working_days_between(day, today) == 3 and calendar.is_working_day(day)):
        day -= timedelta(days=1)
    assert calendar.due_date(day) < today
    return day


def test_visit_written_up_three_working_days_later_is_marked_late(page, child, practitioner, visit_design):
    visit_at = datetime.combine(three_working_days_ago(), time(10, 30), tzinfo=LONDON)
    sign_in(page, practitioner.username)

    open_records_of(page, child)
    plan_visit(page, visit_at, "Review the safety plan with Amara's mother")
    record_basic_details(page)
    before, after = write_up_and_sign(page, visit_design)

    times = "|".join(re.escape(shown(moment)) for moment in {before, after})
    expect(page.locator(".cw-late-entry")).to_have_text("Late entry")
    expect(page.locator("p", has=page.locator(".cw-late-entry"))).to_contain_text(re.compile(rf"recorded ({times})"))
    expect(page.locator("#signature")).to_have_text(re.compile(rf"^Priya Shah, Social Worker, ({times})$"))

    page.get_by_role("link", name="All records").click()
    expect(visit_row(page)).to_contain_text(f"{visit_at.day} {visit_at:%b %Y %H:%M}")
    expect(visit_row(page)).to_contain_text("Late entry")
    expect(visit_row(page)).to_contain_text("Completed")
