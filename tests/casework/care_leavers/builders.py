"""Children recorded through the services for the care leavers' (OC3) and the looked-after outcomes' (OC2) tests,
dated about the start `s` of a collection year whose first 120 days are past."""

from datetime import timedelta

from casework.basic_record import services as basic_record
from casework.care_leavers import services
from casework.care_leavers.selectors import birthday
from casework.returns.cin_census import census_period
from tests.casework.returns.test_ssda903 import FOSTER, FOSTERING_URN, looked_after_child, placement, return_year, status


def born_for(day, years):
    """A date of birth that makes `day` the `years`th birthday."""
    return day.replace(year=day.year - years)


def left_care(child, by, *, since, until, reason="E5"):
    """Looked after under a care order from `since` until `until`, in one foster placement."""
    order = status(child, by, since, "care_order", category_of_need="N1")
    home = placement(child, by, since, "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    basic_record.end_item(item=home, by=by, end_date=until, end_reason="Left care")
    basic_record.end_item(item=order, by=by, end_date=until, end_reason="Left care", reason_ceased=reason)


def care_leavers(care_team, care_manager, by) -> dict:
    year = return_year()
    s, _ = census_period(year)
    found = {"year": year, "s": s}
    # 19 two months into the year; looked after from 14 to 18.
    born = born_for(s + timedelta(days=60), 19)
    child = found["nineteen"] = looked_after_child(care_team, care_manager, by, number=31, first_name="Nineteen",
                                                   born=born)
    left_care(child, by, since=birthday(born, 14) + timedelta(days=10), until=birthday(born, 18))
    # 17 a month into the year; left care a month before the year began, at 16 and a half.
    born = born_for(s + timedelta(days=30), 17)
    child = found["seventeen"] = looked_after_child(care_team, care_manager, by, number=32, first_name="Seventeen",
                                                    sex="M", born=born)
    left_care(child, by, since=birthday(born, 15), until=s - timedelta(days=30), reason="E13")
    # Looked after since well before the year: 12 months at 31 March.
    child = found["in_care"] = looked_after_child(care_team, care_manager, by, number=33, first_name="Twelve")
    status(child, by, s - timedelta(days=400), "care_order", category_of_need="N1")
    placement(child, by, s - timedelta(days=400), "U4", "PR1", FOSTER, urn=FOSTERING_URN)
    return found


def record_them(found, by):
    services.record_care_leaver_contact(child=found["nineteen"], by=by, birthday=19, in_touch="YES", activity="F2",
                                        accommodation="U1")
    services.record_care_leaver_contact(child=found["seventeen"], by=by, birthday=17, in_touch="NO")
    services.record_outcomes(child=found["in_care"], by=by, year=found["year"], convicted=False, immunisations=True,
                             teeth_check=True, health_assessment=True, substance_misuse=False, sdq_score=12)
