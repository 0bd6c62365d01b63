"""Managers' oversight in the browser: the manager opens the team dashboard, draws a sample, audits a
record and assigns a deficiency; the practitioner sees it and marks it done (§4, §13)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from records.oversight.models import CHECKLIST, AuditDeficiency
from tests.browser.conftest import sign_in
from tests.records.oversight.oversight_builders import completed_entry

pytestmark = pytest.mark.browser


def test_manager_audits_a_record_and_the_practitioner_puts_it_right(page, new_page, policy_designs, child, manager,
                                                                   practitioner):
    now = timezone.now()
    completed_entry(child, practitioner, event_at=now - timedelta(days=3), completed_at=now - timedelta(days=2))

    sign_in(page, manager.username)
    page.get_by_role("link", name="Team dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment Team")
    expect(page.locator("#team-figures")).to_contain_text("Priya Shah")
    expect(page.locator("svg[role=img] title")).to_have_text(re.compile("recorded on time"))

    page.get_by_role("link", name="Record audits").click()
    page.get_by_role("link", name="Draw a sample").click()
    start, end = timezone.localdate() - timedelta(days=30), timezone.localdate()
    for name, day in (("period_start", start), ("period_end", end)):
        page.locator(f"#id_{name}_0").fill(str(day.day))
        page.locator(f"#id_{name}_1").fill(str(day.month))
        page.locator(f"#id_{name}_2").fill(str(day.year))
    page.get_by_label("How many records to draw for each practitioner").fill("1")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sample of records to audit")
    expect(page.locator("#draw")).to_contain_text("Same records")

    page.get_by_role("link", name=re.compile("Audit this record")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit of the record")
    for _, label in CHECKLIST:
        page.get_by_role("group", name=label).get_by_label("Met", exact=True).check()
    page.get_by_role("group", name="Grade").get_by_label("Requires improvement").check()
    page.get_by_role("button", name="Complete the audit").click()
    expect(page.locator("#checklist")).to_contain_text("Requires improvement")

    page.get_by_role("link", name="Add something to put right").click()
    page.get_by_label("What needs putting right").fill("Record the child's views from the last visit")
    due = timezone.localdate() + timedelta(days=7)
    page.locator("#id_put_right_by_0").fill(str(due.day))
    page.locator("#id_put_right_by_1").fill(str(due.month))
    page.locator("#id_put_right_by_2").fill(str(due.year))
    page.get_by_role("button", name="Add it").click()
    expect(page.locator("#deficiencies")).to_contain_text("Record the child's views")

    worker = new_page()
    sign_in(worker, practitioner.username)
    worker.get_by_role("link", name="My audit actions").click()
    worker.locator("#open-actions").get_by_role("link", name=re.compile(child.display_name)).click()
    worker.get_by_label("What did you do to put it right?").fill("Added her views, in her own words")
    worker.get_by_role("button", name="Mark as done").click()
    expect(worker.locator("#deficiency-status")).to_have_text("Done, waiting for the manager")
    assert AuditDeficiency.objects.get().done_note == "Added her views, in her own words"
