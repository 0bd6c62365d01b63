"""Working-day arithmetic for recording timescales (§4, §10: "within two working days").

Working days are Monday to Friday, except bank holidays in England and Wales (from the
`holidays` package, offline, one-off holidays and substitute days included) and council closure
days that administrators add. Rules:

- the event day itself never counts: "within two working days" is the next two working days after
  the event, whatever day the event fell on;
- so an event on a non-working day (a weekend, a bank holiday) is due at the end of the second
  working day after it: a Saturday or Sunday visit is due at the end of Tuesday (like a Friday
  one), not Wednesday; an event on Good Friday is due at the end of the Wednesday after Easter;
- the due time is the end of the Nth working day after the event, in Europe/London: an entry is
  late when it is recorded at or after midnight that ends the due day;
- with N = 0 (same-day recording, §4) the due time is the end of the event's own day, working
  day or not.

Everything is computed in Europe/London dates, so clock changes in March and October move nothing.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
RECORDING_WORKING_DAYS = 2  # §4, §10
# How far ahead work shows as due soon, on every list (my work, the team dashboard, visits due): two weeks
# before it is due, and every day after until it is done.
DUE_SOON_DAYS = 14


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # "GB" with subdivision "ENG" is England's list, which England and Wales share.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


class WorkingCalendar:
    """Bank holidays plus council closure days. Build one per job and reuse it for many dates."""

    def __init__(self, closure_days: Iterable[date] = ()):
        self.closure_days = frozenset(closure_days)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _bank_holidays(day.year) and day not in self.closure_days

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`th working day after `start` (start itself not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def due_date(self, event_day: date, working_days: int = RECORDING_WORKING_DAYS) -> date:
        """The last day on which a record of an event on `event_day` is on time.

        The Nth working day after the event day, which itself never counts, working day or not (§4, §10).
        """
        return self.add_working_days(event_day, working_days)

    def due_at(self, event_at: datetime, working_days: int = RECORDING_WORKING_DAYS) -> datetime:
        """The moment a record of an event at `event_at` becomes late: midnight ending the due day, London time."""
        due_day = self.due_date(london_date(event_at), working_days)
        return datetime.combine(due_day + timedelta(days=1), time.min, tzinfo=LONDON)

    def is_late(self, event_at: datetime, recorded_at: datetime, working_days: int = RECORDING_WORKING_DAYS) -> bool:
        return recorded_at >= self.due_at(event_at, working_days)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def london_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(LONDON).date()
