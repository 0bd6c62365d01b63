"""My work in the browser (issue 16): a practitioner finds a statutory visit due, records it and sees it leave
the tray; a team manager decides a paper file removal from the work tray; an emergency
duty worker finds a child by name from theirs and opens the record. axe on the work tray at desktop width and at
390 px, where nothing scrolls sideways."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from records.models import Entry, PaperFileRemoval
from tests.browser.conftest import (
    assert_accessible_at_both_widths, london_now, plan_visit, record_basic_details, sign_in,
)
from tests.browser.test_visit_recording import write_up_and_sign
from tests.records.my_work.tray_builders import paper_file_requested

pytestmark = pytest.mark.browser

def test_a_manager_decides_a_paper_file_removal_from_the_work_tray(page, child, practitioner, manager):
    removal = paper_file_requested(child, practitioner)

    sign_in(page, manager.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    removals = page.locator("#removals")
    expect(removals).to_contain_text(f"For {child.display_name} ({child.local_id})")
    assert_accessible_at_both_widths(page)

    removals.get_by_role("link", name="Approve or refuse taking a paper file out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve or refuse taking a paper file out")
    page.get_by_label("Yes, approve").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Approved")

    page.get_by_role("link", name="My work").click()
    expect(page.locator("#removals")).to_contain_text("No paper file removals to decide.")
    removal.refresh_from_db()
    assert removal.approved_by == manager and removal.status == "out"
    assert PaperFileRemoval.objects.filter(approved_at__isnull=True, refused_at__isnull=True).count() == 0


def test_an_emergency_duty_worker_finds_a_child_by_name_from_the_work_tray_and_opens_the_record(page, child, edt):
    sign_in(page, edt.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.locator("#opened")).to_contain_text("You have not opened any records in the last 24 hours.")
    assert_accessible_at_both_widths(page)

    page.get_by_role("search").get_by_label("Find a child").fill("okoye")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()
    page.get_by_role("link", name=re.compile(f"Choose {child.display_name}")).click()
    expect(page.locator("#id_local_id")).to_have_value(child.local_id)
    page.get_by_label("Why do you need this record now?").fill("Police called about the child tonight")
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.display_name)

    page.get_by_role("link", name="My work").click()
    opened = page.locator("#opened")
    expect(opened).to_contain_text(child.local_id)
    expect(opened).to_contain_text("Access ends at")
    opened.get_by_role("link", name="Open the record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.display_name)


def test_a_practitioner_finds_a_visit_due_records_it_and_sees_it_leave_the_tray(page, child, practitioner, visit_design):
    visit_at = (london_now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    sign_in(page, practitioner.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    visits = page.locator("#visits")
    expect(visits).to_contain_text(f"For {child.display_name} ({child.local_id})")
    expect(visits).to_contain_text("overdue")  # no visit since the referral in January
    assert_accessible_at_both_widths(page)

    visits.get_by_role("link", name="Statutory visit (child in need: every 4 weeks)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan a visit")
    plan_visit(page, visit_at, "Statutory visit: see Amara at home", open_form=False)
    record_basic_details(page)  # Amara seen, and seen alone
    write_up_and_sign(page, visit_design)
    assert Entry.objects.get(kind="visit").status == Entry.Status.COMPLETED

    page.get_by_role("link", name="My work").click()
    expect(page.locator("#visits")).to_contain_text("No visits due.")  # the next is four weeks away
