"""Issue 17: the SSDA903 return's social worker episodes (from the case allocations), care leavers (OC3) and children
looked after for 12 months (OC2) (casework.returns.ssda903_leavers), recorded through the services and checked by
the Department's own validator (csc-validator-be-903)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from access.staff import roles
from casework.children.services import allocate_case
from casework.returns.cin_census import census_period, la_child_id
from casework.returns.ssda903 import build_ssda903
from casework.returns.ssda903_leavers import sw_id
from tests.casework.returns.test_ssda903 import (BUILD_QUERIES, 
    CHILDRENS_HOME, FOSTER, FOSTERING_URN, LA_NUMBER, looked_after_child, placement, return_year, rows,
    run_903_validator, status, when,
)
from tests.casework.care_leavers.builders import care_leavers, record_them
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def at_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def date_allocations(child, *days):
    """Give the child's allocations, oldest first, the days they began; each ends when the next begins."""
    allocations = list(child.cases.get().allocations.order_by("started_at", "id"))
    assert len(allocations) == len(days)
    for allocation, began, following in zip(allocations, days, [*days[1:], None]):
        allocation.started_at = at_noon(began)
        allocation.ended_at = at_noon(following) if following else None
        allocation.save()


@pytest.fixture
def second_worker(care_team):
    return make_staff("practitioner3", role=roles.PRACTITIONER, team=care_team, first_name="Nadia", last_name="Rahman")


