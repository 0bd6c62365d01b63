"""Timescales of entries (§4, §10): events on non-working days, same-day recording, late updates and
changed visit dates. Dates are computed in London time inside each test."""

import importlib
from datetime import datetime, time, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from records.entries import services
from records.models import Entry, EntryAmendment, EntryDateChange, SameDayReason
from tests.conftest import client_for
from tests.factories import EmergencyAccessFactory
from tests.govuk_html import assert_form_error, texts
from tests.records.conftest import refused_by_database
from tests.records.entries.test_entry_amendments import CORRECTED, amendment_fields
from tests.records.entries.test_recording_visits import (
    LONDON, basic_details_fields, completed_visit, page_url, planned_visit, row, when_fields, write_up,
)
from tests.records.entries.test_entry_late import start_of_today, working_days_ago


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def yesterday_at(hour: int) -> datetime:
    return datetime.combine(timezone.localdate() - timedelta(days=1), time(hour), tzinfo=LONDON)


def same_day_visit(child, by, *, event_at, reason=SameDayReason.SAFEGUARDING) -> Entry:
    entry = planned_visit(child, by, event_at=event_at)
    return services.mark_same_day(entry=entry, by=by, reason=reason)


def record_basic(entry, by, *, event_at=None, date_change_reason=""):
    return services.record_basic_details(
        entry=entry, by=by, event_at=event_at or entry.event_at, who_was_seen="Amara", child_seen=True,
        reason_child_not_seen="", child_seen_alone=True, venue="Home", others_present="",
        date_change_reason=date_change_reason)


def complete(entry, by):
    return services.complete_entry(entry=entry, by=by, write_up=write_up(), expected_version=None)


# --- Events on a non-working day (§4, §10) ----------------------------------------------------------

@pytest.mark.parametrize("event_at, due_at", [
    (london(2026, 11, 28, 11), london(2026, 12, 2, 0)),   # Saturday -> end of Tuesday 1 December
    (london(2026, 11, 29, 18), london(2026, 12, 2, 0)),   # Sunday -> end of Tuesday
    (london(2026, 4, 3, 10), london(2026, 4, 9, 0)),      # Good Friday -> (Easter Monday off) end of Wed 8 April
    (london(2026, 12, 25, 10), london(2026, 12, 31, 0)),  # Christmas Day (Fri; Boxing Day Mon 28) -> end of Wed 30
])
def test_entry_for_an_event_on_a_non_working_day_is_due_two_working_days_after_it(child, practitioner, event_at,
                                                                                   due_at):
    entry = planned_visit(child, practitioner, event_at=event_at)

    assert Entry.objects.get(pk=entry.pk).due_at == due_at


def _migration():
    return importlib.import_module("records.migrations.0020_timescales")


def test_migration_recomputes_due_times_of_open_entries_on_non_working_days_only(child, practitioner):
    saturday = planned_visit(child, practitioner, event_at=london(2026, 11, 28, 11))
    monday = planned_visit(child, practitioner, event_at=london(2026, 11, 30, 11))
    done = completed_visit(child, practitioner, event_at=working_days_ago(3))
    old_rule = london(2026, 12, 3, 0)  # end of Wednesday: the Saturday counted as a Monday
    Entry.objects.filter(pk=saturday.pk).update(due_at=old_rule)
    Entry.objects.filter(pk=done.pk).update(due_at=old_rule)
    done_before, monday_before = row(done), row(monday)

    _migration().recompute_due_times(apps, None)

    assert Entry.objects.get(pk=saturday.pk).due_at == london(2026, 12, 2, 0)
    latest = Entry.history.filter(id=saturday.pk).order_by("-history_id").first()
    assert latest.history_change_reason.startswith("Due time corrected")
    assert row(done) == done_before  # completed entries, and their Late entry marks, keep what they have
    assert row(done)["is_late_entry"] is True
    assert row(monday) == monday_before


# --- Same-day recording (§4) -----------------------------------------------------------------------------

def test_same_day_entry_is_due_at_the_end_of_the_events_day(child, practitioner):
    entry = same_day_visit(child, practitioner, event_at=london(2026, 11, 28, 15))  # a Saturday, all the same

    entry = Entry.objects.get(pk=entry.pk)
    assert entry.same_day_reason == SameDayReason.SAFEGUARDING
    assert entry.due_at == london(2026, 11, 29, 0)


