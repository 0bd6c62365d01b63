"""Issue 17: the SSDA903 return's AD1, PlacedAdoption and PrevPerm files (casework.returns.ssda903_adoption), built
from the adoption and permanence record, and checked by the Department's validator: a child adopted in the year, a
child placed for adoption at the year's end, and a child whose decision was reversed in the year draw no finding."""

import csv
import io
from datetime import date, timedelta

import pytest

from casework.adoption import services as adoption
from casework.basic_record import services
from casework.returns.cin_census import census_period, la_child_id
from casework.returns.ssda903 import build_ssda903
from tests.casework.returns.test_ssda903 import (BUILD_QUERIES, 
    FOSTER, FOSTERING_URN, HOME_2, LA_NUMBER, looked_after_child, placement, return_year, run_903_validator, status,
)

pytestmark = pytest.mark.django_db
ADOPTION_URN = "XXXXXXX"  # a placement through a regional adoption agency


def when(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def adoptions(care_team, care_manager, other_practitioner):
    """Three children, their dates about the start `s` of the collection year (every one today or earlier)."""
    year = return_year()
    s, _ = census_period(year)
    d = lambda n: s + timedelta(days=n)  # noqa: E731
    by = other_practitioner
    found = {"year": year, "s": s}

    # Adopted in the year: in care since two years before, a placement order, matched, placed with the adopters
    # (not her foster carers), adopted with the application unopposed (E11).
    child = found["adopted"] = looked_after_child(care_team, care_manager, by, number=11, first_name="Adopted",
                                                  born=date(2021, 6, 1))
    ico = status(child, by, d(-400), "interim_care_order", category_of_need="N1")
    foster = placement(child, by, d(-400), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    decision = adoption.record_decision(child=child, by=by, decided_on=d(-200))
    services.end_item(item=ico, by=by, end_date=d(-150), end_reason="Placement order made")
    order = status(child, by, d(-150), "placement_order", ls_code="E1", category_of_need="N1")
    adoption.record_match(decision=decision, by=by, matched_on=d(-40), adopters_sex="MF", adopters_legal_status="L11",
                          by_foster_carers=False)
    services.end_item(item=foster, by=by, end_date=d(-30), end_reason="Placed with her adopters", change_reason="CARPL")
    adopters = placement(child, by, d(-30), "A6", "PR1", HOME_2, urn=ADOPTION_URN)
    services.end_item(item=adopters, by=by, end_date=d(100), end_reason="Adopted")
    services.end_item(item=order, by=by, end_date=d(100), end_reason="Adoption order made", reason_ceased="E11")

    # Placed for adoption at the year's end: came into care in the year (her previous permanence a child arrangements
    # order, corrected from none), the decision, a placement order, the match, with her adopters since.
    child = found["placed"] = looked_after_child(care_team, care_manager, by, number=12, first_name="Placed",
                                                 born=date(2023, 1, 10))
    adoption.record_previous_permanence(child=child, by=by, option="P3", arranged_by="383",
                                        order_date=date(2024, 2, 1), reason="The order was found on the court file")
    accommodated = status(child, by, d(5), "s20", category_of_need="N1")
    foster = placement(child, by, d(5), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    services.end_item(item=accommodated, by=by, end_date=d(20), end_reason="Interim care order made")
    ico = status(child, by, d(20), "interim_care_order", category_of_need="N1")
    decision = adoption.record_decision(child=child, by=by, decided_on=d(40))
    services.end_item(item=ico, by=by, end_date=d(60), end_reason="Placement order made")
    status(child, by, d(60), "placement_order", ls_code="E1", category_of_need="N1")
    adoption.record_match(decision=decision, by=by, matched_on=d(80), adopters_sex="FF", adopters_legal_status="L2",
                          by_foster_carers=False)
    services.end_item(item=foster, by=by, end_date=d(100), end_reason="Placed with her adopters", change_reason="CARPL")
    placement(child, by, d(100), "A6", "PR1", HOME_2, urn=ADOPTION_URN)

    # A decision reversed in the year: the child's needs changed (RD1); still in care under a care order.
    child = found["reversed"] = looked_after_child(care_team, care_manager, by, number=13, first_name="Reversed",
                                                   sex="M", born=date(2019, 3, 3))
    status(child, by, d(-300), "care_order", category_of_need="N4")
    placement(child, by, d(-300), "U4", "PR1", FOSTER, urn=FOSTERING_URN)
    decision = adoption.record_decision(child=child, by=by, decided_on=d(-100))
    adoption.reverse_decision(decision=decision, by=by, reversed_on=d(50), reason="RD1")
    return found


def rows_of(files, name, child) -> list[dict]:
    return [row for row in csv.DictReader(io.StringIO(files[name])) if row["CHILD"] == la_child_id(child)]


def test_the_files_hold_the_adoption_the_placement_and_the_previous_permanence(adoptions,
                                                                               django_assert_max_num_queries):
    s, year = adoptions["s"], adoptions["year"]
    d = lambda n: when(s + timedelta(days=n))  # noqa: E731
    with django_assert_max_num_queries(BUILD_QUERIES):
        files = build_ssda903(year=year, la_number=LA_NUMBER)
    adopted, placed, reversed_ = adoptions["adopted"], adoptions["placed"], adoptions["reversed"]

    assert rows_of(files, "ad1.csv", adopted) == [{
        "CHILD": la_child_id(adopted), "DOB": "01/06/2021", "DATE_INT": d(-200), "DATE_MATCH": d(-40),
        "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11"}]
    assert rows_of(files, "ad1.csv", placed) == []  # placed, not yet adopted
    placed_rows = {k: [(r["DATE_PLACED"], r["DATE_PLACED_CEASED"], r["REASON_PLACED_CEASED"])
                       for r in rows_of(files, "placed_adoption.csv", adoptions[k])]
                   for k in ("adopted", "placed", "reversed")}
    assert placed_rows == {"adopted": [(d(-200), "", "")], "placed": [(d(40), "", "")],
                           "reversed": [(d(-100), d(50), "RD1")]}
    # Only the child who came into care in the year; her corrected option.
    assert [(r["PREV_PERM"], r["LA_PERM"], r["DATE_PERM"]) for r in rows_of(files, "prev_perm.csv", placed)] == [
        ("P3", "383", "01/02/2024")]
    assert rows_of(files, "prev_perm.csv", adopted) == rows_of(files, "prev_perm.csv", reversed_) == []

    # The year before: the reversal was not yet made, the adoption not yet done.
    before = build_ssda903(year=year - 1, la_number=LA_NUMBER)
    assert [(r["DATE_PLACED"], r["DATE_PLACED_CEASED"]) for r in rows_of(before, "placed_adoption.csv", reversed_)] == [
        (d(-100), "")]
    assert rows_of(before, "ad1.csv", adopted) == [] and rows_of(before, "placed_adoption.csv", placed) == []


def test_the_departments_validator_finds_nothing_for_these_children(adoptions, tmp_path):
    year = adoptions["year"]
    files = build_ssda903(year=year, la_number=LA_NUMBER)

    result = run_903_validator(files, tmp_path, year=year)

    assert set(result["failed_to_run"]) <= {"231", "233"}  # rules the CSV files cannot feed (test_ssda903)
    ours = {la_child_id(adoptions[k]) for k in ("adopted", "placed", "reversed")}
    findings = [f for f in result["findings"] if f["child"] in ours]
    assert findings == [], "\n".join(map(str, findings))
    assert all(rows_of(files, "placed_adoption.csv", adoptions[k]) for k in ("adopted", "placed", "reversed"))


def test_foster_carers_who_become_the_adopters_are_the_same_carers(care_team, care_manager, other_practitioner,
                                                                    tmp_path):
    """A change of placement type with the same carers is RNE U (the Department's rule 217: a child placed for
    adoption with their current foster carers, A3 or A5, has an RNE of S, T or U), and AD1 says FOSTER_CARE 1."""
    year = return_year()
    s, _ = census_period(year)
    d = lambda n: s + timedelta(days=n)  # noqa: E731
    by = other_practitioner
    child = looked_after_child(care_team, care_manager, by, number=14, first_name="Fostered", born=date(2022, 2, 2))
    order = status(child, by, d(-300), "interim_care_order", category_of_need="N1")
    foster = placement(child, by, d(-300), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    decision = adoption.record_decision(child=child, by=by, decided_on=d(-200))
    services.end_item(item=order, by=by, end_date=d(-150), end_reason="Placement order made")
    order = status(child, by, d(-150), "placement_order", ls_code="E1", category_of_need="N1")
    adoption.record_match(decision=decision, by=by, matched_on=d(-60), adopters_sex="MF", adopters_legal_status="L11",
                          by_foster_carers=True)
    services.end_item(item=foster, by=by, end_date=d(-50), end_reason="Her carers became her prospective adopters")
    adopters = placement(child, by, d(-50), "A5", "PR1", FOSTER, urn=ADOPTION_URN)
    services.end_item(item=adopters, by=by, end_date=d(90), end_reason="Adopted")
    services.end_item(item=order, by=by, end_date=d(90), end_reason="Adoption order made", reason_ceased="E11")

    files = build_ssda903(year=year, la_number=LA_NUMBER)

    assert [(r["RNE"], r["PLACE"]) for r in rows_of(files, "episodes.csv", child)] == [("U", "A5")]
    assert rows_of(files, "ad1.csv", child)[0]["FOSTER_CARE"] == "1"
    result = run_903_validator(files, tmp_path, year=year)
    findings = [f for f in result["findings"] if f["child"] == la_child_id(child)]
    assert findings == [], "\n".join(map(str, findings))
