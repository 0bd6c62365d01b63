"""Marking records made late (§4, §10) and signing them with name and post title (§9).

The working-day rules live in records.calendar (bank holidays, council closure days). casework may
not import records, so the records app hands its calendar over when it starts
(records.apps.RecordsConfig.ready -> `use_working_calendar`); without one, nothing here runs, so a
missing calendar can never silently mark nothing late.
"""

from datetime import date, datetime, time
from typing import Callable, Protocol
from zoneinfo import ZoneInfo

from django.utils import timezone

from casework.handover import Handover

LONDON = ZoneInfo("Europe/London")


class Calendar(Protocol):
    def is_late(self, event_at: datetime, recorded_at: datetime) -> bool: ...


# Given once by the records app: called, it returns the council's working calendar now.
_calendar_factory: Handover[Callable[[], Calendar]] = Handover("working calendar")
use_working_calendar = _calendar_factory.give


def working_calendar() -> Calendar:
    return _calendar_factory.call()


def recorded_late(day: date | None, recorded_at: datetime, calendar: Calendar | None = None) -> bool:
    """Recorded more than two working days after `day` (a London date)? Unknown dates are never late."""
    if day is None:
        return False
    event_at = datetime.combine(day, time.min, tzinfo=LONDON)
    return (calendar or working_calendar()).is_late(event_at, recorded_at)


def author_of(user) -> tuple[str, str]:
    """§9: the name and post title to keep on what `user` records, as they are now."""
    profile = getattr(user, "staff_profile", None)
    return (user.get_full_name() or user.username), (profile.post_title if profile else "")


def sign_new(item, by) -> None:
    """A new item: who recorded it (name, post title), and "Late entry" if recorded late."""
    item.recorded_name, item.recorded_post_title = author_of(by)
    recorded_at = item.recorded_when or timezone.now()
    if recorded_late(item.event_day, recorded_at):
        item.late_entry_recorded_at = recorded_at


def mark_update(item, *, by, day: date | None = None, now: datetime | None = None) -> None:
    """A correction or update of `item` (about `day`, by default the item's own date) by `by`: who updated it
    and when (§9, shown with the item), and "Late update" if it is late. An update on time leaves an earlier
    mark where it is: marks are never removed."""
    now = now or timezone.now()
    item.updated_name, item.updated_post_title = author_of(by)
    item.updated_at = now
    if recorded_late(day if day is not None else item.event_day, now):
        item.late_update_recorded_at = now
