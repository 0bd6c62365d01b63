"""An overdue statutory visit is a flag of the timeliness engine: raised once for the allocated worker, however
often the hourly task runs, and closed when a visit in which the child was seen is recorded."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from records.calendar.working_days import LONDON
from records.models import Flag
from records.tasks import flag_overdue
from records.timeliness.selectors import flag_url
from records.timeliness.services import run_flag_pass
from tests.factories import PlanFactory
from tests.records.statutory_visits.visit_builders import visit_on

KIND = "statutory_visit_overdue"


def _open():
    return Flag.objects.filter(kind=KIND, closed_at__isnull=True)


def london(day: date, hour=0, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def test_flagged_once_the_due_day_has_ended_in_london(child, practitioner):
    visit_on(child, practitioner, date(2026, 6, 1))  # child in need: due Monday 29 June 2026
    run_flag_pass(now=london(date(2026, 6, 29), 23, 59))
    assert not _open().exists()
    run_flag_pass(now=london(date(2026, 6, 30)))
    flag = _open().get()
    assert (flag.case, flag.child, flag.owner, flag.due_at) == (
        child.cases.get(), child, practitioner, london(date(2026, 6, 30)))
    assert flag_url(flag) == f"/children/{child.local_id}/visits/new/"


def test_the_task_run_twice_raises_one_flag(child, practitioner):
    visit_on(child, practitioner, timezone.localdate() - timedelta(days=40))
    flag_overdue()
    flag_overdue()
    assert _open().count() == 1
    assert Flag.objects.filter(kind=KIND).count() == 1


def test_recording_a_visit_closes_the_flag(child, practitioner):
    today = timezone.localdate()
    visit_on(child, practitioner, today - timedelta(days=40))
    flag_overdue()
    flag = _open().get()
    visit_on(child, practitioner, today - timedelta(days=1), seen=False)  # the child was not seen: still overdue
    flag_overdue()
    assert _open().get() == flag
    visit_on(child, practitioner, today)
    flag_overdue()
    assert not _open().exists()
    flag.refresh_from_db()
    assert flag.closed_at is not None and "no longer due" in flag.closed_reason


def test_a_stricter_rule_moves_the_due_time_and_the_flag_with_it(child, practitioner):
    today = timezone.localdate()
    visit_on(child, practitioner, today - timedelta(days=40))
    flag_overdue()
    first = _open().get()
    PlanFactory(child=child, by=practitioner, plan_type="child_protection")  # seen alone never: due earlier
    flag_overdue()
    second = _open().get()
    assert second != first and second.due_at < first.due_at
    first.refresh_from_db()
    assert first.closed_at is not None


def test_a_visit_not_yet_due_raises_nothing(child, practitioner, other_child, other_practitioner):
    today = timezone.localdate()
    visit_on(child, practitioner, today)
    visit_on(other_child, other_practitioner, today - timedelta(days=27))
    run_flag_pass()
    assert not _open().exists()
