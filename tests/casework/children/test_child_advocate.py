"""§6: the child's record says whether they need an advocate or a signer to take part, and who it is,
beside their other communication needs; asked when the child is first recorded and changed after."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from casework.children import services
from casework.models import Child
from tests.casework.children.test_child_create import URL, referral_data
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts


def needs(**overrides) -> dict:
    return {"preferred_language": "English", "communication_method": "", "interpreter_needed": False,
            "advocate_needed": False, "advocate_name": "", "signer_needed": False, "signer_name": "", **overrides}


def communication_url(child) -> str:
    return reverse("casework:communication", args=[child.local_id])


def record_page(client, child):
    return client.get(reverse("casework:child_record", args=[child.local_id]))


# --- When the child is first recorded ------------------------------------------------------------------

def test_a_new_child_is_recorded_with_their_advocate_and_signer(practitioner):
    client = client_for(practitioner)

    client.post(URL, referral_data(advocate_needed="True", advocate_name="Sam Patel, Coram Voice",
                                   signer_needed="True", signer_name=""))

    child = Child.objects.get(last_name="Mensah")
    assert (child.advocate_needed, child.advocate_name, child.signer_needed, child.signer_name) == (
        True, "Sam Patel, Coram Voice", True, "")
    page = record_page(client, child)
    values = texts(page, "govuk-summary-list__value")
    assert "Needed: Sam Patel, Coram Voice" in values
    assert "Needed: not yet arranged" in values  # the signer
    assert "Advocate: Sam Patel, Coram Voice" in texts(page, "govuk-tag")  # on every page of the child's record


@pytest.mark.parametrize("field, message", [
    ("advocate_needed", "Select yes if the child needs an advocate"),
    ("signer_needed", "Select yes if the child needs a signer"),
])
def test_the_questions_must_be_answered(practitioner, field, message):
    data = referral_data()
    del data[field]

    response = client_for(practitioner).post(URL, data)

    assert_form_error(response, message)
    assert not Child.objects.filter(last_name="Mensah").exists()


def test_an_advocate_named_for_a_child_who_needs_none_is_refused(practitioner):
    response = client_for(practitioner).post(URL, referral_data(advocate_needed="False", advocate_name="Sam Patel"))

    assert_form_error(response, "Leave the advocate's name empty, or answer yes: the child needs an advocate")
    assert not Child.objects.filter(last_name="Mensah").exists()


def test_the_database_refuses_a_signer_for_a_child_who_needs_none(child):
    with pytest.raises(IntegrityError), transaction.atomic():
        Child.objects.filter(pk=child.pk).update(signer_name="Jo Hall")


# --- Changed afterwards -------------------------------------------------------------------------------

def test_the_communication_page_changes_them_and_the_record_shows_it(child, practitioner):
    client = client_for(practitioner)
    assert "Change communication needs" in record_page(client, child).content.decode()

    response = client.post(communication_url(child), {
        "preferred_language": "Polish", "communication_method": "British Sign Language", "interpreter_needed": "True",
        "advocate_needed": "False", "advocate_name": "", "signer_needed": "True", "signer_name": "Jo Hall, BSL signer",
    })

    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.preferred_language, child.signer_needed, child.signer_name) == ("Polish", True, "Jo Hall, BSL signer")
    assert child.history.first().history_user == practitioner
    values = texts(record_page(client, child), "govuk-summary-list__value")
    assert "Needed: Jo Hall, BSL signer" in values and "Not needed" in values


def test_the_communication_page_refuses_a_signer_not_needed_and_saves_nothing(child, practitioner):
    response = client_for(practitioner).post(communication_url(child), {
        "preferred_language": "Polish", "communication_method": "", "interpreter_needed": "False",
        "advocate_needed": "False", "advocate_name": "", "signer_needed": "False", "signer_name": "Jo Hall",
    })

    assert_form_error(response, "Leave the signer's name empty, or answer yes: the child needs a signer")
    child.refresh_from_db()
    assert (child.preferred_language, child.signer_name) == ("English", "")


def test_the_service_refuses_an_advocate_not_needed_and_saves_nothing(child, practitioner):
    with pytest.raises(ValidationError, match="Leave the advocate's name empty"):
        services.update_communication_needs(child=child, by=practitioner,
                                            **needs(preferred_language="Polish", advocate_name="Sam Patel"))

    child.refresh_from_db()
    assert (child.preferred_language, child.advocate_name) == ("English", "")


def test_the_service_refuses_someone_who_may_not_write_on_the_record(child, other_practitioner):
    with pytest.raises(PermissionDenied):
        services.update_communication_needs(child=child, by=other_practitioner, **needs(advocate_needed=True))

    child.refresh_from_db()
    assert child.advocate_needed is False


# --- The communication page: who may use it, and its queries (issue 15 re-audit) -------------------

def test_the_communication_page_is_not_found_for_someone_who_cannot_see_the_child(child, other_practitioner):
    client = client_for(other_practitioner)
    assert client.get(communication_url(child)).status_code == 404
    assert client.post(communication_url(child), {
        "preferred_language": "Polish", "communication_method": "", "interpreter_needed": "False",
        "advocate_needed": "True", "advocate_name": "Sam Patel", "signer_needed": "False", "signer_name": "",
    }).status_code == 404
    child.refresh_from_db()
    assert (child.preferred_language, child.advocate_needed) == ("English", False)


@pytest.mark.parametrize("siblings", [0, 6])
def test_the_communication_page_reads_a_fixed_number_of_queries(child, practitioner, siblings, assessment_team,
                                                                 manager, django_assert_max_num_queries):
    from casework.banner.selectors import BANNER_QUERIES
    from tests.conftest import open_record
    for n in range(siblings):  # more children on the worker's caseload change nothing here
        open_record(team=assessment_team, manager=manager, worker=practitioner, first_name=f"Child{n}")
    client = client_for(practitioner)
    client.get(communication_url(child))  # warm
    with django_assert_max_num_queries(10 + BANNER_QUERIES):
        assert client.get(communication_url(child)).status_code == 200
