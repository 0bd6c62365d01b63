"""Issue 17: Ofsted's Annex A reads the looked-after children's own records (casework.returns.annex_a_care): list 8's
UASC status, latest statutory review and missing and absent episodes, list 9's care leavers, list 10's decisions to
place for adoption, the match and the decision reversed; read back from the workbook with openpyxl."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from casework.looked_after import services as looked_after
from casework.models import AdoptionDecision, AdoptionSiblingGroup, CareLeaverContact
from casework.returns.annex_a import build_annex_a
from tests.casework.returns.test_annex_a import recorded, rows_of, sheets  # noqa: F401  the fixture
from tests.casework.returns.test_ssda903 import looked_after_child

pytestmark = pytest.mark.django_db

UASC = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
MISSING = "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
ABSENT = "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
DECIDED = "Date of Decision that Child Should be Placed for Adoption"
NO_LONGER = "Date of Decision that Child Should No Longer be Placed for Adoption"


def test_list_8_has_the_uasc_status_latest_review_and_missing_and_absent_episodes(recorded, other_practitioner):  # noqa: F811
    d, by, child = recorded["d"], other_practitioner, recorded["in_care"]
    for day in (d(30), d(90)):
        looked_after.record_review(child=child, by=by, review_date=day, participation="PN1")
    for kind, day in (("M", d(45)), ("M", d(60)), ("A", d(70))):
        looked_after.record_missing(child=child, by=by, kind=kind, start_date=day, end_date=day)
    looked_after.record_uasc(child=child, by=by, is_uasc=True)
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    [row] = rows_of(book, "in_care", child)
    assert (row[UASC], row["Date of Latest Statutory Review"], row[MISSING], row[ABSENT]) == ("Yes", d(90), 2, 1)
    [other] = rows_of(book, "in_care", recorded["went_home"])  # nothing recorded: none, and UASC not asked
    assert (other[UASC], other["Date of Latest Statutory Review"], other[MISSING], other[ABSENT]) == (None, None, 0, 0)


PLAN, IRO = "What is the permanence plan for this child?", "Date of Last IRO Visit / Contact to the Child"


def test_list_8_has_the_permanence_plan_and_the_iros_last_contact_from_the_reviews(recorded, other_practitioner):  # noqa: F811
    d, by, child = recorded["d"], other_practitioner, recorded["in_care"]
    looked_after.record_review(child=child, by=by, review_date=d(30), participation="PN1", permanence_plan="LTF",
                               iro_contact_on=d(28))
    looked_after.record_review(child=child, by=by, review_date=d(90), participation="PN1")  # said neither
    looked_after.record_review(child=recorded["came_back"], by=by, review_date=d(80), participation="PN1",
                               permanence_plan="RTF", iro_contact_on=d(80))
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    cells = {key: [(row[PLAN], row[IRO]) for row in rows_of(book, "in_care", recorded[key])]
             for key in ("in_care", "came_back", "adoption")}
    assert cells == {"in_care": [("Long-term fostering", d(28))], "came_back": [("Return to family", d(80))],
                     "adoption": [(None, None)]}  # the latest review that said each; empty when none did


OFFERED = "Was the child offered a Return Interview after their last missing episode (Y/N)?"
ACCEPTED = "Did the child accept a Return Interview after their last missing episode (Y/N)?"


def test_list_8_has_the_return_interview_after_the_last_missing_episode(recorded, other_practitioner):  # noqa: F811
    d, by = recorded["d"], other_practitioner
    episodes = (("in_care", "M", 45, True, True), ("in_care", "M", 60, True, False),  # the last missing one
                ("in_care", "A", 70, None, None),  # away from placement: not a missing episode
                ("went_home", "M", 20, False, None), ("hidden", "M", 30, None, None))  # not answered yet
    for key, kind, day, offered, accepted in episodes:
        looked_after.record_missing(child=recorded[key], by=by, kind=kind, start_date=d(day), end_date=d(day + 1),
                                    return_interview_offered=offered, return_interview_accepted=accepted)
    looked_after.record_missing(child=recorded["came_back"], by=by, kind="M", start_date=d(80))  # not back yet
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    answers = {key: [(row[MISSING], row[OFFERED], row[ACCEPTED]) for row in rows_of(book, "in_care", recorded[key])]
               for key in ("in_care", "went_home", "hidden", "came_back", "adoption")}
    assert answers == {"in_care": [(2, "Yes", "No")], "went_home": [(1, "No", "No")], "hidden": [(1, None, None)],
                       "came_back": [(1, None, None)], "adoption": [(0, None, None)]}


def test_list_10_has_the_decision_the_match_and_the_decision_reversed(recorded, other_practitioner):  # noqa: F811
    d, by = recorded["d"], other_practitioner
    AdoptionDecision.objects.create(child=recorded["adoption"], decided_on=d(5), matched_on=d(40), recorded_by=by)
    AdoptionDecision.objects.create(child=recorded["went_home"], decided_on=d(12), reversed_on=d(48),
                                    reversal_reason="RD1", recorded_by=by)
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    [row] = rows_of(book, "adoption", recorded["adoption"])
    assert (row[DECIDED], row["Date of Matching Child and Prospective Adopters"], row[NO_LONGER]) == (
        d(5), d(40), None)
    [reversed_row] = rows_of(book, "adoption", recorded["went_home"])  # on the list for the decision alone
    assert (reversed_row[DECIDED], reversed_row[NO_LONGER],
            reversed_row["Reason Why Child No Longer Placed for Adoption"]) == (d(12), d(48), "RD1")


def test_list_10_family_identifier_is_the_same_for_brothers_and_sisters_to_be_placed_together(
        recorded, other_practitioner):  # noqa: F811
    d, by = recorded["d"], other_practitioner
    group = AdoptionSiblingGroup.objects.create(created_by=by)
    for child in (recorded["adoption"], recorded["went_home"]):
        AdoptionDecision.objects.create(child=child, decided_on=d(5), recorded_by=by, sibling_group=group)
    alone = recorded["in_care"]
    AdoptionDecision.objects.create(child=alone, decided_on=d(6), recorded_by=by)

    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))

    assert [row["Family identifier"] for child in (recorded["adoption"], recorded["went_home"], alone)
            for row in rows_of(book, "adoption", child)] == [group.reference, group.reference, None]
    assert group.reference.startswith("F") and len(group.reference) == 8 and group.reference != str(group.pk)


def test_list_9_lists_a_care_leaver_with_the_information_of_their_latest_birthday(
        recorded, care_team, care_manager, other_practitioner):  # noqa: F811
    d, by = recorded["d"], other_practitioner
    born = d(20) - relativedelta(years=19)
    leaver = looked_after_child(care_team, care_manager, by, number=9, first_name="Leaver", born=born)
    CareLeaverContact.objects.create(child=leaver, birthday=18, in_touch="NO", recorded_by=by)
    CareLeaverContact.objects.create(child=leaver, birthday=19, in_touch="YES", activity="F1", accommodation="B",
                                     recorded_by=by)
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    assert "Not recorded in casework" not in str(book["List 9 Care leavers"])
    [row] = rows_of(book, "care_leavers", leaver)
    assert (row["LA in Touch"], row["Type of Accommodation"], row["Activity Status"]) == ("YES", "B", "F1")
    assert row["Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"] is None
    assert row["Date of Birth"] == born and rows_of(book, "care_leavers", recorded["in_care"]) == []
