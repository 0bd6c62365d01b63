"""§4, §9, §10 on the basic record: each item shows who recorded it (name, post title as it was, when); one
recorded or updated more than two working days after the date of what it records says "Late entry" /
"Late update" with when, for ever."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from access.models import StaffProfile
from casework.basic_record import services
from casework.basic_record.models import ClosePerson, Placement
from casework.models import HouseholdMember
from casework.recording.lateness import recorded_late, working_calendar
from records.models import PdfJob
from records.tasks import build_pdf
from tests.casework.basic_record.basic_record_builders import basic_record_items
from tests.conftest import client_for
from tests.factories import ClosureDayFactory
from tests.govuk_html import texts
from tests.pdf_text import response_text

LONDON = ZoneInfo("Europe/London")


def working_days_ago(count: int) -> date:
    calendar = working_calendar()
    day = timezone.localdate()
    while count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            count -= 1
    return day


def _placement(child, by, start):
    return services.add_item(model=Placement, child=child, by=by, placement_type="foster_la",
                             carer_or_provider="Mr and Mrs Hughes", address="4 Elm Road", start_date=start)


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


# --- The rule, through the council's working calendar ----------------------------------------------

def test_the_rule_counts_working_days_across_a_weekend(db):
    thursday = date(2026, 3, 5)  # due by the end of Monday 9 March (Friday, Monday)
    assert not recorded_late(thursday, _at(date(2026, 3, 9), 23, 59))
    assert recorded_late(thursday, _at(date(2026, 3, 10), 0, 0))


def test_the_rule_skips_bank_holidays(db):
    maundy_thursday = date(2026, 4, 2)  # Good Friday 3 and Easter Monday 6 April are not working days
    assert not recorded_late(maundy_thursday, _at(date(2026, 4, 8), 17, 0))
    assert recorded_late(maundy_thursday, _at(date(2026, 4, 9), 9, 0))


def test_the_rule_skips_council_closure_days(db):
    ClosureDayFactory(day=date(2026, 3, 9), description="Office move")
    assert not recorded_late(date(2026, 3, 5), _at(date(2026, 3, 10), 12, 0))


# --- Late entry and Late update -------------------------------------------------------------------

def test_an_item_recorded_three_working_days_after_its_date_is_a_late_entry(child, practitioner):
    placement = Placement.objects.get(pk=_placement(child, practitioner, working_days_ago(3)).pk)
    assert placement.is_late_entry and placement.late_entry_recorded_at == placement.recorded_at


def test_an_item_recorded_two_working_days_after_its_date_is_not_late(child, practitioner):
    placement = Placement.objects.get(pk=_placement(child, practitioner, working_days_ago(2)).pk)
    assert placement.late_entry_recorded_at is None and placement.late_update_recorded_at is None


def test_a_household_member_who_joined_three_working_days_ago_is_a_late_entry(child, practitioner):
    member = services.add_household_member(child=child, by=practitioner, full_name="Grace Okoye", relationship="Mother",
                                           joined_on=working_days_ago(3), has_parental_responsibility=True)
    assert HouseholdMember.objects.get(pk=member.pk).is_late_entry


def test_a_person_close_to_the_child_needs_the_date_of_what_it_records(child, practitioner):
    with pytest.raises(ValidationError, match="Enter the date of what this records"):
        services.add_item(model=ClosePerson, child=child, by=practitioner, full_name="Ruth", relationship="Aunt",
                          contact_frequency="Weekly")
    late = services.add_item(model=ClosePerson, child=child, by=practitioner, full_name="Ruth", relationship="Aunt",
                             contact_frequency="Weekly", start_date=date(2015, 1, 1), event_date=working_days_ago(2))
    assert not ClosePerson.objects.get(pk=late.pk).is_late_entry  # "known since" 2015 is not what was recorded


def test_a_correction_made_late_is_a_late_update_and_keeps_the_late_entry(child, practitioner):
    placement = _placement(child, practitioner, working_days_ago(3))
    services.correct_item(item=placement, by=practitioner, child=child, reason="Spelling", carer_or_provider="Mr Hughes")
    placement = Placement.objects.get(pk=placement.pk)
    assert placement.is_late_entry and placement.is_late_update
    assert placement.late_update_recorded_at >= placement.late_entry_recorded_at


def test_an_end_recorded_three_working_days_late_is_a_late_update(child, practitioner):
    placement = _placement(child, practitioner, working_days_ago(5))
    services.end_item(item=placement, by=practitioner, end_date=working_days_ago(3), end_reason="Moved")
    assert Placement.objects.get(pk=placement.pk).is_late_update


def test_an_end_recorded_on_time_is_not_a_late_update(child, practitioner):
    placement = _placement(child, practitioner, working_days_ago(1))
    services.end_item(item=placement, by=practitioner, end_date=timezone.localdate(), end_reason="Moved")
    assert not Placement.objects.get(pk=placement.pk).is_late_update


# --- The marks are never removed ------------------------------------------------------------------

@pytest.mark.parametrize("change", [{"late_entry_recorded_at": None}, {"late_update_recorded_at": None}])
def test_the_marks_cannot_be_removed_by_save(child, practitioner, change):
    placement = _placement(child, practitioner, working_days_ago(3))
    services.correct_item(item=placement, by=practitioner, child=child, reason="Spelling", carer_or_provider="Mr Hughes")
    placement = Placement.objects.get(pk=placement.pk)
    for name, value in change.items():
        setattr(placement, name, value)
    with pytest.raises(ValidationError, match="can never be removed"):
        placement.save()


@pytest.mark.parametrize("column", ["late_entry_recorded_at", "late_update_recorded_at"])
def test_the_database_refuses_to_remove_the_marks(child, practitioner, column):
    placement = _placement(child, practitioner, working_days_ago(3))
    services.correct_item(item=placement, by=practitioner, child=child, reason="Spelling", carer_or_provider="Mr Hughes")
    with pytest.raises(IntegrityError, match="can never be removed"), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(**{column: None})
    assert getattr(Placement.objects.get(pk=placement.pk), column) is not None


# --- Who recorded it, on the page and in the PDF (§9) -----------------------------------------------

def test_the_page_shows_name_post_title_time_and_the_late_mark(child, practitioner):
    placement = _placement(child, practitioner, working_days_ago(3))
    StaffProfile.objects.filter(user=practitioner).update(post_title="Team Manager")  # promoted since
    response = client_for(practitioner).get(reverse("casework:child_family", args=[child.local_id]))
    recorded = timezone.localtime(placement.recorded_at)
    byline = f"Recorded by {practitioner.get_full_name()}, {placement.recorded_post_title}, {recorded:%-d %B %Y, %H:%M}"
    assert placement.recorded_post_title and placement.recorded_post_title != "Team Manager"
    assert byline in texts(response, "cw-recorded-by")
    assert texts(response, "cw-late-entry") == ["Late entry"]


def test_an_item_on_time_has_no_late_mark_on_the_page(child, practitioner):
    _placement(child, practitioner, timezone.localdate())
    response = client_for(practitioner).get(reverse("casework:child_family", args=[child.local_id]))
    assert texts(response, "cw-late-entry") == [] and texts(response, "cw-late-update") == []


def test_the_record_pdf_shows_who_recorded_each_item_and_the_late_mark(child, practitioner):
    placement = _placement(child, practitioner, working_days_ago(3))
    client = client_for(practitioner)
    client.post(reverse("records:pdf_request", args=[child.local_id]), {})
    job = PdfJob.objects.get(child=child)
    assert build_pdf(job.pk) == "built"
    text = " ".join(response_text(client.get(reverse("records:pdf_download", args=[child.local_id, job.pk]))).split())
    recorded = timezone.localtime(placement.recorded_at)
    assert (f"Recorded by {practitioner.get_full_name()}, {placement.recorded_post_title}, "
            f"{recorded:%-d %B %Y, %H:%M}") in text
    assert f"Late entry: recorded {recorded:%-d %B %Y, %H:%M}" in text


def test_the_basic_record_page_reads_a_fixed_number_of_queries(child, practitioner, django_assert_max_num_queries):
    client = client_for(practitioner)
    url = reverse("casework:child_family", args=[child.local_id])
    basic_record_items(child, practitioner, text="one")
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(4):
        basic_record_items(child, practitioner, text=f"more {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(texts(response, "cw-recorded-by")) >= 5 * 6


# --- Who corrected it, and when (§9), on the page and in the PDF -----------------------------------

def test_a_correction_shows_who_made_it_with_their_post_title_then_and_when(child, practitioner, colleague):
    placement = _placement(child, practitioner, working_days_ago(3))
    services.correct_item(item=placement, by=colleague, child=child, reason="Spelling", carer_or_provider="Mr Hughes")
    placement = Placement.objects.get(pk=placement.pk)
    post_then = colleague.staff_profile.post_title
    StaffProfile.objects.filter(user=colleague).update(post_title="Team Manager")  # promoted since
    corrected = timezone.localtime(placement.updated_at)
    byline = f"Corrected or updated by {colleague.get_full_name()}, {post_then}, {corrected:%-d %B %Y, %H:%M}"
    assert (placement.updated_name, placement.updated_post_title) == (colleague.get_full_name(), post_then)

    response = client_for(practitioner).get(reverse("casework:child_family", args=[child.local_id]))
    assert texts(response, "cw-updated-by") == [byline]

    client = client_for(practitioner)
    client.post(reverse("records:pdf_request", args=[child.local_id]), {})
    job = PdfJob.objects.get(child=child)
    assert build_pdf(job.pk) == "built"
    text = " ".join(response_text(client.get(reverse("records:pdf_download", args=[child.local_id, job.pk]))).split())
    assert byline in text


def test_an_item_never_corrected_names_no_corrector(child, practitioner):
    _placement(child, practitioner, working_days_ago(1))
    response = client_for(practitioner).get(reverse("casework:child_family", args=[child.local_id]))
    assert texts(response, "cw-updated-by") == []
