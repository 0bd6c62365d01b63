"""Issue 17: the children looked after return's codes on the basic record's placements and legal statuses (not a
second copy): recorded on the add, correct and end forms, checked against the DfE's lists for the collection year
by the services, each error at its field, nothing partial saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.basic_record import services
from casework.basic_record.models import LegalStatus, Placement
from tests.casework.basic_record.test_basic_record import add_url, date_fields, record_url
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


def start():
    return timezone.localdate() - timedelta(days=60)


PLACEMENT = {"placement_type": "childrens_home", "carer_or_provider": "Oak House", "address": "Leeds",
             "long_term": "False", "place_code": "K2", "provider_code": "PR4", "postcode": "ls1 7ab",
             "ofsted_urn": "sc123456"}
STATUS = {"status": "interim_care_order", "details": "Leeds", "category_of_need": "N1"}


def end_url(child, section, item):
    return reverse("casework:basic_record_end", args=[child.local_id, section, item.pk])


def test_a_placement_is_recorded_with_its_return_codes(child, practitioner):
    client = client_for(practitioner)
    response = client.post(add_url(child, "placements"), {**PLACEMENT, **date_fields("start_date", start())})
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.place_code, placement.provider_code, placement.postcode, placement.ofsted_urn) == (
        "K2", "PR4", "LS1 7AB", "SC123456")  # the postcode and URN written as the return writes them
    values = texts(client.get(record_url(child)), "govuk-summary-list__value")  # shown in words on the record
    assert "K2: Children's home subject to the Children's Homes Regulations" in values
    assert "PR4: Private provision" in values and "SC123456" in values


@pytest.mark.parametrize("changes, field_error", [
    ({"provider_code": ""}, "Select the placement provider"),
    ({"place_code": "P1", "provider_code": "PR4", "ofsted_urn": "SC123456"},
     "Leave the Ofsted URN empty: Ofsted does not register this type of placement"),
    ({"provider_code": "PR0"}, "Parents can be the provider only of a placement with parents (P1)"),
    ({"postcode": "LS1"}, "Enter the placement's postcode in full, like LS1 4AP"),
    ({"ofsted_urn": "HOME-1"}, "Enter the Ofsted URN as it is on the Ofsted register, like SC123456"),
    ({"change_reason": "CARPL"}, "Enter the end date, or leave the reason for the change of placement empty"),
    ({"place_code": "ZZ"}, "Select the placement type from the list"),
    ({"la_code": "999"}, "Select the local authority the placement is in from the list"),
])
def test_bad_placement_codes_are_refused_at_their_field(child, practitioner, changes, field_error):
    response = client_for(practitioner).post(add_url(child, "placements"),
                                             {**PLACEMENT, **changes, **date_fields("start_date", start())})
    assert_form_error(response, field_error)
    assert not Placement.objects.exists()


def test_the_service_refuses_a_code_not_on_the_years_list(child, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.add_item(model=Placement, child=child, by=practitioner, placement_type="foster_la",
                          carer_or_provider="Ms Patel", address="Leeds", start_date=start(), place_code="Q9",
                          provider_code="PR1")
    assert refused.value.messages == ["Select the placement type from the list for the year the placement started"]
    assert not Placement.objects.exists()


def test_the_local_authority_of_a_placement_is_optional_checked_shown_and_kept_in_the_history(child, practitioner):
    client = client_for(practitioner)
    response = client.post(add_url(child, "placements"), {**PLACEMENT, **date_fields("start_date", start())})
    assert response.status_code == 302  # optional
    placement = Placement.objects.get()
    assert placement.la_code == ""
    with pytest.raises(ValidationError) as refused:  # the service checks it too: nothing saved
        services.correct_item(item=placement, by=practitioner, child=child, reason="Council added", la_code="999")
    assert refused.value.messages == ["Select the local authority the placement is in from the list"]
    placement.refresh_from_db()
    assert placement.la_code == "" and placement.history.count() == 1
    services.correct_item(item=placement, by=practitioner, child=child, reason="Council added", la_code="383")
    assert [version.la_code for version in placement.history.order_by("history_date")] == ["", "383"]
    values = texts(client.get(record_url(child)), "govuk-summary-list__value")
    assert "383: Leeds" in values


def test_an_item_that_began_before_the_first_years_lists_is_checked_against_them(child, practitioner):
    status = services.add_item(model=LegalStatus, child=child, by=practitioner, status="care_order",
                               start_date=date(2019, 6, 1), category_of_need="N1")
    assert status.ls_code == "C2"
    with pytest.raises(ValidationError):
        services.add_item(model=LegalStatus, child=child, by=practitioner, status="care_order",
                          start_date=date(2019, 6, 1), category_of_need="N9")
    assert LegalStatus.objects.count() == 1


def test_a_legal_status_gets_its_code_and_category_of_need(child, practitioner):
    response = client_for(practitioner).post(add_url(child, "legal-status"),
                                             {**STATUS, **date_fields("start_date", start())})
    assert response.status_code == 302
    status = LegalStatus.objects.get()
    assert (status.ls_code, status.category_of_need) == ("C1", "N1")  # the code worked out from the status


@pytest.mark.parametrize("changes, field_error", [
    ({"status": "supervision_order", "ls_code": "C2"}, "A supervision order does not make the child looked after: "
                                      "leave the legal status code empty"),
    ({"status": "s20", "ls_code": "C2"}, "For this legal status, select V2 or V3 or V4"),
    ({"status": "sgo", "ls_code": ""}, "Leave the category of need empty: the child is not looked after under it"),
    ({"reason_ceased": "E4A"}, "Enter the end date, or leave the reason the child stopped being looked after empty"),
])
def test_bad_legal_status_codes_are_refused_at_their_field(child, practitioner, changes, field_error):
    fields = {**STATUS, **changes}
    response = client_for(practitioner).post(add_url(child, "legal-status"),
                                             {**fields, **date_fields("start_date", start())})
    assert_form_error(response, field_error)
    assert not LegalStatus.objects.exists()


def test_ending_a_placement_and_a_legal_status_with_the_return_reasons(child, practitioner):
    placement = services.add_item(model=Placement, child=child, by=practitioner, placement_type="foster_la",
                                  carer_or_provider="Ms Patel", address="Leeds", start_date=start(), place_code="U6",
                                  provider_code="PR1")
    status = services.add_item(model=LegalStatus, child=child, by=practitioner, status="s20", start_date=start(),
                               category_of_need="N4")
    client = client_for(practitioner)
    ended = start() + timedelta(days=10)
    refused = client.post(end_url(child, "placements", placement),
                          {**date_fields("end_date", ended), "end_reason": "Moved", "change_reason": "NOPE"})
    assert_form_error(refused, "Select the reason for the change of placement from the list")
    response = client.post(end_url(child, "placements", placement),
                           {**date_fields("end_date", ended), "end_reason": "Moved", "change_reason": "CHILD"})
    assert response.status_code == 302
    response = client.post(end_url(child, "legal-status", status),
                           {**date_fields("end_date", ended), "reason_ceased": "E4A"})
    assert response.status_code == 302
    placement.refresh_from_db()
    status.refresh_from_db()
    assert (placement.end_date, placement.change_reason) == (ended, "CHILD")
    assert (status.end_date, status.reason_ceased) == (ended, "E4A")


def test_a_temporary_placement_has_no_reason_for_change(child, practitioner):
    placement = services.add_item(model=Placement, child=child, by=practitioner, placement_type="other",
                                  carer_or_provider="Hospital", address="Leeds", start_date=start(), place_code="T1",
                                  provider_code="PR3")
    response = client_for(practitioner).post(end_url(child, "placements", placement), {
        **date_fields("end_date", start() + timedelta(days=3)), "end_reason": "Back", "change_reason": "OTHER"})
    assert_form_error(response, "Leave the reason for the change of placement empty for a temporary placement")
    placement.refresh_from_db()
    assert placement.end_date is None


def test_a_child_not_visible_gets_404_on_the_forms(child, other_practitioner, practitioner):
    placement = services.add_item(model=Placement, child=child, by=practitioner, placement_type="foster_la",
                                  carer_or_provider="Ms Patel", address="Leeds", start_date=start(), place_code="U6",
                                  provider_code="PR1")
    client = client_for(other_practitioner)
    assert client.post(add_url(child, "placements"), {**PLACEMENT, **date_fields("start_date", start())}).status_code == 404
    assert client.post(end_url(child, "placements", placement), {
        **date_fields("end_date", start() + timedelta(days=3)), "end_reason": "x", "change_reason": "CHILD"}).status_code == 404
    placement.refresh_from_db()
    assert placement.end_date is None and Placement.objects.count() == 1


def test_the_forms_read_few_queries(child, practitioner, django_assert_max_num_queries):
    placement = services.add_item(model=Placement, child=child, by=practitioner, placement_type="foster_la",
                                  carer_or_provider="Ms Patel", address="Leeds", start_date=start(), place_code="U6",
                                  provider_code="PR1")
    client = client_for(practitioner)
    for url in (add_url(child, "placements"), add_url(child, "legal-status"), end_url(child, "placements", placement)):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200