@pytest.fixture
def sw_children(care_team, care_manager, other_practitioner, second_worker):
    """Looked-after children whose social workers changed in the year, dated about the year's start `s`."""
    year = return_year()
    s, _ = census_period(year)
    d = lambda n: s + timedelta(days=n)  # noqa: E731
    by, found = other_practitioner, {"year": year, "s": s}

    # In care since last year; her social worker left in the year and a colleague took over the same day.
    child = found["handed_over"] = looked_after_child(care_team, care_manager, by, number=11, first_name="Handed")
    status(child, by, d(-200), "care_order", category_of_need="N1")
    placement(child, by, d(-200), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    allocate_case(case=child.cases.get(), team=care_team, worker=second_worker, by=care_manager, reason="Left",
                  sw_change_reason="LEFTRL")
    date_allocations(child, d(-201), d(-200), d(30))

    # Waited a month for a new social worker after the first: the second is a first contact again.
    child = found["gap"] = looked_after_child(care_team, care_manager, by, number=12, first_name="Gap", sex="M")
    status(child, by, d(-100), "care_order", category_of_need="N4")
    placement(child, by, d(-100), "K2", "PR4", CHILDRENS_HOME, urn="SC123456")
    allocate_case(case=child.cases.get(), team=care_team, worker=None, by=care_manager, reason="Worker left")
    allocate_case(case=child.cases.get(), team=care_team, worker=second_worker, by=care_manager, reason="New worker")
    date_allocations(child, d(-101), d(-100), d(10), d(40))

    # Went home in the year: her social worker stays with the case.
    child = found["went_home"] = looked_after_child(care_team, care_manager, by, number=13, first_name="Home")
    from casework.basic_record import services
    accommodated = status(child, by, d(-50), "s20", category_of_need="N5")
    home = placement(child, by, d(-50), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    services.end_item(item=home, by=by, end_date=d(20), end_reason="Home")
    services.end_item(item=accommodated, by=by, end_date=d(20), end_reason="Home", reason_ceased="E4A")
    date_allocations(child, d(-51), d(-50))
    return found


def sw_of(files, child) -> list[tuple]:
    return [(row["SW_ID"], row["SW_DECOM"], row["SW_DEC"], row["SW_REASON"])
            for row in rows(files, "swepisodes.csv") if row["CHILD"] == la_child_id(child)]


def test_social_worker_episodes_come_from_the_allocations(sw_children, other_practitioner, second_worker,
                                                          django_assert_max_num_queries):
    s, year = sw_children["s"], sw_children["year"]
    with django_assert_max_num_queries(BUILD_QUERIES):
        files = build_ssda903(year=year, la_number=LA_NUMBER)
    d = lambda n: when(s + timedelta(days=n))  # noqa: E731
    first, second = sw_id(other_practitioner.pk), sw_id(second_worker.pk)
    assert sw_of(files, sw_children["handed_over"]) == [(first, d(-200), d(30), "FCONTA"), (second, d(30), "", "LEFTRL")]
    assert sw_of(files, sw_children["gap"]) == [(first, d(-100), d(10), "FCONTA"), (second, d(40), "", "FCONTA")]
    assert sw_of(files, sw_children["went_home"]) == [(first, d(-50), "", "FCONTA")]
    assert other_practitioner.last_name not in files["swepisodes.csv"]  # an id, never the name
    assert {row["DOB"] for row in rows(files, "swepisodes.csv")} == {"01/06/2012"}


def test_an_allocation_after_the_year_is_not_in_it_and_one_ending_after_it_is_open(sw_children, other_practitioner):
    s, year = sw_children["s"], sw_children["year"]
    files = build_ssda903(year=year - 1, la_number=LA_NUMBER)
    d = lambda n: when(s + timedelta(days=n))  # noqa: E731
    assert sw_of(files, sw_children["handed_over"]) == [(sw_id(other_practitioner.pk), d(-200), "", "FCONTA")]


def test_the_departments_validator_finds_nothing_about_the_social_worker_episodes(sw_children, tmp_path):
    year = sw_children["year"]
    files = build_ssda903(year=year, la_number=LA_NUMBER)
    assert "swepisodes.csv" in files
    result = run_903_validator(files, tmp_path, year=year)
    ours = {la_child_id(sw_children[k]) for k in ("handed_over", "gap", "went_home")}
    assert [f for f in result["findings"] if f["child"] in ours] == []


# --- Care leavers (OC3) and the outcomes of children looked after for 12 months (OC2) --------------------------------

@pytest.fixture
def leavers(care_team, care_manager, other_practitioner):
    found = care_leavers(care_team, care_manager, other_practitioner)
    record_them(found, other_practitioner)
    return found


def rows_of(files, name, child) -> list[dict]:
    return [row for row in rows(files, name) if row["CHILD"] == la_child_id(child)]


def test_care_leavers_and_outcomes_are_in_their_files(leavers, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUILD_QUERIES):
        files = build_ssda903(year=leavers["year"], la_number=LA_NUMBER)
    nineteen, seventeen, in_care = leavers["nineteen"], leavers["seventeen"], leavers["in_care"]
    assert [(r["DOB"], r["IN_TOUCH"], r["ACTIV"], r["ACCOM"]) for r in rows_of(files, "oc3.csv", nineteen)] == [
        (when(nineteen.date_of_birth), "YES", "F2", "U1")]
    assert [(r["IN_TOUCH"], r["ACTIV"], r["ACCOM"]) for r in rows_of(files, "oc3.csv", seventeen)] == [("NO", "0", "0")]
    assert rows_of(files, "oc3.csv", in_care) == []
    # Not looked after in the year: in the header for OC3, without the motherhood questions.
    assert [(r["SEX"], r["MOTHER"]) for r in rows_of(files, "header.csv", nineteen)] == [("F", "")]
    assert rows_of(files, "episodes.csv", nineteen) == []
    oc2 = rows_of(files, "oc2.csv", in_care)
    assert [(r["SDQ_SCORE"], r["SDQ_REASON"], r["CONVICTED"], r["HEALTH_CHECK"], r["IMMUNISATIONS"], r["TEETH_CHECK"],
             r["HEALTH_ASSESSMENT"], r["SUBSTANCE_MISUSE"], r["INTERVENTION_RECEIVED"]) for r in oc2] == [
        ("12", "", "0", "", "1", "1", "1", "0", "")]
    assert [row["CHILD"] for row in rows(files, "oc2.csv")] == [la_child_id(in_care)]


def test_a_birthday_outside_the_year_is_not_in_its_oc3(leavers):
    files = build_ssda903(year=leavers["year"] - 1, la_number=LA_NUMBER)
    assert "oc3.csv" not in files and "oc2.csv" not in files  # nothing recorded for the year before
    # She was looked after until her 18th birthday, in that year: listed once, as a looked-after girl is.
    assert [row["MOTHER"] for row in rows_of(files, "header.csv", leavers["nineteen"])] == ["0"]


def test_the_departments_validator_finds_nothing_about_the_care_leavers_and_outcomes(leavers, tmp_path):
    year = leavers["year"]
    files = build_ssda903(year=year, la_number=LA_NUMBER)
    assert {"oc2.csv", "oc3.csv", "swepisodes.csv"} <= set(files)
    result = run_903_validator(files, tmp_path, year=year)
    ours = {la_child_id(leavers[k]) for k in ("nineteen", "seventeen", "in_care")}
    assert [f for f in result["findings"] if f["child"] in ours] == []
