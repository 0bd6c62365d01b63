"""My caseload: the children allocated to me now; a manager also sees the team's children awaiting allocation."""

from datetime import date

import pytest

from casework.models import Case
from casework.children.services import allocate_case, close_case
from tests.conftest import client_for, open_record, complete_closing_summary
from tests.govuk_html import texts

URL = "/caseload/"


def listed_ids(response) -> list[str]:
    return [cell for cell in texts(response, "govuk-table__cell") if cell.startswith("CW-")]


@pytest.fixture
def colleagues_child(assessment_team, manager, colleague):
    return open_record(team=assessment_team, manager=manager, worker=colleague, first_name="Noah", last_name="Patel",
                       dob=date(2014, 2, 8))


@pytest.fixture
def waiting_child(assessment_team, manager):
    return open_record(team=assessment_team, manager=manager, first_name="Lily", last_name="Evans", dob=date(2020, 7, 1))


def test_caseload_lists_my_allocated_child(practitioner, child):
    response = client_for(practitioner).get(URL)
    assert response.status_code == 200
    assert listed_ids(response) == [child.local_id]
    assert "1 child allocated to you." in texts(response, "govuk-body")


def test_caseload_leaves_out_a_visible_child_allocated_to_a_colleague(practitioner, child, colleagues_child):
    # The practitioner may open the colleague's child (same team) but it is not on their caseload.
    response = client_for(practitioner).get(URL)
    assert colleagues_child.local_id not in listed_ids(response)


def test_caseload_leaves_out_other_teams_children(practitioner, child, other_child):
    assert other_child.local_id not in listed_ids(client_for(practitioner).get(URL))


def test_caseload_leaves_out_a_child_whose_case_is_closed(practitioner, manager, child):
    case = child.cases.get()
    complete_closing_summary(case, manager)
    close_case(case=case, closure_date=date(2026, 2, 1), closure_reason="RC7",
               closure_notes="", by=manager)
    response = client_for(practitioner).get(URL)
    assert listed_ids(response) == []
    assert "No children are allocated to you at the moment." in texts(response, "govuk-body")


def test_caseload_leaves_out_a_child_reallocated_away_from_me(practitioner, colleague, assessment_team, manager, child):
    allocate_case(case=child.cases.get(), team=assessment_team, worker=colleague, by=manager)
    assert listed_ids(client_for(practitioner).get(URL)) == []
    assert listed_ids(client_for(colleague).get(URL)) == [child.local_id]


def test_practitioner_does_not_see_the_awaiting_allocation_list(practitioner, child, waiting_child):
    response = client_for(practitioner).get(URL)
    assert "Awaiting allocation in your team" not in texts(response, "govuk-heading-m")
    assert waiting_child.local_id not in listed_ids(response)


def test_manager_sees_their_teams_children_awaiting_allocation(manager, child, waiting_child):
    response = client_for(manager).get(URL)
    assert "Awaiting allocation in your team" in texts(response, "govuk-heading-m")
    assert waiting_child.local_id in listed_ids(response)
    # An allocated child is not waiting.
    assert child.local_id not in listed_ids(response)


def test_manager_does_not_see_another_teams_children_awaiting_allocation(care_manager, waiting_child, other_child):
    response = client_for(care_manager).get(URL)
    assert waiting_child.local_id not in listed_ids(response)
    assert "Awaiting allocation in your team" not in texts(response, "govuk-heading-m")


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


def test_a_long_caseload_is_shown_a_page_at_a_time(practitioner, assessment_team, manager):
    """Issue 16: 30 children are counted in full and shown 25, then 5, with GOV.UK pagination between."""
    from casework.children.views import CASELOAD_PAGE_SIZE
    from tests.casework.children.test_query_counts import allocate_many

    allocate_many(30, team=assessment_team, worker=practitioner, by=manager)
    client = client_for(practitioner)
    first = client.get("/caseload/")
    assert "30 children allocated to you." in texts(first, "govuk-body")
    assert len(listed_ids(first)) == CASELOAD_PAGE_SIZE == 25
    assert 'href="?page=2" rel="next"' in first.content.decode()
    second = client.get("/caseload/?page=2")
    assert len(listed_ids(second)) == 5
    assert not set(listed_ids(first)) & set(listed_ids(second))
    assert 'href="?page=1" rel="prev"' in second.content.decode()
    assert len(listed_ids(client.get("/caseload/?page=nonsense"))) == 25  # a bad page number shows the first page
