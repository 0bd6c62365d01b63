"""Find a child: by name (partial, any accent or case), date of birth, local ID or NHS number; visible children only."""

from datetime import date

import pytest

from tests.conftest import client_for, open_record
from tests.govuk_html import error_summary, inline_errors, texts

URL = "/children/search/"


@pytest.fixture
def zoe(assessment_team, manager, practitioner):
    child = open_record(team=assessment_team, manager=manager, worker=practitioner,
                        first_name="Zoë", last_name="O'Brien", dob=date(2019, 3, 27))
    child.nhs_number = "9434765919"
    child.save()
    return child


def found_ids(response) -> list[str]:
    """Local child IDs listed in the results table (second column)."""
    cells = texts(response, "govuk-table__cell")
    return [cell for cell in cells if cell.startswith("CW-")]


def search(user, query):
    response = client_for(user).get(URL, {"q": query})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("query", ["zoe obrien", "o'brien", "O\u2019Brien", "obrien", "ZOË", "Zoe", "zoë o'brien"])
def test_name_search_ignores_accents_case_and_apostrophes(practitioner, zoe, query):
    assert found_ids(search(practitioner, query)) == [zoe.local_id]


@pytest.mark.parametrize("query", ["bri", "zo", "zo bri"])
def test_name_search_matches_part_of_a_name(practitioner, zoe, query):
    assert found_ids(search(practitioner, query)) == [zoe.local_id]


def test_name_search_needs_every_word_to_match(practitioner, zoe, child):
    assert found_ids(search(practitioner, "zoe okoye")) == []


def test_name_search_finds_preferred_name(practitioner, child):
    child.preferred_name = "Mimi"
    child.save()
    assert found_ids(search(practitioner, "mimi")) == [child.local_id]


@pytest.mark.parametrize("query", ["27/03/2019", "2019-03-27", "27/3/2019", "27 March 2019"])
def test_search_by_date_of_birth(practitioner, zoe, child, query):
    assert found_ids(search(practitioner, query)) == [zoe.local_id]


def test_search_by_local_id(practitioner, zoe, child):
    assert found_ids(search(practitioner, child.local_id)) == [child.local_id]


def test_search_by_local_id_in_lower_case(practitioner, zoe, child):
    assert found_ids(search(practitioner, child.local_id.lower())) == [child.local_id]


@pytest.mark.parametrize("query", ["9434765919", "943 476 5919"])
def test_search_by_nhs_number(practitioner, zoe, child, query):
    assert found_ids(search(practitioner, query)) == [zoe.local_id]


def test_no_match_says_so(practitioner, zoe):
    response = search(practitioner, "nobody")
    assert found_ids(response) == []
    assert "No children found" in texts(response, "govuk-heading-m")


# --- Never a child the user cannot see ---------------------------------------------------------

def test_name_search_never_returns_children_the_user_cannot_see(practitioner, child, other_child):
    response = search(practitioner, "jayden")
    assert found_ids(response) == []
    assert other_child.local_id not in response.content.decode()


def test_date_of_birth_search_never_returns_children_the_user_cannot_see(practitioner, child, other_child):
    assert found_ids(search(practitioner, "03/09/2012")) == []


def test_local_id_search_never_returns_children_the_user_cannot_see(practitioner, child, other_child):
    assert found_ids(search(practitioner, other_child.local_id)) == []


def test_nhs_number_search_never_returns_children_the_user_cannot_see(practitioner, child, other_child):
    other_child.nhs_number = "4010232137"
    other_child.save()
    assert found_ids(search(practitioner, "4010232137")) == []


def test_search_finds_the_same_child_for_the_team_that_can_see_it(other_practitioner, child, other_child):
    assert found_ids(search(other_practitioner, "jayden")) == [other_child.local_id]
    assert found_ids(search(other_practitioner, "amara")) == []


def test_emergency_duty_without_access_finds_nothing(edt, child, other_child):
    assert found_ids(search(edt, "a")) == []


# --- The form ----------------------------------------------------------------------------------

def test_empty_query_gives_an_error_in_the_summary_and_inline(practitioner, child):
    response = search(practitioner, "   ")
    message = "Enter a name, date of birth, local child ID or NHS number"
    assert error_summary(response) == [message]
    assert inline_errors(response) == [message]
    assert found_ids(response) == []


def test_first_visit_shows_no_error(practitioner):
    response = client_for(practitioner).get(URL)
    assert response.status_code == 200
    assert error_summary(response) == []


def test_anonymous_visitor_is_sent_to_sign_in(client, child):
    response = client.get(URL, {"q": "amara"})
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")
