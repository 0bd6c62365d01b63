"""The timescales of entries (§4, §10), in one place for the entry services to call.

- An entry is due at the end of the second working day after its event, or, for information
  that must be recorded the same day (a safeguarding concern, what the Emergency Duty Team needs),
  at the end of the event's own day, London time (records.calendar.working_days).
- An amendment made after the entry's due time is a "Late update" (§4: records "created or updated
  late"), marked on the amendment row, which is append-only.
- A visit's date changes only with a reason, because its due time moves with it; each change is
  kept (EntryDateChange) and shown on the entry.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from records.calendar.working_days import RECORDING_WORKING_DAYS, WorkingCalendar, london_date
from records.models import ClosureDay, Entry, EntryDateChange

SAME_DAY = 0  # working days after the event: due at the end of the event's own day (§4)


def working_calendar() -> WorkingCalendar:
    return WorkingCalendar(closure_days=ClosureDay.objects.values_list("day", flat=True))


def due_at_for(calendar: WorkingCalendar, event_at: datetime, same_day_reason: str = "") -> datetime:
    """When a record of an event at `event_at` becomes late."""
    return calendar.due_at(event_at, SAME_DAY if same_day_reason else RECORDING_WORKING_DAYS)


def is_late_update(entry: Entry, at: datetime | None = None) -> bool:
    """§4: an update (amendment) made at or after the entry's due time is a late update."""
    return signing_is_late(entry, at)


def signing_is_late(entry: Entry, at: datetime | None = None) -> bool:
    """§10: an entry signed at `at` (now) at or after its due time is marked "Late entry"."""
    return entry.due_at is not None and (at or timezone.now()) >= entry.due_at


def check_date_change(entry: Entry, new_event_at: datetime, reason: str) -> bool:
    """Whether the event's date (in London) changes; refused, before anything is saved, without a reason."""
    if london_date(new_event_at) == london_date(entry.event_at):
        return False
    if not (reason or "").strip():
        raise ValidationError("Enter why the date of the visit changed")
    return True


def record_date_change(entry: Entry, *, by, previous_event_at: datetime, previous_due_at, reason: str) -> EntryDateChange:
    """Keep the change (old and new date and due time, reason, who, when); called once the entry is saved."""
    return EntryDateChange.objects.create(
        entry=entry, previous_event_at=previous_event_at, new_event_at=entry.event_at,
        previous_due_at=previous_due_at, new_due_at=entry.due_at, reason=reason.strip(), changed_by=by,
    )
