"""§3: when the child and family were told about their records and rights, in their language and a form
they understand; shown on the Sharing tab and on the basic record."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access.models import AuditAction, AuditEvent, RecordsInformation
from records.sharing.services import record_records_information
from tests.conftest import as_of_today, client_for
from tests.govuk_html import assert_form_error, parse, texts
from tests.records.sharing.sharing_builders import date_fields, today, url


def told_fields(**overrides) -> dict:
    return {**date_fields("told_on", today()), "who_was_told": "Amara and her mother Grace", "told_whom": "child_and_family",
            "language": "Polish", "format": "Leaflet, read through with an interpreter", **overrides}


def record_page(child):
    return reverse("casework:child_record", args=[child.local_id])


def input_value(response, name: str) -> str:
    return next(el.attrs.get("value", "") for el in parse(response.content).iter()
                if el.tag == "input" and el.attrs.get("name") == name)


def test_the_language_defaults_to_the_childs_preferred_language(child, practitioner):
    child.preferred_language = "Polish"
    child.save()
    page = client_for(practitioner).get(url("records_information_new", child))
    assert input_value(page, "language") == "Polish"


def test_telling_them_is_recorded_and_shown_on_the_sharing_tab_and_the_basic_record(child, practitioner):
    client = client_for(practitioner)
    assert any("Not yet recorded" in text for text in texts(client.get(record_page(child)), "govuk-body"))

    response = client.post(url("records_information_new", child), told_fields())

    assert response.status_code == 302 and response["Location"] == url("sharing", child)
    told = RecordsInformation.objects.get()
    assert (told.child, told.told_on, told.told_by, told.language) == (child, today(), practitioner, "Polish")
    assert AuditEvent.objects.filter(action=AuditAction.RECORDED_RECORDS_INFORMATION, actor=practitioner, child=child).exists()
    expected = (f"The child and their family: Amara and her mother Grace, in Polish "
                f"(Leaflet, read through with an interpreter). "
                f"Told by {practitioner.get_full_name()}.")
    for page in (url("sharing", child), record_page(child)):
        assert expected in texts(client.get(page), "govuk-summary-list__value"), page


@pytest.mark.parametrize(("overrides", "message"), [
    ({"who_was_told": ""}, "Enter who was told about their records and rights"),
    ({"language": ""}, "Enter the language the information was given in"),
    ({"format": ""}, "Enter the form the information was given in"),
    (lambda today: date_fields("told_on", today + timedelta(days=1)), "The date they were told cannot be in the future"),
    ({"told_on_1": "13"}, "The date they were told must be a real date"),
])
def test_each_rule_has_its_error_and_nothing_is_saved(child, practitioner, overrides, message):
    response = client_for(practitioner).post(url("records_information_new", child), told_fields(**as_of_today(overrides)))
    assert response.status_code == 200
    assert_form_error(response, message)
    assert not RecordsInformation.objects.exists()


def test_the_basic_record_runs_the_same_queries_for_one_and_twenty_times_told(child, practitioner):
    client = client_for(practitioner)
    client.get(record_page(child))  # one-off work of a first request

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(record_page(child)).status_code == 200
        return len(captured)

    record_records_information(child=child, by=practitioner, told_on=today(), who_was_told="Amara",
                               language="English", format="Easy read")
    one = count()
    for n in range(19):
        record_records_information(child=child, by=practitioner, told_on=today() - timedelta(days=n + 1),
                                   who_was_told=f"Family member {n}", language="English", format="Leaflet")
    twenty = count()
    assert one == twenty
    assert len([t for t in texts(client.get(record_page(child)), "govuk-summary-list__value") if "Told by" in t]) == 20


def test_others_cannot_record_it(child, other_practitioner, slt):
    for user in (other_practitioner, slt):
        assert client_for(user).post(url("records_information_new", child), told_fields()).status_code == 404
    assert not RecordsInformation.objects.exists()
