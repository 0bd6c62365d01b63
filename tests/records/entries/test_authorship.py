"""Who carried out a visit and who supplied the information (§4, §9, §12).

Nothing is completed as first-hand by someone who was not there; information from someone else
names its originator (a member of staff, who is asked to endorse, or a person and their agency).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from records.entries import services
from records.models import DraftAutosave, Entry
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, parse, texts
from tests.records.entries.test_recording_visits import (
    basic_details_fields, page_url, planned_visit, row, visit_with_basic_details, write_up, write_up_fields,
)

THIRD_PARTY = Entry.InformationSource.THIRD_PARTY


def visit_carried_out_by(child, recorder, visitor) -> Entry:
    entry = planned_visit(child, recorder)
    return services.record_basic_details(
        entry=entry, by=recorder, event_at=entry.event_at, who_was_seen="Amara and her mother", child_seen=True,
        reason_child_not_seen="", child_seen_alone=True, venue="Family home", others_present="",
        carried_out_by=visitor,
    )


def snapshot(entry) -> dict:
    return {**row(entry), "_version": DraftAutosave.objects.get(entry=entry).version}


def still(entry, snap) -> bool:
    """Nothing partial saved: the entry's columns and its draft version are as they were."""
    return {**row(entry), "_version": DraftAutosave.objects.get(entry=entry).version} == snap


# --- Who carried out the visit ----------------------------------------------------------------------

def test_a_visit_is_carried_out_by_the_person_recording_unless_someone_else_is_chosen(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    assert entry.carried_out_by == practitioner
    assert not services.recorder_was_not_there(entry)


def test_the_basic_details_page_records_the_colleague_who_carried_out_the_visit(child, practitioner, colleague):
    entry = planned_visit(child, practitioner)
    client = client_for(practitioner)

    page = client.get(page_url(child, "basic_details", entry))
    options = [el.text() for el in parse(page.content.decode()).iter() if el.tag == "option"]
    assert "I carried it out myself" in options
    response = client.post(page_url(child, "basic_details", entry), basic_details_fields(carried_out_by=str(colleague.pk)))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.carried_out_by == colleague
    assert services.recorder_was_not_there(entry)


def test_only_a_member_of_staff_can_have_carried_out_a_visit(child, practitioner):
    outsider = get_user_model().objects.create_user(username="not-staff", password="x")
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Choose the member of staff who carried out the visit"):
        services.record_basic_details(
            entry=entry, by=practitioner, event_at=entry.event_at, who_was_seen="Amara", child_seen=True,
            reason_child_not_seen="", child_seen_alone=True, venue="Home", others_present="", carried_out_by=outsider)

    assert row(entry) == before


# --- Nothing completed as first-hand by someone who was not there -----------------------------------

def test_the_service_refuses_to_complete_as_first_hand_a_visit_the_recorder_did_not_carry_out(
        child, practitioner, colleague):
    entry = visit_carried_out_by(child, practitioner, colleague)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="You did not carry out this visit, so you cannot record it as first-hand"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None,
                                write_up=write_up(originator=colleague))

    assert still(entry, snap)
    assert Entry.objects.get(pk=entry.pk).status != Entry.Status.COMPLETED


def test_the_write_up_page_says_so_and_refuses_first_hand(child, practitioner, colleague):
    entry = visit_carried_out_by(child, practitioner, colleague)
    client = client_for(practitioner)
    snap = snapshot(entry)

    page = client.get(page_url(child, "write_up", entry))
    hints = texts(page, "govuk-hint")
    assert any("carried out this visit, not you: only the person who was there can record it as first-hand" in h
               for h in hints)
    response = client.post(page_url(child, "write_up", entry), write_up_fields(
        entry, action="complete", originator=str(colleague.pk)))

    assert_form_error(response, "You did not carry out this visit, so you cannot record it as first-hand. "
                                "Select 'From someone else' and name who carried it out")
    assert still(entry, snap)


def test_the_write_up_page_starts_with_the_colleague_who_was_there_as_the_source(child, practitioner, colleague):
    entry = visit_carried_out_by(child, practitioner, colleague)

    page = parse(client_for(practitioner).get(page_url(child, "write_up", entry)).content.decode())

    checked = [el.attrs.get("value") for el in page.iter()
               if el.tag == "input" and el.attrs.get("name") == "information_source" and "checked" in el.attrs]
    selected = [el.attrs.get("value") for el in page.iter() if el.tag == "option" and "selected" in el.attrs]
    assert checked == [THIRD_PARTY]
    assert str(colleague.pk) in selected


def test_a_visit_carried_out_by_a_colleague_is_completed_as_from_them_and_they_are_asked_to_endorse(
        child, practitioner, colleague):
    entry = visit_carried_out_by(child, practitioner, colleague)

    done = services.complete_entry(entry=entry, by=practitioner, expected_version=None,
                                   write_up=write_up(information_source=THIRD_PARTY, originator=colleague))

    assert done.status == Entry.Status.COMPLETED
    assert done.originator == colleague and done.endorsement_requested_at == done.completed_at
    services.endorse_entry(entry=done, by=colleague)
    assert Entry.objects.get(pk=entry.pk).endorsed_at is not None
    response = client_for(practitioner).get(page_url(child, "entry_detail", entry))
    values = texts(response, "govuk-summary-list__value")
    assert f"{colleague.get_full_name()}, {colleague.staff_profile.post_title}" in values  # Visit carried out by


