"""Checking the records before a return is built (issue 17): each child whose record would fail a check, in plain
words with a link to where it is put right; children the reader may not see counted, never shown (§7); paged and
query-bounded; and "Return data missing" on a practitioner's own caseload."""

from datetime import date

import pytest
from django.urls import reverse

from access.models import GrantSource
from access.permissions.services import VIEW_CHILD, grant_to_user
from casework.children.services import close_case, update_case_return_details, update_identity_details
from casework.models import Case, Child
from casework.returns.codes import collection_year
from casework.returns.validation import children_with_gaps
from tests.casework.returns.staff import performance  # noqa: F401  the fixture
from tests.conftest import client_for, complete_closing_summary, open_record


def _complete(child, by):
    """Fill in everything the return needs."""
    update_identity_details(child=child, by=by, sex="F", ethnicity="WBRI", disabilities=["NONE"], upn="",
                            upn_unknown_reason="UN1", date_of_death=None)
    update_case_return_details(case=child.cases.get(), by=by, referral_source="2A", primary_need="N1", referral_nfa=False)
    return Child.objects.get(pk=child.pk)


def _check_page(client, year=None, **extra):
    params = {"kind": "cin_census", "year": year or collection_year(), **extra}
    return client.get(reverse("casework:return_validation"), params)


def _see(user, child, by):
    grant_to_user(user=user, child=child, codename=VIEW_CHILD, source=GrantSource.EXPLICIT, by=by, reason="Returns")


def test_each_gap_is_said_in_plain_words_with_a_link_to_where_it_is_put_right(child, manager, performance):
    _see(performance, child, manager)
    case = child.cases.get()
    body = _check_page(client_for(performance)).content.decode()
    assert child.display_name in body and 'id="gaps"' in body
    for words in ("Sex is not recorded", "Ethnicity is not recorded",
                  "Neither the unique pupil number (UPN) nor why it is not known is recorded",
                  "The primary need is not recorded"):
        assert words in body
    assert reverse("casework:identity_details", args=[child.local_id]) in body
    assert reverse("casework:case_return_details", args=[child.local_id, case.pk]) in body
    assert "gap_" not in body and "cin_census" not in body.replace('value="cin_census"', "")


def test_a_complete_record_is_not_listed(child, manager, practitioner, performance):
    _see(performance, child, manager)
    _complete(child, practitioner)
    body = _check_page(client_for(performance)).content.decode()
    assert child.display_name not in body and "No record you can see would fail" in body


def test_a_case_closed_with_a_reason_not_on_the_list_is_listed_with_a_link_to_the_case(
        policy_designs, child, manager, practitioner, performance):
    _complete(child, practitioner)
    _see(performance, child, manager)
    case = child.cases.get()
    complete_closing_summary(case, practitioner)
    close_case(case=case, closure_date=case.referral_date, closure_reason="RC8", closure_notes="", by=manager)
    Case.objects.filter(pk=case.pk).update(closure_reason="closed")  # a reason from before the codes came
    body = _check_page(client_for(performance), year=collection_year(case.referral_date)).content.decode()
    assert "The case is closed without a reason for closure from the list" in body
    assert reverse("casework:child_cases", args=[child.local_id]) in body


def test_a_child_not_seen_is_counted_but_never_shown(child, other_child, manager, performance):
    _see(performance, child, manager)
    body = _check_page(client_for(performance)).content.decode()
    assert child.display_name in body
    assert other_child.display_name not in body and other_child.local_id not in body
    assert "1 more child's record would fail the checks, on records you cannot see" in body
    assert set(children_with_gaps(collection_year())) == {child, other_child}  # the return counts both


def test_a_senior_leader_without_access_to_any_child_sees_only_how_many(child, other_child, slt):
    body = _check_page(client_for(slt)).content.decode()
    assert child.display_name not in body and other_child.display_name not in body
    assert "2 more children's records would fail the checks" in body and 'id="gaps"' not in body


def test_a_child_whose_case_was_not_open_in_the_year_is_not_listed(child, manager, performance):
    _see(performance, child, manager)
    earlier = collection_year(child.cases.get().referral_date) - 1
    body = _check_page(client_for(performance), year=earlier).content.decode()
    assert child.display_name not in body and 'id="hidden-gaps"' not in body


@pytest.mark.parametrize("params", [{"kind": "lac_census"}, {"year": "1999"}, {"year": "soon"}])
def test_an_unknown_return_or_year_is_a_clear_error(performance, params):
    response = _check_page(client_for(performance), **params)
    body = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in body
    assert "Choose a return from the list" in body or "Choose a collection year from the list" in body


def test_the_list_is_paged_and_reads_the_same_number_of_queries_however_many_children(
        assessment_team, manager, practitioner, performance, django_assert_max_num_queries):
    def add(count, start):
        for number in range(start, start + count):
            _see(performance, open_record(team=assessment_team, manager=manager, first_name=f"Child{number:02d}",
                                          dob=date(2015, 1, 1)), manager)
    add(3, 0)
    client = client_for(performance)
    _check_page(client)
    with django_assert_max_num_queries(12) as few:
        _check_page(client)
    add(30, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = _check_page(client)
    body = response.content.decode()
    assert "33 children's records would fail" in body and body.count("Sex is not recorded") == 25
    assert "govuk-pagination" in body
    second = _check_page(client, page=2).content.decode()
    assert second.count("Sex is not recorded") == 8


def test_my_caseload_marks_my_children_with_return_data_missing(assessment_team, manager, practitioner, child):
    complete = _complete(open_record(team=assessment_team, manager=manager, worker=practitioner,
                                     first_name="Bea", last_name="Adams"), practitioner)
    body = client_for(practitioner).get(reverse("casework:caseload")).content.decode()
    rows = [row.split("</tr>")[0] for row in body.split('<tr class="govuk-table__row">')]
    gap_row = next(row for row in rows if child.display_name in row)
    complete_row = next(row for row in rows if complete.display_name in row)
    assert "Return data missing" in gap_row and "Return data missing" not in complete_row

    _complete(child, practitioner)
    assert "Return data missing" not in client_for(practitioner).get(reverse("casework:caseload")).content.decode()


def test_the_caseload_marker_costs_no_query_per_child(assessment_team, manager, practitioner,
                                                       django_assert_max_num_queries):
    open_record(team=assessment_team, manager=manager, worker=practitioner)
    client = client_for(practitioner)
    client.get(reverse("casework:caseload"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("casework:caseload"))
    for number in range(8):
        open_record(team=assessment_team, manager=manager, worker=practitioner, first_name=f"Kid{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("casework:caseload")).content.decode()
    assert body.count("Return data missing") == 9
