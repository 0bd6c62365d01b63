"""§4 same-day recording in the timeliness engine: a same-day entry not completed by the end of the
event's day is flagged "Same-day record not completed"; the flag closes once it is completed."""

from datetime import datetime

from django.utils import timezone

from records.calendar.working_days import LONDON
from records.entries import services
from records.models import Flag, SameDayReason
from records.timeliness.services import describe, run_flag_pass
from tests.records.timeliness.test_timeliness import open_flags, write_up


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def same_day_contact(child, by, event_at, reason=SameDayReason.EMERGENCY_DUTY):
    contact = services.start_contact(child=child, by=by, kind="contact_phone", event_at=event_at,
                                     others_present="Police")
    return services.mark_same_day(entry=contact, by=by, reason=reason)


def test_same_day_flag_opens_after_midnight_ending_the_events_day_and_not_before(child, practitioner):
    contact = same_day_contact(child, practitioner, london(2026, 11, 16, 15))  # Monday afternoon

    run_flag_pass(now=london(2026, 11, 16, 23, 59))
    assert not open_flags("same_day_overdue").exists()
    run_flag_pass(now=london(2026, 11, 17, 0, 0))
    flag = open_flags("same_day_overdue").get()
    assert (flag.entry, flag.owner, flag.due_at) == (contact, practitioner, london(2026, 11, 17, 0, 0))
    assert describe(flag) == "Same-day record not completed"
    # One flag for the entry: not also "Write-up not completed" once its two working days pass.
    run_flag_pass(now=london(2026, 11, 19, 9))
    assert list(open_flags().filter(entry=contact).values_list("kind", flat=True)) == ["same_day_overdue"]


def test_same_day_flag_closes_when_the_entry_is_completed(child, practitioner):
    contact = same_day_contact(child, practitioner, london(2026, 11, 16, 15), SameDayReason.SAFEGUARDING)
    run_flag_pass(now=london(2026, 11, 17, 9))
    assert open_flags("same_day_overdue").exists()

    contact = services.complete_entry(entry=contact, by=practitioner, write_up=write_up(contact), expected_version=None)
    run_flag_pass(now=timezone.now())

    assert not open_flags("same_day_overdue").exists()
    assert Flag.objects.get(kind="same_day_overdue").closed_at is not None
    assert contact.is_late_entry is True


def test_ordinary_contact_from_the_same_day_is_not_flagged_the_next_morning(child, practitioner):
    services.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=london(2026, 11, 16, 15),
                           others_present="Mother")

    run_flag_pass(now=london(2026, 11, 17, 9))

    assert not open_flags().filter(entry__isnull=False).exists()


def test_saturday_visit_is_flagged_from_wednesday_not_thursday(child, practitioner):
    visit = services.plan_visit(child=child, by=practitioner, event_at=london(2026, 11, 28, 11), purpose="Home visit")

    run_flag_pass(now=london(2026, 12, 1, 23, 59))
    assert not open_flags("basic_details_overdue").exists()
    run_flag_pass(now=london(2026, 12, 2, 0, 0))  # midnight ending Tuesday 1 December
    assert open_flags("basic_details_overdue").get().entry == visit
