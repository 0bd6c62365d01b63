"""Issue 17: the children in need census built from what is recorded (casework.returns.cin_census), checked by the
Department's own validator (csc-validator-be-cin, in .venv-validators): no ERROR-level rule fails; QUERY-level
findings are listed in the test's output. The edge cases: a closed case reopened, a child protection plan that ends
and restarts, cases across the year boundary, a case wholly before the year (left out), a child of another team."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.children import services as children
from casework.cin import services as cin
from casework.models import Case
from casework.returns import codes
from casework.returns.cin_census import build_cin_census, census_period, la_child_id
from tests.casework.returns.test_dfe_validators import ROOT, run_cin_validator
from tests.conftest import open_record

pytestmark = pytest.mark.django_db


def census_year() -> int:
    """A collection year with at least its first 120 days in the past (London time), so every date recorded in
    these tests is today or earlier, as the services require: this year's once it is 120 days old, else last year's."""
    return codes.collection_year(timezone.localdate() - timedelta(days=120))


def ruleset(year: int) -> str:
    """The validator's rules for the year, or its newest when the package has none for it yet."""
    wanted = f"cin{year}_{(year + 1) % 100:02d}"
    found = sorted(path.name for path in ROOT.glob(".venv-validators/lib/python3.*/site-packages/cin_validator/rules/cin*_*"))
    return wanted if wanted in found else found[-1]


def upn(number: int) -> str:
    rest = f"822{2000 + number:04d}{number:04d}{number % 10}"
    return codes.upn_check_letter(rest) + rest


def recorded_child(team, manager, worker, *, number: int, referred: date, first_name: str, born=date(2014, 6, 1)):
    child = open_record(team=team, manager=manager, worker=worker, first_name=first_name, last_name="Census", dob=born)
    children.update_identity_details(child=child, by=worker, sex="MF"[number % 2], ethnicity="WBRI",
                                     disabilities=["NONE"], upn=upn(number), upn_unknown_reason="", date_of_death=None)
    case = child.cases.get()
    case.referral_date = referred
    case.save()
    case = children.update_case_return_details(case=case, by=worker, referral_source="2A", primary_need="N1",
                                               referral_nfa=False)
    return child, case


def close(case, on: date, reason: str) -> None:
    case.refresh_from_db()
    case.closure_date, case.closure_reason = on, reason
    case.save()


def reopen(child, by, referred: date) -> Case:
    case = Case.objects.create(child=child, referral_date=referred, referral_source="6", primary_need="N4",
                               referral_nfa=False, referral_reason="Police concerned again.", recorded_by=by)
    return case


def add(case, by, kind, **fields):
    return cin.record_item(case=case, by=by, kind=kind, **fields)


@pytest.fixture
def recorded(assessment_team, care_team, manager, care_manager, practitioner, other_practitioner):
    """A few children recorded through the services, their dates about the start `s` of the collection year."""
    year = census_year()
    s, _ = census_period(year)
    d = lambda n: s + timedelta(days=n)  # noqa: E731
    found = {"year": year}

    # A closed case reopened: two episodes in the year, the first with an authorised assessment and a CIN plan.
    child, case = recorded_child(assessment_team, manager, practitioner, number=1, referred=d(5), first_name="Reopened")
    add(case, practitioner, "assessment", start_date=d(6), authorised_on=d(25), factors=["3B", "4B"])
    add(case, practitioner, "section-47", start_date=d(8), icpc_needed=False)
    add(case, practitioner, "cin-plan", start_date=d(26), end_date=d(50))
    close(case, d(50), "RC7")
    again = reopen(child, practitioner, d(70))
    add(again, practitioner, "assessment", start_date=d(71))  # not yet authorised at the census date
    found["reopened"] = child

    # A child protection plan that ends and restarts, the first from the year before, with reviews.
    child, case = recorded_child(assessment_team, manager, practitioner, number=2, referred=d(-100), first_name="Restarted")
    add(case, practitioner, "assessment", start_date=d(-95), authorised_on=d(-80), factors=["16A"])
    add(case, practitioner, "section-47", start_date=d(-90), icpc_needed=True, icpc_target_date=d(-75), icpc_date=d(-76))
    first = add(case, practitioner, "protection-plan", start_date=d(-76), end_date=d(10), initial_category="NEG",
                latest_category="MUL")
    cin.record_review(plan=first, by=practitioner, review_date=d(5))
    add(case, practitioner, "assessment", start_date=d(31), authorised_on=d(40), factors=["18B", "3A"])
    add(case, practitioner, "section-47", start_date=d(30), icpc_needed=True, icpc_target_date=d(45), icpc_date=d(44))
    second = add(case, practitioner, "protection-plan", start_date=d(44), initial_category="PHY")
    cin.record_review(plan=second, by=practitioner, review_date=d(44 + 56))
    found["restarted"] = child

    # Cases across the year boundary: referred in the year before and closed in this one after an assessment.
    child, case = recorded_child(assessment_team, manager, practitioner, number=3, referred=d(-40), first_name="Across")
    add(case, practitioner, "assessment", start_date=d(-35), authorised_on=d(5), factors=["21"])
    close(case, d(15), "RC8")
    found["across"] = child

    # A case wholly before the year is left out; the child's case in the year is in.
    child, case = recorded_child(assessment_team, manager, practitioner, number=4, referred=d(-200), first_name="Earlier")
    close(case, d(-10), "RC7")
    reopen(child, practitioner, d(60))
    found["earlier"] = child

    # Another team's child, whom the builder counts like every other (the census is statistical).
    child, case = recorded_child(care_team, care_manager, other_practitioner, number=5, referred=d(20), first_name="Other")
    add(case, other_practitioner, "cin-plan", start_date=d(40))
    found["other_team"] = child
    return found


