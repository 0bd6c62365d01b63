"""The working-day rules of §4 and §10: two working days, bank holidays and closure days excluded."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from records.calendar.working_days import LONDON, WorkingCalendar

UTC = ZoneInfo("UTC")
calendar = WorkingCalendar()


def at(year, month, day, hour=10, minute=0, tz=LONDON):
    return datetime(year, month, day, hour, minute, tzinfo=tz)


@pytest.mark.parametrize(
    "event_day, due_day",
    [
        (date(2026, 11, 23), date(2026, 11, 25)),  # Monday -> Wednesday
        (date(2026, 11, 26), date(2026, 11, 30)),  # Thursday -> Monday
        (date(2026, 11, 27), date(2026, 12, 1)),  # Friday -> Tuesday
        (date(2026, 11, 28), date(2026, 12, 1)),  # Saturday -> the next two working days, Mon and Tue
        (date(2026, 11, 29), date(2026, 12, 1)),  # Sunday -> Tuesday
    ],
)
def test_two_working_days_over_ordinary_weeks(event_day, due_day):
    assert calendar.due_date(event_day) == due_day


def test_saturday_visit_is_due_at_the_end_of_tuesday_not_wednesday():
    # The weekend is not a third day of grace: Saturday 28 November 2026 -> Monday 30, Tuesday 1 December.
    saturday = at(2026, 11, 28, 11)
    assert calendar.due_at(saturday) == datetime(2026, 12, 2, 0, 0, tzinfo=LONDON)
    assert not calendar.is_late(saturday, at(2026, 12, 1, 23, 59))
    assert calendar.is_late(saturday, at(2026, 12, 2, 0, 0))


def test_sunday_evening_visit_is_due_like_a_friday_one():
    sunday, friday = at(2026, 11, 29, 21), at(2026, 11, 27, 9)
    assert calendar.due_at(sunday) == calendar.due_at(friday) == datetime(2026, 12, 2, 0, 0, tzinfo=LONDON)


def test_good_friday_event_is_due_two_working_days_after_it():
    # Good Friday 3 April 2026, then the weekend and Easter Monday 6 April: Tuesday 7, Wednesday 8.
    assert calendar.due_date(date(2026, 4, 3)) == date(2026, 4, 8)
    assert calendar.due_date(date(2026, 4, 6)) == date(2026, 4, 8)  # Easter Monday too


def test_christmas_day_on_a_saturday_2027():
    # Sat 25, Sun 26, Mon 27 and Tue 28 (substitutes) are not working days: Wed 29, Thu 30.
    assert calendar.due_date(date(2027, 12, 25)) == date(2027, 12, 30)


def test_same_day_recording_is_due_at_the_end_of_the_events_own_day():
    # §4: zero working days -> midnight ending the event's day in London, even on a Saturday.
    assert calendar.due_at(at(2026, 11, 28, 15), 0) == datetime(2026, 11, 29, 0, 0, tzinfo=LONDON)
    assert calendar.due_at(at(2026, 11, 23, 23, 30), 0) == datetime(2026, 11, 24, 0, 0, tzinfo=LONDON)
    assert calendar.is_late(at(2026, 11, 23, 15), at(2026, 11, 24, 0, 5), 0)


def test_christmas_2026_with_boxing_day_substituted_to_monday():
    # 25 Dec 2026 is a Friday, Boxing Day a Saturday: the substitute is Monday 28 December.
    assert calendar.due_date(date(2026, 12, 24)) == date(2026, 12, 30)  # Thu -> (Fri, Mon off) Tue 29, Wed 30
    assert calendar.due_date(date(2026, 12, 25)) == date(2026, 12, 30)  # Christmas Day: Tue 29, Wed 30


def test_christmas_2027_with_both_days_substituted():
    # 25 and 26 Dec 2027 are a weekend: Mon 27 and Tue 28 are the substitute bank holidays.
    assert not calendar.is_working_day(date(2027, 12, 27))
    assert not calendar.is_working_day(date(2027, 12, 28))
    assert calendar.due_date(date(2027, 12, 24)) == date(2027, 12, 30)


def test_easter_2026_skips_good_friday_and_easter_monday():
    # Thursday 2 April 2026: Good Friday 3rd, weekend, Easter Monday 6th -> Tue 7, Wed 8.
    assert calendar.due_date(date(2026, 4, 2)) == date(2026, 4, 8)


def test_one_off_bank_holiday_comes_from_the_holidays_package():
    # The State Funeral of 19 September 2022 was a one-off bank holiday.
    assert not calendar.is_working_day(date(2022, 9, 19))
    assert calendar.due_date(date(2022, 9, 16)) == date(2022, 9, 21)


def test_council_closure_days_are_not_working_days():
    closed = WorkingCalendar(closure_days=[date(2026, 11, 24)])
    assert calendar.due_date(date(2026, 11, 23)) == date(2026, 11, 25)
    assert closed.due_date(date(2026, 11, 23)) == date(2026, 11, 26)


def test_late_from_midnight_ending_the_due_day_in_london():
    event = at(2026, 11, 23, 15)
    assert not calendar.is_late(event, at(2026, 11, 25, 23, 59))
    assert calendar.is_late(event, at(2026, 11, 26, 0, 0))


def test_due_time_is_london_midnight_in_summer_time():
    # 23:30 UTC on Sunday 28 June 2026 is already Monday 29 June in London (BST).
    event = datetime(2026, 6, 28, 23, 30, tzinfo=UTC)
    assert calendar.due_at(event) == datetime(2026, 7, 2, 0, 0, tzinfo=LONDON)  # Mon -> Wed 1 July ends
    assert calendar.due_at(event).utcoffset().total_seconds() == 3600


def test_clock_change_in_october_does_not_move_the_due_day():
    # Clocks go back on Sunday 25 October 2026. A Friday visit is due at the end of Tuesday.
    event = at(2026, 10, 23, 16)
    assert calendar.due_at(event) == datetime(2026, 10, 28, 0, 0, tzinfo=LONDON)
    assert calendar.due_at(event).utcoffset().total_seconds() == 0


def test_clock_change_in_march_does_not_move_the_due_day():
    # Clocks go forward on Sunday 29 March 2026.
    event = at(2026, 3, 27, 9)
    assert calendar.due_at(event) == datetime(2026, 4, 1, 0, 0, tzinfo=LONDON)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        calendar.due_at(datetime(2026, 11, 23, 10))


def test_working_days_between_counts_only_working_days():
    assert calendar.working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 3  # 29, 30, 31
    assert calendar.working_days_between(date(2026, 12, 31), date(2026, 12, 24)) == 0
