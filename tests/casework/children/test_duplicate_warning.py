"""§5: before a new record is made, possible matches are shown; hidden ones are counted, never named."""

from datetime import date

import pytest

from casework.models import Child
from casework.children.services import find_possible_duplicates
from tests.casework.children.test_child_create import referral_data
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

URL = "/children/new/"
WARNING = "This child may already have a record. Check before you create another one: nothing has been saved yet."
CONFIRM_ERROR = "Confirm that you have checked the possible matches and this is a different child"


def amarah(**overrides):
    """A new child like the `child` fixture (Amara Okoye, 17 May 2016) with a name one letter longer."""
    fields = {"first_name": "Amarah", "last_name": "Okoye", "nhs_number": "",
              "date_of_birth_0": "17", "date_of_birth_1": "5", "date_of_birth_2": "2016"}
    return referral_data(**{**fields, **overrides})


@pytest.fixture
def client(practitioner):
    return client_for(practitioner)


def test_similar_name_and_same_date_of_birth_shows_the_warning(client, child):
    response = client.post(URL, amarah())
    assert response.status_code == 200
    assert any(WARNING in text for text in texts(response, "govuk-warning-text"))


def test_warning_lists_the_visible_match_with_a_link_to_it(client, child):
    response = client.post(URL, amarah())
    cells = texts(response, "govuk-table__cell")
    assert "Amara Okoye (opens in new tab)" in cells
    assert child.local_id in cells
    assert f'href="/children/{child.local_id}/"' in response.content.decode()


def test_warning_saves_nothing(client, child):
    before = Child.objects.count()
    client.post(URL, amarah())
    assert Child.objects.count() == before
    assert not Child.objects.filter(first_name="Amarah").exists()


def test_warning_offers_the_confirmation_checkbox(client, child):
    response = client.post(URL, amarah())
    assert 'name="confirm_new_child"' in response.content.decode()
    assert 'name="check_duplicates"' in response.content.decode()


def test_submitting_again_without_confirming_gives_a_specific_error(client, child):
    before = Child.objects.count()
    response = client.post(URL, amarah(check_duplicates="1"))
    assert response.status_code == 200
    assert_form_error(response, CONFIRM_ERROR)
    assert Child.objects.count() == before


def test_confirming_a_different_child_creates_the_record(client, child):
    response = client.post(URL, amarah(check_duplicates="1", confirm_new_child="on"))
    new_child = Child.objects.get(first_name="Amarah")
    assert response.status_code == 302
    assert response.url == f"/children/{new_child.local_id}/"
    assert new_child.pk != child.pk


def test_different_date_of_birth_is_not_a_possible_match(client, child):
    response = client.post(URL, amarah(date_of_birth_0="18"))
    assert response.status_code == 302
    assert Child.objects.filter(first_name="Amarah").exists()


def test_dissimilar_name_with_the_same_date_of_birth_is_not_a_possible_match(client, child):
    response = client.post(URL, amarah(first_name="Grace", last_name="Williams"))
    assert response.status_code == 302


def test_same_nhs_number_is_a_possible_match_whatever_the_name(client, child):
    child.nhs_number = "9434765919"
    child.save()
    response = client.post(URL, referral_data(first_name="Grace", last_name="Williams", nhs_number="9434765919"))
    assert response.status_code == 200
    assert child.local_id in texts(response, "govuk-table__cell")
    assert not Child.objects.filter(first_name="Grace").exists()


def test_match_the_user_cannot_see_is_counted(client, other_child):
    response = client.post(URL, referral_data(first_name="Jayden", last_name="Clark",
                                              date_of_birth_0="3", date_of_birth_1="9", date_of_birth_2="2012",
                                              nhs_number=""))
    assert response.status_code == 200
    assert "1 possible match on records you do not have access to" in " ".join(texts(response, "govuk-body"))
    assert not Child.objects.filter(last_name="Clark").exists()


def test_match_the_user_cannot_see_is_never_named(client, other_child):
    response = client.post(URL, referral_data(first_name="Jayden", last_name="Clark",
                                              date_of_birth_0="3", date_of_birth_1="9", date_of_birth_2="2012",
                                              nhs_number=""))
    html = response.content.decode()
    assert other_child.local_id not in html
    assert "Clarke" not in html
    assert "Possible matches" not in html


def test_find_possible_duplicates_splits_visible_and_hidden(practitioner, child, other_child):
    found = find_possible_duplicates(user=practitioner, first_name="Jaiden", last_name="Clarke",
                                     date_of_birth=date(2012, 9, 3))
    assert found.visible == []
    assert found.hidden_count == 1
    found = find_possible_duplicates(user=practitioner, first_name="Amarah", last_name="Okoye",
                                     date_of_birth=date(2016, 5, 17))
    assert found.visible == [child]
    assert found.hidden_count == 0
