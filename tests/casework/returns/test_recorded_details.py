"""Issue 17: the questions the statutory returns ask, answered as part of normal recording in the DfE's codes:
on the child (sex, ethnicity, disability, UPN or why it is not known, date of death) and on the case (source of
referral, primary need, whether the referral led to no further action, reason for closure)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.children import services
from casework.models import Case, Child
from casework.returns import codes
from tests.conftest import client_for, complete_closing_summary
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db

UPN = "H801200001001"  # a valid UPN: the example in the DfE's SSDA903 validator's tests


def details(**overrides) -> dict:
    return {"sex": "F", "ethnicity": "BAFR", "disabilities": ["HEAR", "VIS"], "upn": UPN, "upn_unknown_reason": "",
            "date_of_death_0": "", "date_of_death_1": "", "date_of_death_2": "", **overrides}


def details_url(child) -> str:
    return reverse("casework:identity_details", args=[child.local_id])


def record_url(child) -> str:
    return reverse("casework:child_record", args=[child.local_id])


# --- On the child ------------------------------------------------------------------------------------------

def test_the_childs_details_are_recorded_and_shown_in_plain_words(child, practitioner, django_assert_max_num_queries):
    client = client_for(practitioner)
    assert client.get(details_url(child)).status_code == 200

    response = client.post(details_url(child), details(upn="h801 2000 0100 1"))

    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.sex, child.ethnicity, child.disabilities, child.upn, child.upn_unknown_reason) == (
        "F", "BAFR", ["HEAR", "VIS"], UPN, "")
    page = client.get(record_url(child))
    values = texts(page, "govuk-summary-list__value")
    assert "Female" in values and "Black or Black British: African" in values and UPN in values
    assert any("Hearing" in value and "Vision" in value for value in values)
    assert child.history.count() >= 2  # the change is a new version; the earlier one is kept


def test_a_upn_with_the_wrong_check_letter_is_refused_and_nothing_is_saved(child, practitioner):
    response = client_for(practitioner).post(details_url(child), details(upn="A801200001001"))

    assert_form_error(response, "The UPN's first letter does not match the rest of the number. Check it was copied correctly")
    child.refresh_from_db()
    assert child.sex == "" and child.upn == "" and child.disabilities == []


@pytest.mark.parametrize("changes, message", [
    ({"sex": ""}, "Select the child's sex"),
    ({"sex": "X"}, "Select the child's sex from the list"),
    ({"ethnicity": "ARAB"}, "Select the child's ethnicity from the list"),
    ({"disabilities": ["NONE", "VIS"]}, "Select 'No disability' on its own, or select the child's disabilities"),
    ({"disabilities": ["WINGS"]}, "Select the child's disabilities from the list"),
    ({"upn_unknown_reason": "UN2"}, "Leave the reason empty: the child has a UPN"),
    ({"upn": "", "upn_unknown_reason": "UN9"}, "Select why the UPN is not known from the list"),
    ({"upn": "H8012000010"}, "A UPN has 13 characters. This one has 11"),
])
def test_wrong_answers_get_a_specific_error(child, practitioner, changes, message):
    response = client_for(practitioner).post(details_url(child), details(**changes))

    assert_form_error(response, message)
    child.refresh_from_db()
    assert child.sex == ""


def test_no_upn_with_the_reason_and_a_date_of_death(child, practitioner):
    died = timezone.localdate() - timedelta(days=3)
    client = client_for(practitioner)

    client.post(details_url(child), details(upn="", upn_unknown_reason="UN3", disabilities=["NONE"], date_of_death_0=died.day,
                                           date_of_death_1=died.month, date_of_death_2=died.year))

    child.refresh_from_db()
    assert (child.upn, child.upn_unknown_reason, child.date_of_death, child.disabilities) == ("", "UN3", died, ["NONE"])
    values = texts(client.get(record_url(child)), "govuk-summary-list__value")
    assert "Not known: Child is educated outside England" in values
    assert f"{died:%-d %B %Y}" in values and "No disability" in values


@pytest.mark.parametrize("died, message", [
    (date(2016, 5, 16), "The date of death must be on or after the date of birth, 17 May 2016"),
    ("tomorrow", "The date of death must be today or in the past"),
])
def test_a_date_of_death_outside_the_childs_life_is_refused(child, practitioner, died, message):
    died = timezone.localdate() + timedelta(days=1) if died == "tomorrow" else died
    response = client_for(practitioner).post(details_url(child), details(
        date_of_death_0=died.day, date_of_death_1=died.month, date_of_death_2=died.year))

    assert_form_error(response, message)
    child.refresh_from_db()
    assert child.date_of_death is None


def test_the_service_rechecks_codes_and_permission(child, other_practitioner, practitioner):
    answers = {"sex": "M", "ethnicity": "WBRI", "disabilities": [], "upn": "", "upn_unknown_reason": "",
               "date_of_death": None}
    with pytest.raises(PermissionDenied):
        services.update_identity_details(child=child, by=other_practitioner, **answers)
    with pytest.raises(ValidationError, match="Select the child's ethnicity from the list"):
        services.update_identity_details(child=child, by=practitioner, **{**answers, "ethnicity": "ARAB"})
    with pytest.raises(ValidationError, match="first letter does not match"):
        services.update_identity_details(child=child, by=practitioner, **{**answers, "upn": "A801200001001"})
    with pytest.raises(ValidationError, match="Select 'No disability' on its own"):
        services.update_identity_details(child=child, by=practitioner, **{**answers, "disabilities": ["NONE", "LD"]})
    child.refresh_from_db()
    assert child.sex == ""


def test_the_database_refuses_a_upn_with_a_reason(child):
    child.upn, child.upn_unknown_reason = UPN, "UN1"
    with pytest.raises(IntegrityError), transaction.atomic():
        child.save()


def test_a_user_who_cannot_write_on_the_child_gets_a_404(child, other_practitioner, slt):
    for user in (other_practitioner, slt):
        client = client_for(user)
        assert client.get(details_url(child)).status_code == 404
        assert client.post(details_url(child), details()).status_code == 404
    child.refresh_from_db()
    assert child.sex == ""


def test_the_record_page_reads_the_meanings_in_one_query(child, practitioner, django_assert_max_num_queries):
    services.update_identity_details(child=child, by=practitioner, sex="M", ethnicity="WBRI", disabilities=["AUT"],
                                     upn=UPN, upn_unknown_reason="", date_of_death=None)
    client = client_for(practitioner)
    client.get(record_url(child))
    with django_assert_max_num_queries(40) as captured:
        client.get(record_url(child))
    assert sum("casework_code" in query["sql"] for query in captured.captured_queries) == 1


# --- On the case -------------------------------------------------------------------------------------------

def case_url(child) -> str:
    return reverse("casework:case_return_details", args=[child.local_id, child.cases.get().pk])


def test_the_referral_source_primary_need_and_no_further_action_are_recorded(child, practitioner):
    client = client_for(practitioner)
    assert client.get(case_url(child)).status_code == 200

    response = client.post(case_url(child), {"referral_source": "3B", "primary_need": "N4", "referral_nfa": "no"})

    assert response.status_code == 302
    case = child.cases.get()
    assert (case.referral_source, case.primary_need, case.referral_nfa) == ("3B", "N4", False)
    values = texts(client.get(reverse("casework:child_cases", args=[child.local_id])), "govuk-summary-list__value")
    assert "Health services: health visitor" in values and "Family in acute stress" in values and "No" in values


@pytest.mark.parametrize("data, message", [
    ({"referral_source": "", "primary_need": "", "referral_nfa": ""}, "Select who made the referral"),
    ({"referral_source": "11", "primary_need": "", "referral_nfa": ""}, "Select who made the referral from the list"),
    ({"referral_source": "2A", "primary_need": "N10", "referral_nfa": ""}, "Select the primary need from the list"),
])
def test_wrong_case_answers_get_a_specific_error(child, practitioner, data, message):
    assert_form_error(client_for(practitioner).post(case_url(child), data), message)
    assert child.cases.get().primary_need == ""


def test_the_case_page_is_404_without_access(child, other_practitioner):
    client = client_for(other_practitioner)
    assert client.get(case_url(child)).status_code == 404
    assert client.post(case_url(child), {"referral_source": "3B", "primary_need": "N4"}).status_code == 404
    assert child.cases.get().referral_source == "2A"


def test_a_case_closes_with_a_dfe_reason_for_closure(child, manager, practitioner):
    case = child.cases.get()
    complete_closing_summary(case, practitioner)
    with pytest.raises(ValidationError, match="Select the reason for closing the case from the list"):
        services.close_case(case=case, closure_date=timezone.localdate(), closure_reason="needs_met",
                            closure_notes="", by=manager)
    client = client_for(manager)
    url = reverse("casework:close_case", args=[child.local_id, case.pk])
    today = timezone.localdate()
    client.post(url, {"closure_date_0": today.day, "closure_date_1": today.month, "closure_date_2": today.year,
                      "closure_reason": "RC8", "closure_notes": ""})
    case.refresh_from_db()
    assert case.closure_reason == "RC8"
    values = texts(client.get(reverse("casework:child_cases", args=[child.local_id])), "govuk-summary-list__value")
    assert "Case closed after assessment: no further action" in values


def test_a_referral_is_recorded_with_a_dfe_source(child):
    assert Case.objects.get(child=child).referral_source == "2A"
    assert codes.describe_cases([child.cases.get()])[0].referral_source_words == "School"
    assert Child.objects.get(pk=child.pk).ethnicity == "NOBT"
