"""Starting contacts of every kind (§5.3) and decisions (§4), each on the approved design of its kind."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from records.designs import services as designs
from records.entries import services
from records.entries.forms import CONTACT_KINDS
from records.models import Entry, FormDesign, RecordKind
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, error_summary, texts
from tests.records.entries.test_recording_visits import an_hour_ago, page_url, tomorrow_at, when_fields, write_up

CONTACTS = [kind for kind, _label in CONTACT_KINDS]
EMPTY_WHEN = {"event_date_0": "", "event_date_1": "", "event_date_2": "", "event_time": ""}


def test_every_contact_kind_of_the_policy_can_be_started():
    assert set(CONTACTS) == {kind for kind in RecordKind if kind.startswith("contact_")}
    assert len(CONTACTS) == 7


@pytest.mark.parametrize("kind", CONTACTS)
def test_contact_starts_a_draft_on_the_approved_design_of_its_kind(child, practitioner, kind):
    when = an_hour_ago()

    response = client_for(practitioner).post(page_url(child, "contact_new"), {
        **when_fields(when), "kind": kind, "others_present": "Mrs Okoye (mother)",
    })

    entry = Entry.objects.get(child=child)
    assert response.status_code == 302
    assert response.url == page_url(child, "write_up", entry)
    assert (entry.kind, entry.status, entry.event_at) == (kind, Entry.Status.DRAFT, when)
    assert entry.form_design == designs.approved_design_for(kind)
    assert entry.form_design.status == FormDesign.Status.APPROVED
    assert entry.others_present == "Mrs Okoye (mother)"
    assert entry.case == child.cases.get()


def test_contact_in_the_future_is_refused(child, practitioner):
    response = client_for(practitioner).post(page_url(child, "contact_new"), {
        **when_fields(tomorrow_at()), "kind": RecordKind.CONTACT_PHONE, "others_present": "Mother",
    })

    assert response.status_code == 200
    assert_form_error(response, "A contact that has happened cannot be in the future")
    assert not Entry.objects.exists()


def test_contact_start_page_names_every_missing_answer(child, practitioner):
    response = client_for(practitioner).post(page_url(child, "contact_new"),
                                             {**EMPTY_WHEN, "kind": "", "others_present": ""})

    assert response.status_code == 200
    for message in ("Enter the date as a day, month and year", "Enter the time as hours and minutes, for example 14:30",
                    "Select the kind of contact", "Enter who was present or spoken to"):
        assert_form_error(response, message)
    assert not Entry.objects.exists()


def test_contact_service_refuses_a_future_date(child, practitioner):
    with pytest.raises(ValidationError, match="A contact that has happened cannot be in the future"):
        services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_EMAIL,
                               event_at=timezone.now() + timedelta(minutes=5), others_present="School")
    assert not Entry.objects.exists()


def test_contact_service_refuses_a_kind_that_is_not_a_contact(child, practitioner):
    with pytest.raises(ValidationError, match="Choose a kind of contact"):
        services.start_contact(child=child, by=practitioner, kind=RecordKind.DECISION, event_at=an_hour_ago(),
                               others_present="School")
    assert not Entry.objects.exists()


# --- Decisions (§4: who made the decision, and the basis) --------------------------------------

def test_decision_starts_a_draft_with_who_decided_and_their_role(child, practitioner):
    when = an_hour_ago()

    response = client_for(practitioner).post(page_url(child, "decision_new"), {
        **when_fields(when), "decision_maker_name": "Marcus Bennett", "decision_maker_role": "Team Manager",
    })

    entry = Entry.objects.get(child=child)
    assert response.status_code == 302
    assert response.url == page_url(child, "write_up", entry)
    assert (entry.kind, entry.status, entry.event_at) == (RecordKind.DECISION, Entry.Status.DRAFT, when)
    assert (entry.decision_maker_name, entry.decision_maker_role) == ("Marcus Bennett", "Team Manager")
    assert entry.form_design == designs.approved_design_for(RecordKind.DECISION)


def test_decision_in_the_future_is_refused(child, practitioner):
    response = client_for(practitioner).post(page_url(child, "decision_new"), {
        **when_fields(tomorrow_at()), "decision_maker_name": "Marcus Bennett", "decision_maker_role": "Team Manager",
    })

    assert response.status_code == 200
    assert_form_error(response, "A decision that has been made cannot be in the future")
    assert not Entry.objects.exists()


def test_decision_needs_who_made_it_and_their_role(child, practitioner):
    response = client_for(practitioner).post(page_url(child, "decision_new"), {
        **when_fields(an_hour_ago()), "decision_maker_name": " ", "decision_maker_role": "",
    })

    assert response.status_code == 200
    assert_form_error(response, "Enter who made the decision")
    assert_form_error(response, "Enter the role of the person who made the decision")
    assert not Entry.objects.exists()


def test_decision_service_refuses_a_future_date(child, practitioner):
    with pytest.raises(ValidationError, match="A decision that has been made cannot be in the future"):
        services.start_decision(child=child, by=practitioner, event_at=tomorrow_at(),
                                decision_maker_name="Legal Gateway Panel", decision_maker_role="Panel")
    assert not Entry.objects.exists()


def test_completed_decision_shows_who_made_it_and_their_role(child, practitioner):
    entry = services.start_decision(child=child, by=practitioner, event_at=an_hour_ago(),
                                    decision_maker_name="Marcus Bennett", decision_maker_role="Team Manager")
    answers = {"decision": "Step down to early help.", "basis": "Needs met at home.", "options": "Keep open.",
               "preferred_choice": "Family wanted step down.", "preference_followed": "It meets Amara's needs."}
    services.complete_entry(entry=entry, by=practitioner, write_up=write_up(answers), expected_version=None)

    response = client_for(practitioner).get(page_url(child, "entry_detail", entry))

    assert "Marcus Bennett, Team Manager" in texts(response, "govuk-summary-list__value")
    assert "Step down to early help. First-hand" in texts(response, "govuk-summary-list__value")  # §12: and its source


# --- A kind without an approved design (§2) ----------------------------------------------------

def retire_the_approved_design(kind) -> None:
    """Leave `kind` with no approved design, through the model's own rules.

    Retiring an approved design is the one change §2 allows it (FormDesign.save() and the database
    trigger both accept approved -> retired with nothing else changed), so no mock or raw SQL is needed.
    """
    design = designs.approved_design_for(kind)
    design.status = FormDesign.Status.RETIRED
    design.save()


START_PAGES = [
    ("visit_new", RecordKind.VISIT, {"planned_purpose": "See Amara"}, "visit"),
    ("contact_new", RecordKind.CONTACT_PHONE, {"kind": RecordKind.CONTACT_PHONE, "others_present": "Mother"}, "phone call"),
    ("decision_new", RecordKind.DECISION, {"decision_maker_name": "Marcus Bennett", "decision_maker_role": "Team Manager"},
     "decision"),
]


@pytest.mark.parametrize("page, kind, fields, name", START_PAGES)
def test_kind_without_an_approved_design_cannot_be_recorded_and_says_so(child, practitioner, page, kind, fields, name):
    retire_the_approved_design(kind)

    response = client_for(practitioner).post(page_url(child, page), {**when_fields(an_hour_ago()), **fields})

    assert response.status_code == 200
    assert error_summary(response) == [
        f"There is no approved form design for {name} yet, so it cannot be recorded. Ask senior leadership to approve one."
    ]
    assert not Entry.objects.exists()


def test_service_refuses_a_kind_without_an_approved_design(child, practitioner):
    retire_the_approved_design(RecordKind.CONTACT_LETTER)

    with pytest.raises(designs.NoApprovedDesign):
        services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_LETTER, event_at=an_hour_ago(),
                               others_present="School")
    assert not Entry.objects.exists()
