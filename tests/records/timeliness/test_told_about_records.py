"""§3: a child whose family (and the child, when old enough to understand) has not been told about their
records within 20 working days of referral is flagged for the allocated worker, until the Sharing tab
records that they were told."""

from datetime import date, datetime

import pytest

from access.models import RecordsInformation
from casework.models import Case
from records.calendar.working_days import LONDON, WorkingCalendar
from records.models import ClosureDay, Flag
from records.sharing.services import record_records_information
from records.timeliness.selectors import flag_url
from records.timeliness.services import run_flag_pass

KIND = "told_about_records_due"
ToldWhom = RecordsInformation.ToldWhom


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def open_flags():
    return Flag.objects.filter(kind=KIND, closed_at__isnull=True)


def referred_on(child, day):
    case = child.cases.get()
    case.referral_date = day
    case.save()
    return case


def tell(child, by, day, told_whom):
    RecordsInformation.objects.create(child=child, told_on=day, told_by=by, who_was_told="Amara and Grace",
                                      told_whom=told_whom, language="English", format="Leaflet")


def test_flagged_after_the_twentieth_working_day_for_the_allocated_worker(child, practitioner):
    # Referred on Monday 2 March 2026: the 20th working day after it is Monday 30 March.
    case = referred_on(child, date(2026, 3, 2))
    assert WorkingCalendar().due_date(date(2026, 3, 2), 20) == date(2026, 3, 30)

    run_flag_pass(now=london(2026, 3, 30, 23, 59))
    assert not open_flags().exists()

    run_flag_pass(now=london(2026, 3, 31, 0, 0))
    flag = open_flags().get()
    assert (flag.case, flag.child, flag.owner, flag.due_at) == (case, child, practitioner, london(2026, 3, 31))
    assert flag_url(flag) == f"/children/{child.local_id}/sharing/#told-about-records"


def test_bank_holidays_and_closure_days_are_not_working_days(child):
    # Referred on Monday 9 March 2026: Good Friday (3 April) and Easter Monday (6 April) do not count,
    # nor a council closure day on Tuesday 7 April: the 20th working day is Thursday 9 April.
    referred_on(child, date(2026, 3, 9))
    ClosureDay.objects.create(day=date(2026, 4, 7), description="Council closure")
    run_flag_pass(now=london(2026, 4, 9, 23, 0))
    assert not open_flags().exists()
    run_flag_pass(now=london(2026, 4, 10, 0, 0))
    assert open_flags().get().due_at == london(2026, 4, 10)


def test_family_told_but_child_still_to_be_told_stays_flagged(child, practitioner):
    referred_on(child, date(2026, 3, 2))
    tell(child, practitioner, date(2026, 3, 10), ToldWhom.FAMILY_ONLY)
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert open_flags().count() == 1


def test_child_told_but_family_still_to_be_told_stays_flagged(child, practitioner):
    referred_on(child, date(2026, 3, 2))
    tell(child, practitioner, date(2026, 3, 10), ToldWhom.CHILD_ONLY)
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert open_flags().count() == 1


@pytest.mark.parametrize("told", [
    [ToldWhom.CHILD_AND_FAMILY],
    [ToldWhom.FAMILY_CHILD_TOO_YOUNG],
    [ToldWhom.FAMILY_ONLY, ToldWhom.CHILD_ONLY],
])
def test_family_and_child_told_or_too_young_is_not_flagged(child, practitioner, told):
    referred_on(child, date(2026, 3, 2))
    for told_whom in told:
        tell(child, practitioner, date(2026, 3, 10), told_whom)
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert not open_flags().exists()


def test_told_before_this_referral_does_not_count(child, practitioner):
    referred_on(child, date(2026, 3, 2))
    tell(child, practitioner, date(2026, 2, 27), ToldWhom.CHILD_AND_FAMILY)
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert open_flags().count() == 1


def test_telling_them_late_closes_the_flag(child, practitioner, settings):
    referred_on(child, date(2026, 3, 2))
    run_flag_pass(now=london(2026, 4, 1, 9))
    flag = open_flags().get()
    tell(child, practitioner, date(2026, 4, 1), ToldWhom.CHILD_AND_FAMILY)
    run_flag_pass(now=london(2026, 4, 1, 10))
    assert Flag.objects.get(pk=flag.pk).closed_at == london(2026, 4, 1, 10)


def test_a_closed_case_is_not_flagged(child):
    case = referred_on(child, date(2026, 3, 2))
    Case.objects.filter(pk=case.pk).update(closure_date=date(2026, 3, 20), closure_reason="No further action")
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert not open_flags().exists()


def test_the_sharing_tab_records_who_was_told(child, practitioner):
    told = record_records_information(child=child, by=practitioner, told_on=date(2026, 3, 10),
                                      who_was_told="Grace Okoye", language="English", format="Leaflet",
                                      told_whom=ToldWhom.FAMILY_CHILD_TOO_YOUNG)
    assert told.told_whom == ToldWhom.FAMILY_CHILD_TOO_YOUNG


def test_of_two_referrals_only_the_one_past_its_twentieth_working_day_is_flagged_each_with_its_own_due_time(
        child, other_child, practitioner, other_practitioner):
    # The pass asks which referral dates are due with one condition (a later referral is never due earlier):
    # a referral a day later, not yet due, is left alone; once due, each flag keeps its own due time.
    referred_on(child, date(2026, 3, 2))  # 20th working day: Monday 30 March
    referred_on(other_child, date(2026, 3, 3))  # 20th working day: Tuesday 31 March
    run_flag_pass(now=london(2026, 3, 31, 9, 0))
    assert [(flag.child, flag.owner) for flag in open_flags()] == [(child, practitioner)]

    run_flag_pass(now=london(2026, 4, 1, 9, 0))
    assert {flag.child: flag.due_at for flag in open_flags()} == {child: london(2026, 3, 31),
                                                                  other_child: london(2026, 4, 1)}