def test_same_day_entry_completed_after_midnight_is_a_late_entry(child, practitioner):
    entry = record_basic(same_day_visit(child, practitioner, event_at=yesterday_at(10)), practitioner)

    entry = complete(entry, practitioner)

    assert entry.due_at == start_of_today()
    assert (entry.is_late_entry, entry.late_entry_recorded_at) == (True, entry.completed_at)


def test_ordinary_entry_from_yesterday_completed_now_is_not_late(child, practitioner):
    # The same visit without the same-day mark: two working days, not yet late.
    entry = complete(record_basic(planned_visit(child, practitioner, event_at=yesterday_at(10)), practitioner),
                     practitioner)

    assert entry.is_late_entry is False


def test_same_day_entry_completed_on_the_day_is_not_late(child, practitioner):
    entry = record_basic(same_day_visit(child, practitioner, event_at=start_of_today()), practitioner)

    assert complete(entry, practitioner).is_late_entry is False


def test_mark_same_day_needs_one_of_the_two_reasons_and_saves_nothing_otherwise(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Select why this must be recorded the same day"):
        services.mark_same_day(entry=entry, by=practitioner, reason="because")
    assert row(entry) == before


def test_completed_entry_cannot_be_marked_same_day(child, practitioner):
    entry = completed_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="completed and signed"):
        services.mark_same_day(entry=entry, by=practitioner, reason=SameDayReason.SAFEGUARDING)
    assert row(entry) == before


def test_marking_same_day_through_the_page_shows_it_on_the_entry_and_the_list(child, practitioner):
    entry = planned_visit(child, practitioner)
    client = client_for(practitioner)

    response = client.post(page_url(child, "same_day", entry), {"same_day_reason": "emergency_duty"})

    assert response.status_code == 302
    assert Entry.objects.get(pk=entry.pk).same_day_reason == SameDayReason.EMERGENCY_DUTY
    mark = ["Same day: information the Emergency Duty Team needs"]
    assert texts(client.get(page_url(child, "entry_detail", entry)), "cw-same-day") == mark
    assert texts(client.get(page_url(child, "entry_list")), "cw-same-day") == mark


def test_same_day_page_without_a_choice_is_refused(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "same_day", entry), {"same_day_reason": ""})

    assert_form_error(response, "Select why this must be recorded the same day")
    assert row(entry) == before


def test_entry_not_marked_same_day_shows_no_mark(child, practitioner):
    entry = planned_visit(child, practitioner)

    assert texts(client_for(practitioner).get(page_url(child, "entry_detail", entry)), "cw-same-day") == []


# --- The same-day page: who may use it, and its queries (issue 15 re-audit) --------------------------

def test_the_same_day_page_is_not_found_for_someone_who_cannot_see_the_child(child, practitioner,
                                                                             other_practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)
    client = client_for(other_practitioner)

    assert client.get(page_url(child, "same_day", entry)).status_code == 404
    assert client.post(page_url(child, "same_day", entry), {"same_day_reason": "safeguarding"}).status_code == 404
    assert row(entry) == before


@pytest.mark.parametrize("others", [0, 15])
def test_the_same_day_page_reads_a_fixed_number_of_queries(child, practitioner, others,
                                                           django_assert_max_num_queries):
    from casework.banner.selectors import BANNER_QUERIES
    for _ in range(others):
        same_day_visit(child, practitioner, event_at=start_of_today())
    entry = planned_visit(child, practitioner)
    client = client_for(practitioner)
    client.get(page_url(child, "same_day", entry))  # warm: the session and the calendar
    with django_assert_max_num_queries(14 + BANNER_QUERIES):
        assert client.get(page_url(child, "same_day", entry)).status_code == 200
    with django_assert_max_num_queries(24 + BANNER_QUERIES):
        assert client.post(page_url(child, "same_day", entry), {"same_day_reason": "safeguarding"}).status_code == 302


# --- Same-day marking when the entry is planned or started (§4) ---------------------------------------

