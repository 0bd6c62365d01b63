"""Issue 17: a child's adoption and permanence record (casework.adoption), as the SSDA903 return asks: the decision to
place for adoption, the match with adopters, the decision reversed, the previous permanence option. Codes of the
DfE's lists, each refusal specific and saving nothing, every change kept in the history and audited, a 404 for
anyone who may not write (or read) the child's record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.adoption import services
from casework.adoption.models import AdoptionDecision, PreviousPermanence
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def date_fields(name, value) -> dict:
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def page(child):
    return reverse("casework:adoption", args=[child.local_id])


def record_url(child, kind):
    return reverse("casework:adoption_record", args=[child.local_id, kind])


def update_url(child, decision, kind):
    return reverse("casework:adoption_update", args=[child.local_id, decision.pk, kind])


@pytest.fixture
def decision(child, practitioner):
    return services.record_decision(child=child, by=practitioner, decided_on=days_ago(60))


# --- Services ----------------------------------------------------------------------------------------------------

def test_a_decision_then_a_match_is_recorded_with_its_history_and_audit(child, practitioner, decision):
    services.record_match(decision=decision, by=practitioner, matched_on=days_ago(20), adopters_sex="FF",
                          adopters_legal_status="L12", by_foster_carers=True)

    decision.refresh_from_db()
    assert (decision.matched_on, decision.adopters_sex, decision.adopters_legal_status, decision.by_foster_carers) == (
        days_ago(20), "FF", "L12", True)
    assert decision.number_of_adopters == "2"
    assert [h.history_change_reason for h in decision.history.order_by("history_id")] == [None, "Matched with adopters"]
    assert {h.history_user for h in decision.history.all()} == {practitioner}
    assert AuditEvent.objects.filter(child=child, action=AuditAction.RECORDED_ADOPTION).count() == 2


@pytest.mark.parametrize("fields, field, message", [
    ({"adopters_sex": "XX"}, "adopters_sex", "Select who the adopters are from the list"),
    ({"adopters_legal_status": "L9"}, "adopters_legal_status", "Select the adopters' legal status from the list"),
    ({"adopters_sex": "M1", "adopters_legal_status": "L11"}, "adopters_sex",
     "A single adopter's legal status is 'single'"),
    ({"adopters_sex": "MM", "adopters_legal_status": "L3"}, "adopters_sex",
     "This legal status does not fit who the adopters are: check both"),
    ({"matched_on": "before"}, "matched_on", "The match must be on or after the decision"),
    ({"matched_on": "tomorrow"}, "matched_on", "The date of the match must be today or in the past"),
])
def test_a_wrong_match_is_refused_with_a_specific_error_and_nothing_saved(child, practitioner, decision, fields, field,
                                                                        message):
    given = {"matched_on": days_ago(10), "adopters_sex": "MF", "adopters_legal_status": "L11", "by_foster_carers": False,
             **fields}
    given["matched_on"] = {"before": days_ago(61), "tomorrow": days_ago(-1)}.get(given["matched_on"], given["matched_on"])
    with pytest.raises(ValidationError) as refused:
        services.record_match(decision=decision, by=practitioner, **given)

    assert message in refused.value.message_dict[field][0]
    decision.refresh_from_db()
    assert decision.matched_on is None and decision.history.count() == 1


def test_a_reversed_decision_needs_a_listed_reason_and_frees_the_child_for_a_new_decision(child, practitioner,
                                                                                         decision):
    with pytest.raises(ValidationError) as refused:
        services.reverse_decision(decision=decision, by=practitioner, reversed_on=days_ago(5), reason="RD9")
    assert refused.value.message_dict["reason"] == [
        "Select why the child should no longer be placed for adoption from the list"]
    with pytest.raises(ValidationError, match="already has a decision"):
        services.record_decision(child=child, by=practitioner, decided_on=days_ago(2))

    services.reverse_decision(decision=decision, by=practitioner, reversed_on=days_ago(5), reason="RD3")
    with pytest.raises(ValidationError, match="after the last one was reversed"):
        services.record_decision(child=child, by=practitioner, decided_on=days_ago(6))
    again = services.record_decision(child=child, by=practitioner, decided_on=days_ago(2))

    assert list(child.adoption_decisions.values_list("reversal_reason", flat=True)) == ["RD3", ""]
    assert again.reversed_on is None


def test_the_database_keeps_one_open_decision_and_refuses_to_delete_one(child, practitioner, decision):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptionDecision.objects.create(child=child, decided_on=days_ago(3), recorded_by=practitioner)
    with pytest.raises(Exception, match="never deleted|Record the decision reversed"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM casework_adoptiondecision WHERE id = %s", [decision.pk])
    assert AdoptionDecision.objects.filter(pk=decision.pk).exists()


def test_previous_permanence_is_recorded_then_corrected_with_a_reason(child, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.record_previous_permanence(child=child, by=practitioner, option="P9")
    assert refused.value.message_dict["option"] == ["Select the previous permanence option from the list"]
    with pytest.raises(ValidationError) as refused:
        services.record_previous_permanence(child=child, by=practitioner, option="P2", arranged_by="82",
                                            order_date=date(2019, 9, 16))
    assert "three-digit DfE number" in refused.value.message_dict["arranged_by"][0]
    with pytest.raises(ValidationError) as refused:
        services.record_previous_permanence(child=child, by=practitioner, option="Z1", arranged_by="822")
    assert "Leave the council and the date empty" in refused.value.message_dict["arranged_by"][0]
    assert not PreviousPermanence.objects.exists()

    services.record_previous_permanence(child=child, by=practitioner, option="Z1")
    with pytest.raises(ValidationError, match="Enter why you are correcting this"):
        services.record_previous_permanence(child=child, by=practitioner, option="P2", arranged_by="822",
                                            order_date=date(2019, 9, 16))
    item = services.record_previous_permanence(child=child, by=practitioner, option="P2", arranged_by="wal",
                                               order_date=date(2019, 9, 16), reason="Her SGO was found")

    assert (item.option, item.arranged_by, item.order_date) == ("P2", "WAL", date(2019, 9, 16))
    assert [h.option for h in item.history.order_by("history_id")] == ["Z1", "P2"]
    assert AuditEvent.objects.filter(child=child, action=AuditAction.CHANGED_ADOPTION).count() == 1


def test_an_outsider_is_refused_by_every_service_and_nothing_is_saved(child, other_practitioner, decision):
    calls = [
        lambda: services.record_decision(child=child, by=other_practitioner, decided_on=days_ago(1)),
        lambda: services.record_match(decision=decision, by=other_practitioner, matched_on=days_ago(1),
                                      adopters_sex="MF", adopters_legal_status="L11", by_foster_carers=False),
        lambda: services.reverse_decision(decision=decision, by=other_practitioner, reversed_on=days_ago(1),
                                          reason="RD4"),
        lambda: services.record_previous_permanence(child=child, by=other_practitioner, option="Z1"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert AdoptionDecision.objects.get().history.count() == 1 and not PreviousPermanence.objects.exists()


# --- Pages -------------------------------------------------------------------------------------------------------

def test_the_page_shows_the_decision_the_match_and_previous_permanence_in_words(child, practitioner, decision,
                                                                               django_assert_max_num_queries):
    services.record_match(decision=decision, by=practitioner, matched_on=days_ago(20), adopters_sex="MF",
                          adopters_legal_status="L11", by_foster_carers=False)
    services.record_previous_permanence(child=child, by=practitioner, option="P3", arranged_by="822",
                                        order_date=date(2020, 2, 3))
    client = client_for(practitioner)

    with django_assert_max_num_queries(40):
        response = client.get(page(child))

    assert response.status_code == 200
    values = texts(response, "govuk-summary-list__value")
    assert f"{days_ago(20):%-d %B %Y}: A couple, a man and a woman, married couple, a man and a woman" in values
    assert ("Child arrangements order saying who the child lives with, or a residence order, arranged by council 822 "
            "on 3 February 2020") in values
    family = client.get(reverse("casework:child_family", args=[child.local_id]))
    assert page(child) in family.content.decode()


def test_a_decision_and_a_match_are_recorded_through_the_forms(child, practitioner):
    client = client_for(practitioner)
    assert client.get(record_url(child, "decision")).status_code == 200
    response = client.post(record_url(child, "decision"), date_fields("decided_on", days_ago(30)))
    assert response.status_code == 302 and response.url == page(child)
    decision = AdoptionDecision.objects.get(child=child)

    refused = client.post(update_url(child, decision, "match"), {
        **date_fields("matched_on", days_ago(10)), "adopters_sex": "M1", "adopters_legal_status": "L2",
        "by_foster_carers": "no"})
    assert_form_error(refused, "A single adopter's legal status is 'single'")
    response = client.post(update_url(child, decision, "match"), {
        **date_fields("matched_on", days_ago(10)), "adopters_sex": "M1", "adopters_legal_status": "L0",
        "by_foster_carers": "yes"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.matched_on, decision.adopters_sex, decision.by_foster_carers) == (days_ago(10), "M1", True)


def test_previous_permanence_form_refuses_a_code_off_the_list(child, practitioner):
    response = client_for(practitioner).post(record_url(child, "previous-permanence"), {"option": "P7"})

    assert_form_error(response, "Select the previous permanence option from the list")
    assert not PreviousPermanence.objects.exists()


def test_someone_of_another_team_gets_a_404_on_every_page(child, other_practitioner, decision):
    client = client_for(other_practitioner)
    for url in (page(child), record_url(child, "decision"), update_url(child, decision, "reversal")):
        assert client.get(url).status_code == 404
    assert client.post(update_url(child, decision, "reversal"), {
        **date_fields("reversed_on", days_ago(1)), "reason": "RD4"}).status_code == 404
    decision.refresh_from_db()
    assert decision.reversed_on is None
