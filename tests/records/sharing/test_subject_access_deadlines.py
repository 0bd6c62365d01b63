"""A subject access request is due one calendar month after receipt, extendable by two further months."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from records.sharing.subject_access import deadline_state, due_date, latest_deadline


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 3, 3), date(2026, 4, 3)),      # the same day of the next month
    (date(2026, 1, 31), date(2026, 2, 28)),    # a shorter month ends the period on its last day
    (date(2028, 1, 31), date(2028, 2, 29)),    # ... which in a leap year is the 29th
    (date(2028, 1, 29), date(2028, 2, 29)),
    (date(2026, 1, 29), date(2026, 2, 28)),
    (date(2026, 1, 28), date(2026, 2, 28)),
    (date(2028, 2, 29), date(2028, 3, 29)),    # from 29 February, the 29th of March (not the 31st)
    (date(2026, 2, 28), date(2026, 3, 28)),
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 5, 31), date(2026, 6, 30)),
    (date(2026, 8, 31), date(2026, 9, 30)),
    (date(2026, 10, 31), date(2026, 11, 30)),
    (date(2026, 7, 31), date(2026, 8, 31)),    # July and August both have 31 days
    (date(2026, 12, 15), date(2027, 1, 15)),   # across the year end
    (date(2026, 12, 31), date(2027, 1, 31)),
    (date(2100, 1, 31), date(2100, 2, 28)),    # 2100 is not a leap year
    (date(2000, 1, 31), date(2000, 2, 29)),    # 2000 was
])
def test_due_one_calendar_month_after_receipt(received, due):
    assert due_date(received) == due


@pytest.mark.parametrize(("received", "latest"), [
    (date(2026, 3, 3), date(2026, 6, 3)),
    (date(2026, 1, 31), date(2026, 4, 30)),    # three months from receipt, not two from 28 February
    (date(2026, 11, 30), date(2027, 2, 28)),
    (date(2027, 11, 30), date(2028, 2, 29)),   # leap year
    (date(2026, 12, 31), date(2027, 3, 31)),
])
def test_an_extension_reaches_at_most_three_calendar_months_from_receipt(received, latest):
    assert latest_deadline(received) == latest


def test_every_day_for_three_years_the_latest_deadline_is_two_or_more_months_after_the_due_date():
    day = date(2026, 1, 1)
    while day.year < 2029:
        assert day < due_date(day) <= day + timedelta(days=31)
        assert due_date(day) + relativedelta(months=2) <= latest_deadline(day) <= day + timedelta(days=92)
        day += timedelta(days=1)


@pytest.mark.parametrize(("deadline", "state"), [
    (date(2026, 11, 23), "past"),
    (date(2026, 11, 24), "near"),   # due today: not yet past
    (date(2026, 12, 1), "near"),    # seven days away
    (date(2026, 12, 2), ""),        # eight days away
])
def test_deadline_state_near_within_seven_days_and_past_after_the_day(deadline, state):
    assert deadline_state(deadline, today=date(2026, 11, 24)) == state