def _start_fields(page: str, when: datetime) -> dict:
    fields = {**when_fields(when), "same_day_reason": "safeguarding"}
    return {**fields, **{
        "visit_new": {"planned_purpose": "See Amara after the concern from school"},
        "contact_new": {"kind": "contact_phone", "others_present": "Mrs Patel, class teacher"},
        "decision_new": {"decision_maker_name": "Marcus Bennett", "decision_maker_role": "Team Manager"},
    }[page]}


@pytest.mark.parametrize("page", ["visit_new", "contact_new", "decision_new"])
def test_an_entry_is_marked_same_day_on_the_form_that_plans_or_starts_it(child, practitioner, page):
    when = start_of_today()
    client = client_for(practitioner)
    assert "Must this be recorded today?" in client.get(page_url(child, page)).content.decode()

    response = client.post(page_url(child, page), _start_fields(page, when))

    entry = Entry.objects.get(child=child)
    assert response.status_code == 302
    assert entry.same_day_reason == SameDayReason.SAFEGUARDING
    assert entry.due_at == datetime.combine(timezone.localdate() + timedelta(days=1), time.min, tzinfo=LONDON)
    assert texts(client.get(page_url(child, "entry_detail", entry)), "cw-same-day") == [
        "Same day: safeguarding concern"]


@pytest.mark.parametrize("page", ["visit_new", "contact_new", "decision_new"])
def test_a_start_form_left_on_no_is_due_within_two_working_days(child, practitioner, page):
    when = start_of_today()
    fields = {**_start_fields(page, when), "same_day_reason": "no"}

    client_for(practitioner).post(page_url(child, page), fields)

    entry = Entry.objects.get(child=child)
    assert entry.same_day_reason == ""
    assert entry.due_at == services.working_calendar().due_at(entry.event_at)


@pytest.mark.parametrize("page", ["visit_new", "contact_new", "decision_new"])
def test_a_start_form_with_an_unknown_same_day_reason_is_refused_and_saves_nothing(child, practitioner, page):
    fields = {**_start_fields(page, start_of_today()), "same_day_reason": "because"}

    response = client_for(practitioner).post(page_url(child, page), fields)

    assert_form_error(response, "Select whether this must be recorded the same day")
    assert not Entry.objects.exists()


def test_the_start_services_refuse_an_unknown_same_day_reason(child, practitioner):
    with pytest.raises(ValidationError, match="Select why this must be recorded the same day"):
        services.plan_visit(child=child, by=practitioner, event_at=start_of_today(), purpose="See Amara",
                            same_day_reason="because")
    assert not Entry.objects.exists()


# --- Same-day entries shown first to the Emergency Duty Team -------------------------------------------

