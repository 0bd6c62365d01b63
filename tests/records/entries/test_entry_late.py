"""Late entries (§4, §10): due by the end of the second working day after the event, London time; an entry
recorded later says "Late entry" with the date and time it was recorded, for ever. Entries are never deleted."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from records.entries import services
from records.models import Entry
from tests.conftest import client_for
from tests.factories import ClosureDayFactory
from tests.records.conftest import refused_by_database
from tests.records.entries.test_recording_visits import (
    LONDON, complete_and_sign, completed_visit, page_url, planned_visit, row, visit_with_basic_details, write_up_fields,
)
from tests.govuk_html import texts

LATE_MARK = "the Late entry mark can never be removed or changed"


def working_days_ago(count: int) -> datetime:
    """10:00 London on the working day `count` working days before today."""
    calendar = services.working_calendar()
    day = timezone.localdate()
    while count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            count -= 1
    return datetime.combine(day, time(10, 0), tzinfo=LONDON)


def start_of_today() -> datetime:
    return datetime.combine(timezone.localdate(), time.min, tzinfo=LONDON)


@pytest.fixture
def late(child, practitioner):
    return completed_visit(child, practitioner, event_at=working_days_ago(3))


# --- When an entry is due ----------------------------------------------------------------------

def test_due_at_is_the_end_of_the_second_working_day_after_the_event_in_london(child, practitioner):
    # Tuesday 7 July 2026 at 00:30 in London is still Monday in UTC: the London date counts.
    entry = planned_visit(child, practitioner, event_at=datetime(2026, 7, 7, 0, 30, tzinfo=LONDON))

    assert entry.due_at == datetime(2026, 7, 10, 0, 0, tzinfo=LONDON)  # end of Thursday 9 July
    assert Entry.objects.get(pk=entry.pk).due_date == date(2026, 7, 9)


def test_due_at_skips_the_weekend(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=datetime(2026, 3, 6, 16, 0, tzinfo=LONDON))  # a Friday

    assert entry.due_at == datetime(2026, 3, 11, 0, 0, tzinfo=LONDON)  # end of Tuesday 10 March


def test_closure_day_pushes_the_due_date(child, practitioner):
    ClosureDayFactory(day=date(2026, 3, 9), description="Council closed: office move")  # the Monday

    entry = planned_visit(child, practitioner, event_at=datetime(2026, 3, 6, 16, 0, tzinfo=LONDON))

    assert entry.due_at == datetime(2026, 3, 12, 0, 0, tzinfo=LONDON)  # end of Wednesday 11 March


def test_due_date_moves_with_the_visit_date_in_the_basic_details(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=datetime(2026, 3, 6, 16, 0, tzinfo=LONDON))

    entry = services.record_basic_details(
        entry=entry, by=practitioner, event_at=datetime(2026, 3, 9, 11, 0, tzinfo=LONDON), who_was_seen="Amara",
        child_seen=True, reason_child_not_seen="", child_seen_alone=True, venue="Home", others_present="",
        date_change_reason="The family asked to move the visit to Monday")

    assert Entry.objects.get(pk=entry.pk).due_at == datetime(2026, 3, 12, 0, 0, tzinfo=LONDON)


# --- The Late entry mark ---------------------------------------------------------------------

def test_visit_dated_three_working_days_ago_and_completed_now_is_late(late):
    entry = Entry.objects.get(pk=late.pk)

    assert entry.due_at <= entry.completed_at
    assert entry.is_late_entry is True
    assert entry.late_entry_recorded_at == entry.completed_at


def test_visit_dated_today_and_completed_now_is_not_late(child, practitioner):
    entry = Entry.objects.get(pk=completed_visit(child, practitioner, event_at=start_of_today()).pk)

    assert (entry.is_late_entry, entry.late_entry_recorded_at) == (False, None)


def test_visit_completed_on_its_due_day_is_not_late(child, practitioner):
    entry = Entry.objects.get(pk=completed_visit(child, practitioner, event_at=working_days_ago(2)).pk)

    assert entry.completed_at < entry.due_at
    assert entry.is_late_entry is False


def test_completing_late_in_the_browser_marks_a_late_entry(child, practitioner):
    entry = visit_with_basic_details(child, practitioner, event_at=working_days_ago(3))

    complete_and_sign(client_for(practitioner), child, entry, write_up_fields(entry, action="complete"))

    entry.refresh_from_db()
    assert entry.is_late_entry is True
    assert entry.late_entry_recorded_at == entry.completed_at


def test_failed_visit_recorded_late_is_a_late_entry(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=working_days_ago(3))

    services.record_failed_visit(entry=entry, by=practitioner, visit_outcome=Entry.VisitOutcome.NO_RESPONSE,
                                 actions="Card left")

    assert Entry.objects.get(pk=entry.pk).is_late_entry is True


def test_late_entry_shows_on_the_entry_page_with_when_it_was_recorded(child, practitioner, late):
    response = client_for(practitioner).get(page_url(child, "entry_detail", late))

    assert texts(response, "cw-late-entry") == ["Late entry"]
    recorded = timezone.localtime(Entry.objects.get(pk=late.pk).late_entry_recorded_at)
    assert f"recorded {recorded:%-d %B %Y, %H:%M}" in texts(response, "govuk-body-s")


def test_late_entry_shows_on_the_records_list(child, practitioner, late):
    completed_visit(child, practitioner, event_at=start_of_today())

    response = client_for(practitioner).get(page_url(child, "entry_list"))

    assert texts(response, "cw-late-entry") == ["Late entry"]


def test_entry_on_time_has_no_late_mark(child, practitioner):
    entry = completed_visit(child, practitioner, event_at=start_of_today())
    client = client_for(practitioner)

    assert texts(client.get(page_url(child, "entry_detail", entry)), "cw-late-entry") == []
    assert texts(client.get(page_url(child, "entry_list")), "cw-late-entry") == []


# --- The mark is permanent, and entries are never deleted --------------------------------------------

@pytest.mark.parametrize("change", [
    {"is_late_entry": False},
    {"late_entry_recorded_at": datetime(2026, 1, 1, 9, 0, tzinfo=LONDON)},
])
def test_late_mark_cannot_be_removed_or_changed_by_save(late, change):
    before = row(late)
    for field, value in change.items():
        setattr(late, field, value)

    with pytest.raises(ValidationError, match="The Late entry mark can never be removed or changed"):
        late.save()
    assert row(late) == before


@pytest.mark.parametrize("change", [
    {"is_late_entry": False},
    {"late_entry_recorded_at": datetime(2026, 1, 1, 9, 0, tzinfo=LONDON)},
])
def test_late_mark_cannot_be_removed_or_changed_by_queryset_update(late, change):
    before = row(late)

    assert LATE_MARK in refused_by_database(lambda: Entry.objects.filter(pk=late.pk).update(**change))
    assert row(late) == before


def test_late_mark_cannot_be_removed_by_raw_sql(late):
    def remove_mark():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE records_entry SET is_late_entry = false WHERE id = %s", [late.pk])

    assert LATE_MARK in refused_by_database(remove_mark)
    assert Entry.objects.get(pk=late.pk).is_late_entry is True


def test_entry_cannot_be_deleted(late):
    # Its autosave holds it (PROTECT) before the database's own refusal (below) is reached.
    assert "protected foreign keys" in refused_by_database(late.delete)
    assert Entry.objects.filter(pk=late.pk).exists()


def test_raw_sql_delete_of_an_entry_is_refused_by_the_database(child, practitioner):
    entry = planned_visit(child, practitioner)

    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM records_draftautosave WHERE entry_id = %s", [entry.pk])
            cursor.execute("DELETE FROM records_entry WHERE id = %s", [entry.pk])

    assert "entries are never deleted" in refused_by_database(delete)
    assert Entry.objects.filter(pk=entry.pk).exists()