def test_the_service_refuses_a_visit_not_carried_out_by_the_recorder_with_no_originator(child, practitioner, colleague):
    entry = visit_carried_out_by(child, practitioner, colleague)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="Name who supplied the information"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None,
                                write_up=write_up(information_source=THIRD_PARTY))

    assert still(entry, snap)


# --- Information from someone else names its originator -----------------------------------------------

def test_the_service_refuses_to_complete_third_party_information_without_an_originator(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="Name who supplied the information: a member of staff, or a person"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(
            information_source=THIRD_PARTY, third_party_source="A neighbour"))

    assert still(entry, snap)


@pytest.mark.parametrize("fields, message", [
    ({"originator_name": "Mrs Green"}, "Enter both the name of the person who supplied the information and their agency"),
    ({"originator_agency": "Neighbour"}, "Enter both the name"),
    ({"originator_name": "Mrs Green", "originator_agency": "Neighbour", "originator": "colleague"}, "not both"),
    ({"originator": "practitioner"}, "other than yourself"),
])
def test_the_service_refuses_an_originator_named_badly_even_on_a_draft(
        child, practitioner, colleague, fields, message):
    entry = visit_with_basic_details(child, practitioner)
    people = {"colleague": colleague, "practitioner": practitioner}
    fields = {k: people.get(v, v) if k == "originator" else v for k, v in fields.items()}
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match=message):
        services.save_draft(entry=entry, by=practitioner, expected_version=None,
                            write_up=write_up(information_source=THIRD_PARTY, **fields))

    assert still(entry, snap)


def test_someone_not_on_the_staff_is_named_with_their_agency_and_not_asked_to_endorse(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    done = services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(
        information_source=THIRD_PARTY, originator_name="Mrs Green", originator_agency="Neighbour"))

    assert (done.originator_name, done.originator_agency, done.originator_id) == ("Mrs Green", "Neighbour", None)
    assert done.third_party_source == "Mrs Green, Neighbour"
    assert done.endorsement_requested_at is None


def test_the_write_up_page_refuses_a_name_without_an_agency(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    snap = snapshot(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, action="complete", information_source=THIRD_PARTY, originator_name="Mrs Green"))

    assert_form_error(response, "Enter their agency, or their relationship to the child")
    assert still(entry, snap)


def test_the_database_refuses_two_originators_or_a_name_without_an_agency(child, practitioner, colleague):
    entry = visit_with_basic_details(child, practitioner)

    for changes in ({"originator_id": colleague.pk, "originator_name": "Mrs Green", "originator_agency": "Neighbour"},
                    {"originator_name": "Mrs Green"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Entry.objects.filter(pk=entry.pk).update(**changes)


# --- Every outcome of a visit asks who carried it out (§4, §5.2) -------------------------------------

@pytest.mark.parametrize("outcome", [Entry.VisitOutcome.FAILED_APPOINTMENT, Entry.VisitOutcome.NO_RESPONSE])
def test_a_failed_visit_asks_who_carried_it_out_and_names_them_as_the_source(child, practitioner, colleague, outcome):
    entry = planned_visit(child, practitioner)
    client = client_for(practitioner)
    page = client.get(page_url(child, "failed_visit", entry)).content.decode()
    assert "Who carried out the visit?" in page and "I carried it out myself" in page

    response = client.post(page_url(child, "failed_visit", entry), {
        "visit_outcome": outcome, "failed_visit_actions": "Card left. Manager told.", "carried_out_by": str(colleague.pk)})

    assert response.status_code == 302
    done = Entry.objects.get(pk=entry.pk)
    assert done.status == Entry.Status.COMPLETED and done.carried_out_by == colleague
    # Not first-hand: the colleague who went is named and asked to endorse.
    assert (done.information_source, done.originator) == (THIRD_PARTY, colleague)
    assert done.endorsement_requested_at == done.completed_at
    values = texts(client.get(page_url(child, "entry_detail", entry)), "govuk-summary-list__value")
    assert f"{colleague.get_full_name()}, {colleague.staff_profile.post_title}" in values  # Visit carried out by
    services.endorse_entry(entry=done, by=colleague)
    assert Entry.objects.get(pk=entry.pk).endorsed_at is not None


def test_a_failed_visit_carried_out_by_the_recorder_is_first_hand(child, practitioner):
    entry = planned_visit(child, practitioner)
    done = services.record_failed_visit(entry=entry, by=practitioner, visit_outcome=Entry.VisitOutcome.NO_RESPONSE,
                                        actions="Card left.")
    assert done.carried_out_by == practitioner and done.originator is None
    assert done.information_source == Entry.InformationSource.FIRST_HAND and done.endorsement_requested_at is None


def test_a_failed_visit_cannot_be_carried_out_by_someone_not_on_the_staff(child, practitioner):
    outsider = get_user_model().objects.create_user(username="not-staff-2", password="x")
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Choose the member of staff who carried out the visit"):
        services.record_failed_visit(entry=entry, by=practitioner, visit_outcome=Entry.VisitOutcome.NO_RESPONSE,
                                     actions="Card left.", carried_out_by=outsider)
    response = client_for(practitioner).post(page_url(child, "failed_visit", entry), {
        "visit_outcome": Entry.VisitOutcome.NO_RESPONSE, "failed_visit_actions": "Card left.",
        "carried_out_by": str(outsider.pk)})
    assert_form_error(response, "Select who carried out the visit from the list")
    assert row(entry) == before
