"""Issue 17: the SSDA903 return's Reviews, Missing and UASC files (casework.returns.ssda903_looked_after), built from
what practitioners record through casework.looked_after's services, and checked by the Department's own validator
(csc-validator-be-903) for the current collection year and the one before: an unaccompanied asylum-seeking child, a
missing episode still open at the year's end, a child with two reviews in the year (and one the year before)."""

from datetime import date, timedelta

import pytest

from casework.looked_after import services as looked_after
from casework.returns.cin_census import census_period, la_child_id
from casework.returns.ssda903 import build_ssda903
from casework.returns.ssda903_looked_after import looked_after_files
from tests.casework.returns.test_ssda903 import (BUILD_QUERIES, 
    FOSTER, FOSTERING_URN, HOME, LA_NUMBER, looked_after_child, placement, return_year, rows, run_903_validator,
    status, when,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(care_team, care_manager, other_practitioner):
    """Three looked-after children, their dates about the start `s` of the collection year, recorded through the
    services as their practitioner would."""
    year = return_year()
    s, _ = census_period(year)
    d = lambda n: s + timedelta(days=n)  # noqa: E731
    by = other_practitioner
    found = {"year": year, "s": s}

    def in_care(key, number, first_name, born, since):
        child = found[key] = looked_after_child(care_team, care_manager, by, number=number, first_name=first_name,
                                                born=born)
        status(child, by, d(since), "care_order", category_of_need="N1")
        placement(child, by, d(since), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
        return child

    # An unaccompanied asylum-seeking child of 16, still one: the return gives their 18th birthday.
    child = in_care("uasc", 11, "Asylum", date(s.year - 16, 6, 1), -60)
    looked_after.record_uasc(child=child, by=by, is_uasc=True)

    # Missing: an episode of last year (left out), one across the year's start, one in the year, and one away from
    # placement that has not ended (still open at the year's end).
    child = in_care("missing", 12, "Missing", date(2011, 3, 4), -100)
    for kind, start, end in (("M", -50, -40), ("M", -5, 3), ("M", 20, 22), ("A", 100, None)):
        looked_after.record_missing(child=child, by=by, kind=kind, start_date=d(start),
                                    end_date=d(end) if end is not None else None)

    # Two reviews in the year and one the year before.
    child = in_care("reviewed", 13, "Reviewed", date(2014, 8, 9), -100)
    for when_, code in ((-20, "PN1"), (10, "PN1"), (100, "PN3")):
        looked_after.record_review(child=child, by=by, review_date=d(when_), participation=code)
    return found


def of(files, name, child) -> list[dict]:
    return [row for row in rows(files, name) if row["CHILD"] == la_child_id(child)]


def test_reviews_missing_and_uasc_rows(recorded, django_assert_max_num_queries):
    s, year = recorded["s"], recorded["year"]
    d = lambda n: when(s + timedelta(days=n))  # noqa: E731
    with django_assert_max_num_queries(BUILD_QUERIES):
        files = build_ssda903(year=year, la_number=LA_NUMBER)
    assert {"reviews.csv", "missing.csv", "uasc.csv"} <= set(files)

    assert [(r["DOB"], r["REVIEW"], r["REVIEW_CODE"]) for r in of(files, "reviews.csv", recorded["reviewed"])] == [
        ("09/08/2014", d(10), "PN1"), ("09/08/2014", d(100), "PN3")]  # last year's review is last year's
    assert [(r["MISSING"], r["MIS_START"], r["MIS_END"]) for r in of(files, "missing.csv", recorded["missing"])] == [
        ("M", d(-5), d(3)), ("M", d(20), d(22)), ("A", d(100), "")]  # still open at the year's end: no end
    uasc = recorded["uasc"]
    assert of(files, "uasc.csv", uasc) == [{"CHILD": la_child_id(uasc), "SEX": "F", "DOB": when(uasc.date_of_birth),
                                            "DUC": when(date(s.year + 2, 6, 1))}]  # the 18th birthday
    assert {row["CHILD"] for row in rows(files, "uasc.csv")} == {la_child_id(uasc)}
    # No distance from home for an unaccompanied asylum-seeking child (rule 406): no home postcode on their episodes.
    assert {row["HOME_POST"] for row in of(files, "episodes.csv", uasc)} == {""}
    assert {row["HOME_POST"] for row in of(files, "episodes.csv", recorded["missing"])} == {HOME}


def test_the_year_before_knows_nothing_after_its_end(recorded):
    s, year = recorded["s"], recorded["year"]
    d = lambda n: when(s + timedelta(days=n))  # noqa: E731
    files = build_ssda903(year=year - 1, la_number=LA_NUMBER)
    assert [(r["MIS_START"], r["MIS_END"]) for r in of(files, "missing.csv", recorded["missing"])] == [
        (d(-50), d(-40)), (d(-5), "")]  # ended after that year: open at its end
    assert [r["REVIEW"] for r in of(files, "reviews.csv", recorded["reviewed"])] == [d(-20)]


def test_a_uasc_status_that_ceased_is_given_its_date_and_before_the_year_is_left_out(recorded, other_practitioner):
    s, year = recorded["s"], recorded["year"]
    uasc = recorded["uasc"]
    looked_after.record_uasc(child=uasc, by=other_practitioner, is_uasc=True, ceased_on=s + timedelta(days=30))
    files = build_ssda903(year=year, la_number=LA_NUMBER)
    assert [row["DUC"] for row in of(files, "uasc.csv", uasc)] == [when(s + timedelta(days=30))]

    files = build_ssda903(year=year + 1, la_number=LA_NUMBER)  # ceased before that year: not UASC in it
    assert "uasc.csv" not in files
    assert {row["HOME_POST"] for row in of(files, "episodes.csv", uasc)} == {HOME}

    looked_after.record_uasc(child=uasc, by=other_practitioner, is_uasc=False)
    assert "uasc.csv" not in build_ssda903(year=year, la_number=LA_NUMBER)


def test_only_the_headers_children_are_in_the_files(recorded):
    s = recorded["s"]
    reviewed = recorded["reviewed"]
    files = dict((name, found) for name, _, found in looked_after_files(
        [reviewed], [], start=s, end=s + timedelta(days=364)))
    assert {row["CHILD"] for row in files["reviews.csv"]} == {la_child_id(reviewed)}
    assert files["missing.csv"] == [] and files["uasc.csv"] == []


@pytest.mark.parametrize("years_back", [0, 1])
def test_the_departments_validator_finds_no_error_for_these_children(recorded, tmp_path, years_back):
    year = recorded["year"] - years_back
    files = build_ssda903(year=year, la_number=LA_NUMBER)
    assert {"reviews.csv", "missing.csv", "uasc.csv"} <= set(files)

    result = run_903_validator(files, tmp_path, year=year)

    print("Rules that could not run on these files:", result["failed_to_run"])
    assert set(result["failed_to_run"]) <= {"231", "233"}  # they read columns only the XML input has
    ours = {la_child_id(recorded[key]) for key in ("uasc", "missing", "reviewed")}
    findings = [f for f in result["findings"] if f["child"] in ours or f["table"] in ("Reviews", "Missing", "UASC")]
    assert findings == [], "\n".join(map(str, findings))
    assert result["findings"] == []