def _children(xml: bytes) -> dict:
    root = ET.fromstring(xml)
    return {child.findtext("ChildIdentifiers/LAchildID"): child for child in root.iter("Child")}


def census_id(child) -> str:
    return la_child_id(child)


def test_the_census_holds_each_episode_in_the_year(recorded, django_assert_max_num_queries):
    year = recorded["year"]
    s, end = census_period(year)
    d = lambda n: (s + timedelta(days=n)).isoformat()  # noqa: E731
    with django_assert_max_num_queries(10):
        xml = build_cin_census(year=year, la_number="822")
    root = ET.fromstring(xml)
    assert root.findtext("Header/CollectionDetails/Year") == str(year + 1)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == end.isoformat()
    found = _children(xml)
    assert set(found) == {census_id(recorded[key]) for key in ("reopened", "restarted", "across", "earlier", "other_team")}

    reopened = found[census_id(recorded["reopened"])].findall("CINdetails")
    assert [(e.findtext("CINreferralDate"), e.findtext("CINclosureDate"), e.findtext("ReasonForClosure")) for e in reopened] == [
        (d(5), d(50), "RC7"), (d(70), None, None)]
    assert [f.text for f in reopened[0].iter("AssessmentFactors")] == ["3B", "4B"]
    assert reopened[1].find("Assessments/AssessmentAuthorisationDate") is None

    restarted = found[census_id(recorded["restarted"])].find("CINdetails")
    plans = restarted.findall("ChildProtectionPlans")
    assert [(p.findtext("CPPstartDate"), p.findtext("CPPendDate"), p.findtext("InitialCategoryOfAbuse"),
             p.findtext("LatestCategoryOfAbuse"), p.findtext("NumberOfPreviousCPP")) for p in plans] == [
        (d(-76), d(10), "NEG", "MUL", "0"), (d(44), None, "PHY", "PHY", "1")]
    assert [[r.text for r in p.iter("CPPreviewDate")] for p in plans] == [[d(5)], [d(100)]]
    # The assessment authorised the year before is not in this year's census; the enquiry of the year before is not.
    assert [a.findtext("AssessmentActualStartDate") for a in restarted.findall("Assessments")] == [d(31)]
    assert [e.findtext("S47ActualStartDate") for e in restarted.findall("Section47")] == [d(30)]

    across = found[census_id(recorded["across"])].find("CINdetails")
    assert (across.findtext("CINreferralDate"), across.findtext("CINclosureDate")) == (d(-40), d(15))
    assert reopened[0].findtext("Section47/ICPCnotRequired") == "true"
    assert [e.findtext("CINreferralDate") for e in found[census_id(recorded["earlier"])].findall("CINdetails")] == [d(60)]


def test_the_departments_validator_finds_no_error(recorded, tmp_path):
    year = recorded["year"]
    xml = build_cin_census(year=year, la_number="822").decode()

    findings = run_cin_validator(xml, tmp_path, ruleset=ruleset(year))

    errors = [f for f in findings if f["type"] != "QUERY"]
    queries = sorted({(f["rule"], f["message"]) for f in findings} - {(f["rule"], f["message"]) for f in errors})
    print(f"QUERY-level findings ({ruleset(year)}):", *queries, sep="\n  ")
    assert errors == [], errors


# The demo council's census is checked with the validator in tests/casework/children/test_seed_demo.py
# (TestTheDemoCouncilsReturns), beside the other tests of the demo data, which share one seeded demo.
