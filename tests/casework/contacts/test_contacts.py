"""Issue 17 (Ofsted's Annex A list 1): a contact received about a child, recorded on the child's record whether or not
it became a referral: the date, who it came from in the DfE's referral source codes, what was asked and the decision.
Each wrong answer refused at its field with nothing saved, a correction needs its reason and keeps the history, every
change audited, the page reached from the Cases tab, and a 404 for anyone who may not write on the child's record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.contacts import services
from casework.contacts.models import FrontDoorContact
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def date_fields(name, value) -> dict:
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def add_url(child):
    return reverse("casework:front_door_contact_add", args=[child.local_id])


def correct_url(child, contact):
    return reverse("casework:front_door_contact_correct", args=[child.local_id, contact.pk])


def cases_url(child):
    return reverse("casework:child_cases", args=[child.local_id])


@pytest.fixture
def contact(child, practitioner):
    return services.record_contact(child=child, by=practitioner, received_on=days_ago(10), source="3A",
                                   request="The GP is worried about bruising", decision="referral")


# --- Services ----------------------------------------------------------------------------------------------------

def test_a_contact_is_recorded_with_its_history_and_audit(child, practitioner, contact):
    contact.refresh_from_db()
    assert (contact.received_on, contact.source, contact.request, contact.decision, contact.recorded_by) == (
        days_ago(10), "3A", "The GP is worried about bruising", FrontDoorContact.Decision.REFERRAL, practitioner)
    assert contact.history.get().history_user == practitioner
    assert AuditEvent.objects.filter(child=child, action=AuditAction.RECORDED_CONTACT,
                                     detail=f"contact received {contact.pk}").count() == 1


@pytest.mark.parametrize("fields, field, message", [
    ({"received_on": "tomorrow"}, "received_on", "The date the contact was received must be today or in the past"),
    ({"received_on": "before birth"}, "received_on",
     "The date the contact was received must be on or after the child was born, 17 May 2016"),
    ({"source": "9Z"}, "source", "Select the source of the contact from the list"),
    ({"request": "   "}, "request", "Enter what was asked"),
    ({"request": "x" * 5001}, "request", "What was asked must be 5,000 characters or fewer"),
    ({"decision": "closed"}, "decision", "Select the decision on the contact"),
])
def test_a_wrong_answer_is_refused_at_its_field_and_nothing_saved(child, practitioner, fields, field, message):
    given = {"received_on": days_ago(3), "source": "1A", "request": "Her aunt rang", "decision": "nfa", **fields}
    given["received_on"] = {"tomorrow": days_ago(-1), "before birth": date(2016, 5, 16)}.get(
        given["received_on"], given["received_on"])

    with pytest.raises(ValidationError) as refused:
        services.record_contact(child=child, by=practitioner, **given)

    assert refused.value.message_dict[field] == [message]
    assert not FrontDoorContact.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RECORDED_CONTACT).exists()


def test_a_correction_needs_its_reason_and_keeps_the_earlier_version(child, practitioner, colleague, contact):
    with pytest.raises(ValidationError) as refused:
        services.correct_contact(contact=contact, by=colleague, received_on=days_ago(10), source="3B",
                                 request=contact.request, decision="referral", reason=" ")
    assert refused.value.message_dict["reason"] == ["Enter why you are correcting the contact"]
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.correct_contact(contact=contact, by=colleague, received_on=days_ago(10), source="3A",
                                 request=contact.request, decision="referral", reason="Checked")

    services.correct_contact(contact=contact, by=colleague, received_on=days_ago(10), source="3B",
                             request=contact.request, decision="early_help", reason="It was the health visitor")

    versions = list(contact.history.order_by("history_id"))
    assert [(v.source, v.decision, v.history_user) for v in versions] == [
        ("3A", "referral", practitioner), ("3B", "early_help", colleague)]
    assert versions[-1].history_change_reason == "Corrected: It was the health visitor"
    assert AuditEvent.objects.filter(child=child, action=AuditAction.CORRECTED_CONTACT, actor=colleague).count() == 1


def test_someone_who_may_not_write_on_the_child_is_refused_and_nothing_saved(child, other_practitioner, slt, contact):
    for user in (other_practitioner, slt):
        with pytest.raises(PermissionDenied):
            services.record_contact(child=child, by=user, received_on=days_ago(1), source="1A", request="Worried",
                                    decision="nfa")
        with pytest.raises(PermissionDenied):
            services.correct_contact(contact=contact, by=user, received_on=days_ago(1), source="1A",
                                     request="Worried", decision="nfa", reason="Wrong")
    assert FrontDoorContact.objects.get().history.count() == 1


def test_the_database_refuses_to_delete_a_contact(contact):
    with pytest.raises(Exception, match="never deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM casework_frontdoorcontact WHERE id = %s", [contact.pk])
    assert FrontDoorContact.objects.filter(pk=contact.pk).exists()


# --- Pages -------------------------------------------------------------------------------------------------------

def test_the_cases_tab_lists_the_contacts_in_words_and_links_to_record_one(child, practitioner, contact,
                                                                         django_assert_max_num_queries):
    services.record_contact(child=child, by=practitioner, received_on=days_ago(2), source="6",
                            request="Police called after a disturbance", decision="advice")
    client = client_for(practitioner)

    with django_assert_max_num_queries(60):
        response = client.get(cases_url(child))

    cells = texts(response, "govuk-table__cell")
    assert f"{days_ago(2):%-d %b %Y}" in cells and "Police called after a disturbance" in cells
    assert "Information and advice given" in cells and "Progressed to a referral" in cells
    assert cells.index("Police called after a disturbance") < cells.index("The GP is worried about bruising")
    page = response.content.decode()
    assert add_url(child) in page and correct_url(child, contact) in page


def test_a_contact_is_recorded_and_corrected_through_the_forms(child, practitioner):
    client = client_for(practitioner)
    assert client.get(add_url(child)).status_code == 200

    refused = client.post(add_url(child), {**date_fields("received_on", days_ago(-2)), "source": "2A",
                                           "request": "School worried", "decision": "nfa"})
    assert_form_error(refused, "The date the contact was received must be today or in the past")
    refused = client.post(add_url(child), {**date_fields("received_on", days_ago(2)), "source": "2A",
                                           "request": "School worried"})
    assert_form_error(refused, "Select the decision on the contact")
    assert not FrontDoorContact.objects.exists()

    response = client.post(add_url(child), {**date_fields("received_on", days_ago(2)), "source": "2A",
                                            "request": "School worried", "decision": "nfa"})
    assert response.status_code == 302 and response.url == f"{cases_url(child)}#contacts"
    contact = FrontDoorContact.objects.get(child=child)

    form = client.get(correct_url(child, contact))
    assert "School worried" in form.content.decode()
    response = client.post(correct_url(child, contact), {
        **date_fields("received_on", days_ago(2)), "source": "2B", "request": "School worried", "decision": "nfa",
        "reason": "It came from the education welfare service"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.source == "2B" and contact.history.count() == 2


def test_someone_of_another_team_gets_a_404_and_nothing_is_saved(child, other_practitioner, contact):
    client = client_for(other_practitioner)
    for url in (add_url(child), correct_url(child, contact)):
        assert client.get(url).status_code == 404
    assert client.post(add_url(child), {**date_fields("received_on", days_ago(2)), "source": "2A",
                                        "request": "School worried", "decision": "nfa"}).status_code == 404
    assert FrontDoorContact.objects.count() == 1