def _restricted_same_day(child, practitioner, manager):
    from records.entries.restrictions import restrict_entry

    entry = completed_visit(child, practitioner, event_at=start_of_today())
    Entry.objects.filter(pk=entry.pk).update(same_day_reason=SameDayReason.SAFEGUARDING)
    restrict_entry(entry=entry, by=practitioner, reason="in_confidence", reason_detail="Told in confidence",
                   advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    return entry


@pytest.mark.parametrize("page", ["casework:child_record", "records:entry_list"])
def test_emergency_duty_sees_same_day_entries_first_but_never_restricted_ones(
        child, practitioner, manager, edt, page, django_assert_max_num_queries):
    from django.urls import reverse

    shown = same_day_visit(child, practitioner, event_at=start_of_today())
    planned_visit(child, practitioner)  # not same-day: not in the panel
    restricted = _restricted_same_day(child, practitioner, manager)
    EmergencyAccessFactory(user=edt, child=child, reason="Police called about a concern at home")
    client = client_for(edt)

    with django_assert_max_num_queries(60):
        response = client.get(reverse(page, args=[child.local_id]))

    links = [a.attrs.get("href") for a in _panel(response).iter() if a.tag == "a"]
    assert links == [page_url(child, "entry_detail", shown)]
    assert page_url(child, "entry_detail", restricted) not in response.content.decode()


def _panel(response):
    from tests.records.entries.test_recording_visits import element_by_id

    return element_by_id(response, "same-day-records")


def test_allocated_worker_does_not_get_the_emergency_panel(child, practitioner):
    same_day_visit(child, practitioner, event_at=start_of_today())

    response = client_for(practitioner).get(page_url(child, "entry_list"))

    assert 'id="same-day-records"' not in response.content.decode()


def test_expired_emergency_access_shows_no_panel_and_no_record(child, practitioner, edt):
    same_day_visit(child, practitioner, event_at=start_of_today())
    now = timezone.now()
    EmergencyAccessFactory(user=edt, child=child, reason="Last night", started_at=now - timedelta(hours=30),
                           expires_at=now - timedelta(hours=6))

    assert client_for(edt).get(page_url(child, "entry_list")).status_code == 404


# --- Late updates (§4: records "created or updated late") -------------------------------------------

def test_amendment_after_the_due_time_is_marked_late_update(child, practitioner):
    entry = completed_visit(child, practitioner, event_at=working_days_ago(3))

    services.amend_entry(entry=entry, by=practitioner, answers=CORRECTED, reason="Wrong child's views")

    amendment = EntryAmendment.objects.get(entry=entry)
    assert amendment.is_late_update is True
    assert amendment.amended_at >= Entry.objects.get(pk=entry.pk).due_at


def test_amendment_before_the_due_time_is_not_marked(child, practitioner):
    entry = completed_visit(child, practitioner, event_at=start_of_today())

    services.amend_entry(entry=entry, by=practitioner, answers=CORRECTED, reason="Typo")

    assert EntryAmendment.objects.get(entry=entry).is_late_update is False


def test_late_update_shows_on_the_entry_page_with_its_date_and_time(child, practitioner):
    entry = completed_visit(child, practitioner, event_at=working_days_ago(3))
    client = client_for(practitioner)
    client.post(page_url(child, "amend", entry), amendment_fields())

    response = client.get(page_url(child, "entry_detail", entry))

    amended = timezone.localtime(EntryAmendment.objects.get(entry=entry).amended_at)
    assert texts(response, "cw-late-update") == ["Late update"]
    assert f"updated {amended:%-d %B %Y, %H:%M}" in texts(response, "govuk-body-s")


def test_on_time_amendment_shows_no_late_update(child, practitioner):
    entry = completed_visit(child, practitioner, event_at=start_of_today())
    client = client_for(practitioner)
    client.post(page_url(child, "amend", entry), amendment_fields())

    assert texts(client.get(page_url(child, "entry_detail", entry)), "cw-late-update") == []


def test_late_update_mark_can_never_be_removed(child, practitioner):
    entry = completed_visit(child, practitioner, event_at=working_days_ago(3))
    services.amend_entry(entry=entry, by=practitioner, answers=CORRECTED, reason="Wrong child's views")
    amendment = EntryAmendment.objects.get(entry=entry)

    amendment.is_late_update = False
    with pytest.raises(ValidationError, match="Late update mark is never removed"):
        amendment.save()
    assert "append-only" in refused_by_database(
        lambda: EntryAmendment.objects.filter(pk=amendment.pk).update(is_late_update=False))
    assert EntryAmendment.objects.get(pk=amendment.pk).is_late_update is True


def test_late_update_is_in_the_pdf_section_of_the_entry(child, practitioner):
    from django.template.loader import render_to_string

    entry = completed_visit(child, practitioner, event_at=working_days_ago(3))
    services.amend_entry(entry=entry, by=practitioner, answers=CORRECTED, reason="Wrong child's views")
    amended = timezone.localtime(EntryAmendment.objects.get(entry=entry).amended_at)

    html = render_to_string("records/pdf/_entries.html", {"entries": [Entry.objects.get(pk=entry.pk)]})

    assert f"Late update: updated {amended:%-d %B %Y, %H:%M}." in html


def _amendment_from_before_the_mark(entry, by, amended_at) -> EntryAmendment:
    """An amendment row as records 0020 left it: made before the Late update mark was stored, so it says
    is_late_update=False whenever it was made (the table is append-only: nothing can update it since)."""
    return EntryAmendment.objects.create(entry=entry, amended_by=by, amended_at=amended_at, reason="Old correction",
                                         previous_answers=entry.answers, is_late_update=False)


def test_an_amendment_made_late_before_the_mark_existed_is_shown_as_a_late_update(child, practitioner):
    entry = Entry.objects.get(pk=completed_visit(child, practitioner, event_at=working_days_ago(3)).pk)
    old = _amendment_from_before_the_mark(entry, practitioner, amended_at=timezone.now() - timedelta(minutes=5))
    assert old.amended_at >= entry.due_at and not EntryAmendment.objects.get(pk=old.pk).is_late_update

    response = client_for(practitioner).get(page_url(child, "entry_detail", entry))
    amended = timezone.localtime(old.amended_at)
    assert texts(response, "cw-late-update") == ["Late update"]
    assert f"updated {amended:%-d %B %Y, %H:%M}" in texts(response, "govuk-body-s")

    from django.template.loader import render_to_string
    html = render_to_string("records/pdf/_entries.html", {"entries": [Entry.objects.get(pk=entry.pk)]})
    assert f"Late update: updated {amended:%-d %B %Y, %H:%M}." in html


def test_an_amendment_made_in_time_before_the_mark_existed_is_not_marked(child, practitioner):
    entry = Entry.objects.get(pk=completed_visit(child, practitioner, event_at=start_of_today()).pk)
    _amendment_from_before_the_mark(entry, practitioner, amended_at=timezone.now())

    response = client_for(practitioner).get(page_url(child, "entry_detail", entry))

    assert texts(response, "cw-late-update") == []


# --- Changing a visit's date (§4, §10) ----------------------------------------------------------------

def test_changing_the_date_without_a_reason_is_refused_and_saves_nothing(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=working_days_ago(2))
    before = row(entry)

    with pytest.raises(ValidationError, match="Enter why the date of the visit changed"):
        record_basic(entry, practitioner, event_at=working_days_ago(1))
    assert row(entry) == before
    assert not EntryDateChange.objects.exists()


def test_changing_the_date_with_a_reason_moves_the_due_time_and_keeps_the_change(child, practitioner):
    planned, actual = london(2026, 3, 6, 16), london(2026, 3, 9, 11)  # Friday -> Monday
    entry = planned_visit(child, practitioner, event_at=planned)

    record_basic(entry, practitioner, event_at=actual, date_change_reason="Mother was ill on Friday")

    change = EntryDateChange.objects.get(entry=entry)
    assert (change.previous_event_at, change.new_event_at, change.reason, change.changed_by) == (
        planned, actual, "Mother was ill on Friday", practitioner)
    assert (change.previous_due_at, change.new_due_at) == (london(2026, 3, 11, 0), london(2026, 3, 12, 0))
    assert Entry.objects.get(pk=entry.pk).due_at == london(2026, 3, 12, 0)


def test_changing_only_the_time_on_the_same_day_needs_no_reason(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=start_of_today() + timedelta(minutes=30))

    record_basic(entry, practitioner, event_at=start_of_today() + timedelta(minutes=5))

    assert not EntryDateChange.objects.exists()


def test_changed_date_and_reason_show_on_the_entry_page(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=working_days_ago(2))
    moved = working_days_ago(1)
    client = client_for(practitioner)

    response = client.post(page_url(child, "basic_details", entry), basic_details_fields(
        moved, date_change_reason="The school asked to move it"))

    assert response.status_code == 302
    page = client.get(page_url(child, "entry_detail", entry))
    [text] = texts(page, "cw-date-change")
    assert text.startswith(f"Date changed from {working_days_ago(2):%-d %B %Y, %H:%M} to {moved:%-d %B %Y, %H:%M}"
                           ": The school asked to move it")


def test_changed_date_without_a_reason_on_the_page_is_an_error(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=working_days_ago(2))
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(working_days_ago(1)))

    assert response.status_code == 200
    assert_form_error(response, "Enter why the date of the visit changed")
    assert row(entry) == before


def test_a_date_change_is_kept_as_it_was_made(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=working_days_ago(2))
    record_basic(entry, practitioner, event_at=working_days_ago(1), date_change_reason="Moved")
    change = EntryDateChange.objects.get()

    assert "append-only" in refused_by_database(lambda: EntryDateChange.objects.filter(pk=change.pk).update(reason="x"))
    assert "append-only" in refused_by_database(lambda: EntryDateChange.objects.filter(pk=change.pk).delete())
