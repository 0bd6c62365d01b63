"""Issue 17: Ofsted's Annex A lists (casework.returns.annex_a) as one workbook, read back with openpyxl: a sheet per
list with the template's headings, the rows of children recorded through the services, restricted items counted
but their details withheld (§7), queries that do not grow with the children, and the build through the returns page
and its worker."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casework.basic_record import services
from casework.cin import services as cin
from casework.returns import worker
from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import LISTS, WITHHELD
from casework.returns.cin_census import census_period, la_child_id
from casework.returns.models import ReturnBuild
from casework.tasks import build_return
from tests.casework.returns.staff import performance  # noqa: F401  the fixture
from tests.casework.returns.test_cin_census import add, close, recorded_child
from tests.casework.returns.test_ssda903 import (CHILDRENS_HOME, FOSTER, FOSTERING_URN, HOME_2, looked_after_child,
                                                 placement, return_year, status, in_care_across_the_year_start)
from tests.conftest import client_for, open_record
from tests.pdf_text import response_bytes

pytestmark = pytest.mark.django_db

SECRET_POSTCODE = "LS9 9AA"  # where a restricted placement is


def sheets(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {name: [tuple(row) for row in workbook[name].iter_rows(values_only=True)] for name in workbook.sheetnames}


def rows_of(book, key: str, child) -> list[dict]:
    """The rows of list `key` about `child`, each as {heading: value} (dates come back as datetimes: made dates)."""
    headings, *rows = book[LISTS[key].title]
    found = [dict(zip(headings, row)) for row in rows if row[0] == la_child_id(child)]
    return [{k: (v.date() if hasattr(v, "date") else v) for k, v in row.items()} for row in found]


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@pytest.fixture
def recorded(assessment_team, care_team, manager, care_manager, practitioner, other_practitioner):
    """Children recorded through the services, their dates about the start `s` of the collection year."""
    year = return_year()
    s, _ = census_period(year)
    d = lambda n: s + timedelta(days=n)  # noqa: E731
    found = {"year": year, "s": s, "d": d}

    # In need: referred, assessed, a child in need plan, then a section 47 enquiry whose conference made a plan.
    child, case = recorded_child(assessment_team, manager, practitioner, number=1, referred=d(5), first_name="Needs")
    add(case, practitioner, "assessment", start_date=d(6), authorised_on=d(25), factors=["3B"])
    cin_plan = add(case, practitioner, "cin-plan", start_date=d(26), end_date=d(30))
    add(case, practitioner, "section-47", start_date=d(30), icpc_needed=True, icpc_target_date=d(44), icpc_date=d(40))
    plan = add(case, practitioner, "protection-plan", start_date=d(40), initial_category="NEG", latest_category="EMO")
    cin.record_review(plan=plan, by=practitioner, review_date=d(70))
    found.update(needs=child, cin_plan=cin_plan)

    # Referred and closed after assessment with no further action, in the year.
    child, case = recorded_child(assessment_team, manager, practitioner, number=2, referred=d(8), first_name="Closed")
    add(case, practitioner, "assessment", start_date=d(9), authorised_on=d(12), factors=["3B"])
    close(case, d(13), "RC8")
    found["closed"] = child

    # Looked after across the year's start: accommodated, an interim care order, a move to a children's home, a
    # care order.
    by = other_practitioner
    child = found["in_care"] = looked_after_child(care_team, care_manager, by, number=3, first_name="Cared")
    in_care_across_the_year_start(child, by, d)

    # Looked after in a placement restricted from the child (§7): where she lives is withheld.
    child = found["hidden"] = looked_after_child(care_team, care_manager, by, number=4, first_name="Hidden")
    status(child, by, d(10), "care_order", category_of_need="N1")
    hidden = placement(child, by, d(10), "U4", "PR4", SECRET_POSTCODE, urn="SC654321")
    services.restrict_item(item=hidden, by=care_manager, reason="serious_harm", reason_detail="Risk from a parent",
                           advised_by=care_manager, review_date=timezone.localdate() + timedelta(days=30))

    # Went home in the year (E4A); another went home and came back into care.
    for key, number in (("went_home", 6), ("came_back", 7)):
        child = found[key] = looked_after_child(care_team, care_manager, by, number=number, first_name=key.title())
        accommodated = status(child, by, d(10), "s20", category_of_need="N5")
        foster = placement(child, by, d(10), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
        services.end_item(item=foster, by=by, end_date=d(50), end_reason="Home")
        services.end_item(item=accommodated, by=by, end_date=d(50), end_reason="Home", reason_ceased="E4A")
    status(child, by, d(70), "s20", category_of_need="N5")
    placement(child, by, d(70), "U6", "PR1", FOSTER, urn=FOSTERING_URN)

    # On the way to adoption: a care order, fostering for adoption, a placement order, placed for adoption.
    child = found["adoption"] = looked_after_child(care_team, care_manager, by, number=5, first_name="Adopt",
                                                   born=date(2024, 2, 1))
    order = status(child, by, d(-90), "care_order", category_of_need="N1")
    ffa = placement(child, by, d(-90), "U5", "PR1", FOSTER, urn=FOSTERING_URN)
    services.end_item(item=order, by=by, end_date=d(15), end_reason="Placement order made")
    status(child, by, d(15), "placement_order", category_of_need="N1")
    services.end_item(item=ffa, by=by, end_date=d(50), end_reason="Placed for adoption", change_reason="CARPL")
    placement(child, by, d(50), "A5", "PR1", HOME_2)
    return found


def test_every_list_is_a_sheet_with_the_templates_headings(recorded):
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    assert list(book) == [f"List {n} {name}" for n, name in enumerate(
        ["Contacts", "Early help", "Referrals", "Assessments", "Section 47", "Children in need", "Child protection",
         "Children in care", "Care leavers", "Adoption", "Adopters"], start=1)]
    for spec in LISTS.values():
        rows = book[spec.title]
        assert rows[0] == tuple(spec.headings)
        assert all(len(row) == len(spec.headings) for row in rows[1:] if row[1:] != (None,) * (len(row) - 1))
        if spec.note:  # nothing in the record sources it: the headings and a row that says so
            assert [row[0] for row in rows[1:]] == [spec.note] and "Not recorded in casework" in spec.note
    assert book["List 8 Children in care"][0][:5] == ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth",
                                                     "Age of Child (Years)")


def test_a_child_in_need_is_on_the_referral_assessment_enquiry_need_and_protection_lists(recorded, practitioner):
    d, needs = recorded["d"], recorded["needs"]
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    as_at = min(census_period(recorded["year"])[1], timezone.localdate())
    team_and_worker = ("Assessment Team", practitioner.get_full_name())

    [referral] = rows_of(book, "referrals", needs)
    assert (referral["Date of referral"], referral["Referral Source"], referral["Referral NFA?"],
            referral["Number of Referrals in Last 12 Months"]) == (d(5), "2A", "No", 1)
    assert referral["Age of Child (Years)"] == age(date(2014, 6, 1), as_at) and referral["Ethnicity"] == "WBRI"
    assert (referral["Allocated Team"], referral["Allocated Worker"]) == team_and_worker

    [assessment] = rows_of(book, "assessments", needs)
    assert (assessment["Continuous Assessment Start Date"], assessment["Continuous Assessment Date of Authorisation"],
            assessment["Was the child assessed as requiring LA children's social care support?"],
            assessment["Does the Child have a Disability"]) == (d(6), d(25), "Yes", "No")
    [closed] = rows_of(book, "assessments", recorded["closed"])
    assert closed["Was the child assessed as requiring LA children's social care support?"] == "No"  # RC8

    [enquiry] = rows_of(book, "section47", needs)
    assert tuple(enquiry[h] for h in LISTS["section47"].headings[6:12]) == (d(30), "No", d(40), "Yes", 1, 1)

    [episode] = rows_of(book, "in_need", needs)
    assert (episode["CIN Start Date"], episode["Primary Need Code"], episode["CIN Closure Date"],
            episode["Case Status"]) == (d(5), "N1", None, "Child protection plan")
    [closed] = rows_of(book, "in_need", recorded["closed"])
    assert (closed["CIN Closure Date"], closed["Reason for Closure"], closed["Case Status"]) == (
        d(13), "RC8", "Closed episode")

    [plan] = rows_of(book, "protection", needs)
    assert tuple(plan[h] for h in LISTS["protection"].headings[6:15]) == (
        d(40), "NEG", "EMO", None, None, d(70), None, "No", 0)
    assert (plan["Allocated Team"], plan["Allocated Worker"]) == team_and_worker
    assert rows_of(book, "in_care", needs) == [] and rows_of(book, "referrals", recorded["in_care"]) == []


def test_a_looked_after_childs_row_has_the_current_legal_status_and_placement(recorded, other_practitioner):
    d = recorded["d"]
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    [row] = rows_of(book, "in_care", recorded["in_care"])
    assert (row["Date Started to be Looked After"], row["Child's Category of Need"], row["Child's Legal Status"],
            row["Start date of current legal status"]) == (d(-60), "N1", "C2", d(80))
    assert row["Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)"] == "No"
    assert (row["Start Date of Most Recent Placement"], row["Placement Type"], row["Placement Provider"],
            row["Placement postcode"], row["URN of Placement"]) == (d(40), "K2", "PR4", CHILDRENS_HOME, "SC123456")
    assert row["Number of Placements in the Last 12 months"] == 2
    assert (row["Date Ceased to be Looked After"], row["Reason Ceased to be Looked After"]) == (None, None)
    assert (row["Allocated Team"], row["Allocated Worker"]) == ("Children in Care Team", other_practitioner.get_full_name())
    # A case open and a looked-after status: the child in need list says so.
    assert [r["Case Status"] for r in rows_of(book, "in_need", recorded["in_care"])] == ["Looked after child"]


def test_a_child_who_left_care_and_one_who_came_back(recorded):
    d = recorded["d"]
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    second = "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)"
    [went_home] = rows_of(book, "in_care", recorded["went_home"])
    assert (went_home["Date Started to be Looked After"], went_home["Date Ceased to be Looked After"],
            went_home["Reason Ceased to be Looked After"], went_home[second]) == (d(10), d(50), "E4A", "No")
    [came_back] = rows_of(book, "in_care", recorded["came_back"])  # one row: the latest period of care
    assert (came_back["Date Started to be Looked After"], came_back["Date Ceased to be Looked After"],
            came_back[second], came_back["Number of Placements in the Last 12 months"]) == (d(70), None, "Yes", 2)


def test_a_restricted_placement_is_counted_but_what_it_says_is_withheld(recorded):
    content = build_annex_a(year=recorded["year"], la_number="822")
    book = sheets(content)
    [row] = rows_of(book, "in_care", recorded["hidden"])
    assert row["Child's Legal Status"] == "C2" and row["Date Started to be Looked After"] == recorded["d"](10)
    assert (row["Start Date of Most Recent Placement"], row["Placement Type"], row["Placement Provider"],
            row["Placement postcode"], row["URN of Placement"]) == (WITHHELD,) * 5
    everything = [value for rows in book.values() for r in rows for value in r]
    assert SECRET_POSTCODE not in everything and "SC654321" not in everything
    assert SECRET_POSTCODE.encode() not in content


def test_a_child_on_the_way_to_adoption_is_on_the_adoption_list(recorded):
    d = recorded["d"]
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    [row] = rows_of(book, "adoption", recorded["adoption"])
    assert (row["Date the Child Entered Care"], row["Date of Placement Order"], row["Date Placed for Adoption"],
            row["Date the child was placed for fostering in FFA or concurrent planning placement"],
            row["Date of Adoption Order"]) == (d(-90), d(15), d(50), d(-90), None)
    assert row["Date of Decision that Child Should be Placed for Adoption"] is None  # not recorded
    assert rows_of(book, "adoption", recorded["in_care"]) == []


def test_the_queries_do_not_grow_with_the_children(recorded, care_team, care_manager, other_practitioner,
                                                    django_assert_max_num_queries):
    year, d, by = recorded["year"], recorded["d"], other_practitioner
    # 13, one for each kind of looked-after record and the permanence plans' words (annex_a_care, with the care
    # leavers' pathway plan reviews), two for visits, one for health records, one for care leavers' contacts, one for
    # the contacts received (list 1), one for early help assessments (list 2)
    with django_assert_max_num_queries(24) as few:
        build_annex_a(year=year, la_number="822")
    for number in range(10, 20):
        child = looked_after_child(care_team, care_manager, by, number=number, first_name=f"More{number}")
        status(child, by, d(number), "care_order", category_of_need="N1")
        placement(child, by, d(number), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = sheets(build_annex_a(year=year, la_number="822"))
    assert len(book["List 8 Children in care"]) == 1 + 5 + 10


@pytest.fixture
def queued(monkeypatch):
    sent = []
    monkeypatch.setattr(build_return, "delay", lambda build_id: sent.append(build_id))
    return sent


def test_annex_a_is_built_from_the_returns_page_by_the_worker_and_downloaded(
        performance, slt, assessment_team, manager, practitioner, queued, django_capture_on_commit_callbacks):  # noqa: F811
    child = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Listed")
    year = return_year()
    page = client_for(performance).get(reverse("casework:returns")).content.decode()
    assert 'value="annex_a"' in page and "Annex A" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(performance).post(reverse("casework:return_build_new"), {"kind": "annex_a", "year": year})
    build = ReturnBuild.objects.get()
    assert response.status_code == 302 and queued == [build.pk]
    assert worker.run_build(build.pk) == "done"
    build.refresh_from_db()
    assert build.file_name == f"annex-a-822-{year}-{(year + 1) % 100:02d}.xlsx"
    download = client_for(slt).get(reverse("casework:return_download", args=[build.pk]))
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = sheets(response_bytes(download))
    assert len(book) == 11 and [r["Case Status"] for r in rows_of(book, "in_need", child)] == [None]
