"""Issue 17: a care leaver's information at their 17th to 21st birthday (OC3) and a looked-after child's outcomes for
a year (OC2), recorded on the child's Cases tab through services that check the DfE's codes and rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from access.models import AuditAction, AuditEvent
from casework.care_leavers import services
from casework.care_leavers.models import CareLeaverContact, LookedAfterOutcomes
from tests.casework.care_leavers.builders import born_for, care_leavers, left_care, record_them
from tests.casework.returns.test_ssda903 import looked_after_child
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(care_team, care_manager, other_practitioner):
    return care_leavers(care_team, care_manager, other_practitioner)


def contact_url(child, birthday):
    return reverse("casework:care_leaver_contact", args=[child.local_id, birthday])


def outcomes_url(child, year):
    return reverse("casework:looked_after_outcomes", args=[child.local_id, year])


def test_care_leaver_information_is_recorded_changed_and_kept(found, other_practitioner):
    child = found["nineteen"]
    record_them(found, other_practitioner)
    contact = CareLeaverContact.objects.get(child=child)
    assert (contact.birthday, contact.in_touch, contact.activity, contact.accommodation) == (19, "YES", "F2", "U1")
    services.record_care_leaver_contact(child=child, by=other_practitioner, birthday=19, in_touch="YES",
                                        activity="G5", accommodation="U1")
    assert CareLeaverContact.objects.get(child=child).activity == "G5"  # the same birthday again changes it
    assert [h.activity for h in contact.history.all()] == ["G5", "F2"]  # the earlier version is kept
    assert AuditEvent.objects.filter(child=child, action=AuditAction.RECORDED_CARE_LEAVER).count() == 2


@pytest.mark.parametrize("fields, field, message", [
    ({"in_touch": "MAYBE"}, "in_touch", "Select whether the council is in touch from the list"),
    ({"in_touch": "YES", "activity": "Q9", "accommodation": "U1"}, "activity", "Select the main activity from the list"),
    ({"in_touch": "YES", "activity": "F2", "accommodation": "S1"}, "accommodation",
     "Select the accommodation from the list"),
    ({"in_touch": "YES", "accommodation": "U1"}, "activity", "Select the young person's main activity"),
    ({"in_touch": "DIED", "activity": "F2"}, "activity",
     "Leave the activity and accommodation empty: the young person has died or returned home"),
])
def test_a_wrong_code_is_refused_with_a_specific_error(found, other_practitioner, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        services.record_care_leaver_contact(child=found["nineteen"], by=other_practitioner, birthday=19, **fields)
    assert refused.value.message_dict[field] == [message]
    assert not CareLeaverContact.objects.exists()


def test_former_foster_carers_are_refused_at_17_and_the_birthday_must_be_one_after_care(found, other_practitioner):
    with pytest.raises(ValidationError) as refused:
        services.record_care_leaver_contact(child=found["seventeen"], by=other_practitioner, birthday=17,
                                            in_touch="YES", activity="F2", accommodation="Z1")
    assert "cannot be living with former foster carers" in refused.value.message_dict["accommodation"][0]
    with pytest.raises(ValidationError) as refused:  # 12 months in care now, and never a care leaver
        services.record_care_leaver_contact(child=found["in_care"], by=other_practitioner, birthday=17, in_touch="NO")
    assert refused.value.message_dict["birthday"]


def test_a_young_person_still_looked_after_at_17_needs_no_care_leaver_information(care_team, care_manager,
                                                                                other_practitioner, found):
    s = found["s"]
    born = born_for(s + timedelta(days=30), 17)
    child = looked_after_child(care_team, care_manager, other_practitioner, number=34, first_name="Stayed", born=born)
    left_care(child, other_practitioner, since=s - timedelta(days=900), until=s + timedelta(days=60))
    with pytest.raises(ValidationError) as refused:
        services.record_care_leaver_contact(child=child, by=other_practitioner, birthday=17, in_touch="NO")
    assert refused.value.message_dict["birthday"][0].startswith("The young person was still looked after on their 17th")


def test_outcomes_are_recorded_for_a_child_looked_after_for_12_months(found, other_practitioner):
    record_them(found, other_practitioner)
    item = LookedAfterOutcomes.objects.get(child=found["in_care"])
    assert (item.year, item.convicted, item.health_check, item.sdq_score, item.sdq_reason) == (
        found["year"], False, None, 12, "")
    assert AuditEvent.objects.filter(child=found["in_care"], action=AuditAction.RECORDED_OUTCOMES).count() == 1


@pytest.mark.parametrize("fields, field, message", [
    ({"sdq_reason": "SDQ9"}, "sdq_reason", "Select why there is no SDQ score from the list"),
    ({"sdq_score": 12, "sdq_reason": "SDQ2"}, "sdq_reason", "Leave the reason empty when there is a score"),
    ({"sdq_score": 12, "health_check": True}, "health_check",
     "Leave the health surveillance checks empty for a child aged 5 or over at 31 March"),
    ({"sdq_score": 12, "substance_misuse": True}, "intervention_received",
     "Select whether the child received an intervention for substance misuse"),
    ({"sdq_score": 12, "convicted": None}, "convicted", "Select whether the child was convicted of an offence in the year"),
])
def test_wrong_outcomes_are_refused_with_a_specific_error(found, other_practitioner, fields, field, message):
    values = {"convicted": False, "immunisations": True, "teeth_check": True, "health_assessment": True,
              "substance_misuse": False, **fields}
    with pytest.raises(ValidationError) as refused:
        services.record_outcomes(child=found["in_care"], by=other_practitioner, year=found["year"], **values)
    assert refused.value.message_dict[field] == [message]
    assert not LookedAfterOutcomes.objects.exists()


def test_outcomes_are_refused_for_a_child_not_looked_after_for_12_months(found, other_practitioner):
    with pytest.raises(ValidationError) as refused:
        services.record_outcomes(child=found["nineteen"], by=other_practitioner, year=found["year"], convicted=False,
                                 immunisations=True, teeth_check=True, health_assessment=True, substance_misuse=False)
    assert "has not been looked after continuously" in refused.value.message_dict["year"][0]


def test_the_services_refuse_an_outsider(found, practitioner):
    with pytest.raises(PermissionDenied):
        services.record_care_leaver_contact(child=found["nineteen"], by=practitioner, birthday=19, in_touch="NO")
    with pytest.raises(PermissionDenied):
        services.record_outcomes(child=found["in_care"], by=practitioner, year=found["year"])
    assert not CareLeaverContact.objects.exists() and not LookedAfterOutcomes.objects.exists()


def test_the_pages_record_and_the_cases_tab_shows_them(found, other_practitioner, django_assert_max_num_queries):
    client = client_for(other_practitioner)
    child = found["nineteen"]
    cases = client.get(reverse("casework:child_cases", args=[child.local_id])).content.decode()
    assert contact_url(child, 19) in cases  # the birthday in reach is offered
    assert client.get(contact_url(child, 19)).status_code == 200
    response = client.post(contact_url(child, 19), {"in_touch": "YES", "accommodation": "U1"})
    assert_form_error(response, "Select the young person's main activity")
    response = client.post(contact_url(child, 19), {"in_touch": "YES", "activity": "F2", "accommodation": "U1"})
    assert response.status_code == 302
    with django_assert_max_num_queries(40):
        cases = client.get(reverse("casework:child_cases", args=[child.local_id]))
    assert "Full time in education other than higher education" in texts(cases, "govuk-table__cell")

    child, year = found["in_care"], found["year"]
    assert client.get(outcomes_url(child, year)).status_code == 200
    response = client.post(outcomes_url(child, year), {"convicted": "no", "immunisations": "yes", "teeth_check": "yes",
                                                        "health_assessment": "yes", "substance_misuse": "no",
                                                        "sdq_score": "41"})
    assert_form_error(response, "Enter the SDQ score as a whole number from 0 to 40")
    response = client.post(outcomes_url(child, year), {"convicted": "no", "immunisations": "yes", "teeth_check": "yes",
                                                        "health_assessment": "yes", "substance_misuse": "no",
                                                        "sdq_score": "9"})
    assert response.status_code == 302
    assert LookedAfterOutcomes.objects.get(child=child).sdq_score == 9


def test_the_pages_are_a_404_for_an_outsider_and_for_a_birthday_or_year_not_asked(found, practitioner,
                                                                                 other_practitioner):
    for url in (contact_url(found["nineteen"], 19), outcomes_url(found["in_care"], found["year"])):
        assert client_for(practitioner).get(url).status_code == 404
        assert client_for(practitioner).post(url, {"in_touch": "NO"}).status_code == 404
    assert client_for(other_practitioner).get(contact_url(found["nineteen"], 16)).status_code == 404
    assert client_for(other_practitioner).get(outcomes_url(found["in_care"], found["year"] + 1)).status_code == 404
    assert not CareLeaverContact.objects.exists()
