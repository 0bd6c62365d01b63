"""The basic record (§5.1): household, people close to the child, contact arrangements, placements, legal
status and private providers. Add, correct (with history) and end; never delete; clear errors."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.basic_record import services
from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement,
)
from casework.models import HouseholdMember
from tests.conftest import as_of_today, client_for
from tests.govuk_html import assert_form_error, error_summary, texts


def date_fields(prefix, day) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def record_url(child):
    return reverse("casework:child_family", args=[child.local_id])


def add_url(child, section):
    return reverse("casework:basic_record_add", args=[child.local_id, section])


def member_fields(**overrides):
    return {"full_name": "Grace Okoye", "relationship": "Mother", **date_fields("joined_on", date(2020, 3, 1)),
            "has_parental_responsibility": "True", **overrides}


# --- Household ------------------------------------------------------------------------------------

def test_practitioner_adds_a_household_member_with_parental_responsibility(child, practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("casework:household_member_add", args=[child.local_id]), member_fields())
    assert response.status_code == 302
    member = HouseholdMember.objects.get()
    child.refresh_from_db()
    assert member.household_id == child.household_id  # a household was opened for the child
    assert (member.full_name, member.relationship, member.joined_on, member.has_parental_responsibility,
            member.recorded_by) == ("Grace Okoye", "Mother", date(2020, 3, 1), True, practitioner)
    assert member.history.get().history_user == practitioner
    page = client.get(record_url(child))
    cells = texts(page, "govuk-table__cell")
    assert "Grace Okoye" in cells and "Parental responsibility" in cells


def test_the_household_form_has_the_labels_a_browser_test_fills(child, practitioner):
    body = client_for(practitioner).get(reverse("casework:household_member_add", args=[child.local_id])).content.decode()
    for label in ("Full name", "Relationship to the child", "Date they joined the household",
                  "Do they hold parental responsibility?"):
        assert label in body


@pytest.mark.parametrize("fields, message", [
    ({"full_name": ""}, "Enter the person's full name"),
    ({"relationship": ""}, "Enter their relationship to the child, for example Mother"),
    ({"has_parental_responsibility": ""}, "Select yes if they hold parental responsibility for the child"),
    ({"joined_on_0": "", "joined_on_1": "", "joined_on_2": ""},
     "Enter the date they joined the household as a day, month and year"),
    ({"joined_on_0": "31", "joined_on_1": "2", "joined_on_2": "2024"},
     "The date they joined the household must be a real date"),
    (lambda today: date_fields("joined_on", today + timedelta(days=3)),
     "The date they joined the household cannot be in the future"),
])
def test_bad_household_member_input_gets_a_clear_error_and_saves_nothing(child, practitioner, fields, message):
    response = client_for(practitioner).post(reverse("casework:household_member_add", args=[child.local_id]),
                                             member_fields(**as_of_today(fields)))
    assert response.status_code == 200
    assert_form_error(response, message)
    assert not HouseholdMember.objects.exists()
    child.refresh_from_db()
    assert child.household_id is None


def _member(child, by, joined=date(2020, 3, 1)):
    return services.add_household_member(child=child, by=by, full_name="Lee Okoye", relationship="Stepfather",
                                         joined_on=joined, has_parental_responsibility=False)


def test_recording_that_someone_left_keeps_them_on_the_record(child, practitioner):
    member = _member(child, practitioner)
    client = client_for(practitioner)
    url = reverse("casework:household_member_left", args=[child.local_id, member.pk])
    refused = client.post(url, date_fields("left_on", date(2019, 1, 1)))
    assert_form_error(refused, "The date they left cannot be before the date they joined (1 March 2020)")
    future = client.post(url, date_fields("left_on", timezone.localdate() + timedelta(days=1)))
    assert_form_error(future, "The date they left the household cannot be in the future")
    member.refresh_from_db()
    assert member.left_on is None

    response = client.post(url, {**date_fields("left_on", date(2026, 1, 5)), "left_reason": "Moved out"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == date(2026, 1, 5) and not member.is_current
    page = client.get(record_url(child)).content.decode()
    assert "People who have left the household (1)" in page and "Moved out" in page
    assert client.get(url).status_code == 404  # they have already left


def test_nothing_on_the_basic_record_is_ever_deleted(child, practitioner):
    member = _member(child, practitioner)
    person = services.add_item(model=ClosePerson, child=child, by=practitioner, full_name="Ann", relationship="Aunt",
                               contact_frequency="Weekly", event_date=timezone.localdate())
    for item in (member, person):
        with pytest.raises(IntegrityError, match="never deleted"), transaction.atomic():
            item.delete()
    assert HouseholdMember.objects.count() == ClosePerson.objects.count() == 1


# --- Each section: add ------------------------------------------------------------------------------

START = date(2025, 6, 2)
SECTIONS = {
    "people": (ClosePerson, {"full_name": "Ruth Mensah", "relationship": "Grandmother",
                             "contact_frequency": "Every weekend", "how_to_reach": "07700 900123",
                             "event_date_0": "2", "event_date_1": "6", "event_date_2": "2025"}, "Ruth Mensah"),
    "contact": (ContactArrangement, {"with_whom": "Father", "frequency": "Fortnightly", "supervised": "True",
                                     "supervised_by": "Family centre staff", "venue": "Family centre",
                                     "basis": "court_order", "basis_detail": "Child arrangements order, 3 March 2025"},
                "Contact with Father"),
    "placements": (Placement, {"placement_type": "foster_ifa", "carer_or_provider": "Mr and Mrs Hughes",
                               "address": "4 Elm Road, Leeds", "long_term": "True"}, "Mr and Mrs Hughes"),
    "legal-status": (LegalStatus, {"status": "interim_care_order", "details": "Leeds Family Court LS25C00123"},
                     "Interim care order"),
    "providers": (ProviderArrangement, {"provider_name": "Brighter Futures Fostering", "provider_kind": "ifa",
                                        "arrangement": "Foster placement and support", "contract_reference": "IFA-77"},
                  "Brighter Futures Fostering"),
}


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_each_section_is_added_and_shown_on_the_record(child, practitioner, section):
    model, fields, title = SECTIONS[section]
    client = client_for(practitioner)
    response = client.post(add_url(child, section), {**fields, **date_fields("start_date", START)})
    assert response.status_code == 302, error_summary(response)
    item = model.objects.get()
    assert item.child == child and item.recorded_by == practitioner and item.start_date == START and item.is_current
    if section == "placements":
        assert item.long_term is True  # asked on the form: regulation 28's three-monthly visits
    page = client.get(record_url(child))
    assert title in texts(page, "govuk-summary-card__title")


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_an_end_date_before_the_start_is_refused(child, practitioner, section):
    model, fields, _ = SECTIONS[section]
    response = client_for(practitioner).post(add_url(child, section), {
        **fields, **date_fields("start_date", START), **date_fields("end_date", START - timedelta(days=1)),
        "end_reason": "Ended",
    })
    assert_form_error(response, "The end date cannot be before the start date")
    assert not model.objects.exists()


@pytest.mark.parametrize("section", ["placements", "legal-status", "providers"])
def test_a_start_in_the_future_is_refused_where_it_has_to_have_happened(child, practitioner, section):
    model, fields, _ = SECTIONS[section]
    response = client_for(practitioner).post(
        add_url(child, section), {**fields, **date_fields("start_date", timezone.localdate() + timedelta(days=2))})
    assert_form_error(response, "The start date cannot be in the future")
    assert not model.objects.exists()


def test_a_contact_arrangement_may_start_in_the_future(child, practitioner):
    _, fields, _ = SECTIONS["contact"]
    response = client_for(practitioner).post(
        add_url(child, "contact"), {**fields, **date_fields("start_date", timezone.localdate() + timedelta(days=7))})
    assert response.status_code == 302


@pytest.mark.parametrize("section, blank, message", [
    ("people", "full_name", "Enter the person's full name"),
    ("people", "contact_frequency", "Enter how often they see the child"),
    ("contact", "with_whom", "Enter who the contact is with"),
    ("contact", "supervised_by", "Enter who supervises the contact"),
    ("contact", "basis_detail", "Enter the details of the order or agreement"),
    ("placements", "placement_type", "Select the type of placement"),
    ("placements", "address", "Enter the address of the placement"),
    ("placements", "long_term", "Select yes if the placement is intended to last until the child is 18"),
    ("legal-status", "status", "Select the legal status"),
    ("providers", "provider_kind", "Select the kind of provider"),
    ("providers", "arrangement", "Enter what is arranged with the provider"),
])
def test_required_fields_have_specific_errors(child, practitioner, section, blank, message):
    model, fields, _ = SECTIONS[section]
    response = client_for(practitioner).post(add_url(child, section),
                                             {**fields, blank: "", **date_fields("start_date", START)})
    assert_form_error(response, message)
    assert not model.objects.exists()


def test_a_placement_that_ended_needs_the_reason(child, practitioner):
    _, fields, _ = SECTIONS["placements"]
    response = client_for(practitioner).post(add_url(child, "placements"), {
        **fields, **date_fields("start_date", START), **date_fields("end_date", START + timedelta(days=30))})
    assert_form_error(response, "Enter the reason for ending")
    assert not Placement.objects.exists()


def _placement(child, by, **overrides):
    fields = {"placement_type": "foster_la", "carer_or_provider": "Ms Patel", "address": "1 High Street",
              "start_date": START, **overrides}
    return services.add_item(model=Placement, child=child, by=by, **fields)


# --- End ------------------------------------------------------------------------------------------

def test_ending_a_placement(child, practitioner):
    placement = _placement(child, practitioner)
    client = client_for(practitioner)
    url = reverse("casework:basic_record_end", args=[child.local_id, "placements", placement.pk])
    assert_form_error(client.post(url, date_fields("end_date", START + timedelta(days=10))), "Enter the reason for ending")
    assert_form_error(client.post(url, {**date_fields("end_date", START - timedelta(days=1)), "end_reason": "x"}),
                      "The end date cannot be before the start date (2 June 2025)")
    response = client.post(url, {**date_fields("end_date", START + timedelta(days=10)),
                                 "end_reason": "Moved to a long-term placement"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.end_date == START + timedelta(days=10) and placement.ended_by == practitioner
    page = client.get(record_url(child)).content.decode()
    assert "Ended (1)" in page and "Moved to a long-term placement" in page
    assert client.get(url).status_code == 404  # already ended


# --- Correct, with history --------------------------------------------------------------------------

def test_a_correction_needs_a_reason_and_keeps_the_earlier_version(child, practitioner, colleague):
    placement = _placement(child, practitioner)
    url = reverse("casework:basic_record_correct", args=[child.local_id, "placements", placement.pk])
    client = client_for(colleague)
    form = client.get(url)
    assert form.status_code == 200 and "Ms Patel" in form.content.decode()
    fields = {"placement_type": "foster_la", "carer_or_provider": "Mrs Priya Patel", "address": "1 High Street",
              "long_term": "False", **date_fields("start_date", START)}
    assert_form_error(client.post(url, fields), "Enter why you are correcting this")
    same = client.post(url, {**fields, "carer_or_provider": "Ms Patel", "correction_reason": "Typo"})
    assert "Nothing has changed: change something, or cancel." in error_summary(same)

    response = client.post(url, {**fields, "correction_reason": "Carer's name was misspelt"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.carer_or_provider == "Mrs Priya Patel"
    versions = list(placement.history.order_by("history_id"))
    assert [v.carer_or_provider for v in versions] == ["Ms Patel", "Mrs Priya Patel"]
    assert versions[-1].history_user == colleague
    assert versions[-1].history_change_reason == "Corrected: Carer's name was misspelt"
    history_page = client.get(url).content.decode()
    assert "Corrected: Carer&#x27;s name was misspelt" in history_page


def test_correcting_a_household_member(child, practitioner):
    member = _member(child, practitioner)
    url = reverse("casework:basic_record_correct", args=[child.local_id, "household", member.pk])
    response = client_for(practitioner).post(url, member_fields(full_name="Lee Okoye-Smith", relationship="Stepfather",
                                                                has_parental_responsibility="False",
                                                                correction_reason="Double-barrelled surname"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == "Lee Okoye-Smith" and member.history.count() == 2


# --- Who may edit ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role, allowed", [
    ("practitioner", True), ("colleague", True), ("manager", True),
    ("other_practitioner", False), ("slt", False), ("edt", False), ("admin", False),
])
def test_who_may_add_to_the_basic_record_follows_who_may_write_on_the_record(cast, child, role, allowed):
    response = client_for(cast[role]).post(reverse("casework:household_member_add", args=[child.local_id]),
                                           member_fields())
    assert response.status_code == (302 if allowed else 404)
    assert HouseholdMember.objects.exists() == allowed


def test_readers_who_may_not_write_see_no_add_links(cast, child):
    body = client_for(cast["admin"]).get(record_url(child)).content.decode()
    assert reverse("casework:household_member_add", args=[child.local_id]) not in body
    body = client_for(cast["practitioner"]).get(record_url(child)).content.decode()
    assert reverse("casework:household_member_add", args=[child.local_id]) in body


def test_an_item_of_another_child_is_a_404(child, other_child, practitioner, other_practitioner):
    placement = _placement(other_child, other_practitioner)
    url = reverse("casework:basic_record_correct", args=[child.local_id, "placements", placement.pk])
    assert client_for(practitioner).get(url).status_code == 404
    assert client_for(practitioner).get(add_url(child, "no-such-section")).status_code == 404


def test_links_and_titles_use_a_or_an_as_written_english_does(child, practitioner):
    """"Add an arrangement with a provider", never "Add a arrangement with a provider"."""
    client = client_for(practitioner)
    record = client.get(record_url(child)).content.decode()
    assert "Add an arrangement with a provider" in record and "Add a placement" in record
    assert "a arrangement" not in record
    page = client.get(add_url(child, "providers")).content.decode()
    assert "Add an arrangement with a provider" in page and "a arrangement" not in page
