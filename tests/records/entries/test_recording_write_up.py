"""Writing up an entry: the design's required questions (§5.2, §5.3), where the information came from
(§4, §12), and the plain English guidance beside the form (§11)."""

import pytest
from django.core.exceptions import ValidationError

from records.entries import services
from records.models import Entry, RecordKind
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, by_class, texts
from tests.records.entries.test_recording_visits import (
    VISIT_ANSWERS, an_hour_ago, complete_and_sign, page_url, row, visit_with_basic_details, write_up, write_up_fields,
)


def without(answers: dict, key: str) -> dict:
    return {**answers, key: ""}


def guidance_text(response) -> str:
    return " ".join(el.text() for el in by_class(response, "cw-guidance"))


def guidance_items(response) -> list[str]:
    return [li.text() for aside in by_class(response, "cw-guidance") for li in aside.iter() if li.tag == "li"]


# --- Required questions ------------------------------------------------------------------------

@pytest.mark.parametrize("key, message", [
    ("purpose", "Enter the purpose of the visit and how it relates to the plan"),
    ("child_views", "Enter the child's views"),
    ("analysis", "Enter analysis and evaluation of the outcome of the visit"),
])
def test_completing_needs_each_required_question_of_the_design(child, practitioner, key, message):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry),
                                             write_up_fields(entry, without(VISIT_ANSWERS, key), action="complete"))

    assert response.status_code == 200
    assert_form_error(response, message)
    assert row(entry) == before


def test_completing_a_contact_names_its_own_design_question(child, practitioner):
    entry = services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_PHONE, event_at=an_hour_ago(),
                                   others_present="Mother")
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, {"people": "", "discussion": "School attendance"}, action="complete"))

    assert_form_error(response, "Enter who was spoken to")
    assert row(entry) == before


def test_saving_a_draft_does_not_need_the_required_questions(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, {"child_views": "Amara was quiet."}, action="save"))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.answers) == (Entry.Status.DRAFT, {"child_views": "Amara was quiet."})


def test_completing_service_needs_the_required_questions(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Enter the child's views"):
        services.complete_entry(entry=entry, by=practitioner, write_up=write_up(without(VISIT_ANSWERS, "child_views")),
                                expected_version=None)
    assert row(entry) == before


def test_optional_question_may_be_left_empty_when_completing(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    assert "actions" not in VISIT_ANSWERS  # "Actions" is optional on the first visit design

    services.complete_entry(entry=entry, by=practitioner, write_up=write_up(), expected_version=None)

    assert Entry.objects.get(pk=entry.pk).status == Entry.Status.COMPLETED


# --- Where the information came from (§4, §12) ---------------------------------------------------

def test_third_party_information_needs_who_gave_it(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, action="save", information_source=Entry.InformationSource.THIRD_PARTY, originator_name=" "))

    assert response.status_code == 200
    assert_form_error(response, "Name who supplied the information: choose a member of staff, "
                                "or enter someone else's name and agency")
    assert row(entry) == before


def test_third_party_information_is_recorded_with_who_gave_it(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)

    complete_and_sign(client, child, entry, write_up_fields(
        entry, action="complete", information_source=Entry.InformationSource.THIRD_PARTY,
        originator_name="Mrs Okafor", originator_agency="Head teacher, Castle Primary"))

    entry.refresh_from_db()
    assert (entry.information_source, entry.originator_name, entry.originator_agency) == (
        "third_party", "Mrs Okafor", "Head teacher, Castle Primary")
    assert entry.third_party_source == "Mrs Okafor, Head teacher, Castle Primary"
    assert entry.endorsement_requested_at is None  # §4: only a member of staff is asked to endorse
    response = client.get(page_url(child, "entry_detail", entry))
    values = texts(response, "govuk-summary-list__value")
    assert "From someone else: Mrs Okafor, Head teacher, Castle Primary" in values
    assert "Mrs Okafor, Head teacher, Castle Primary" in values  # Information supplied by


def test_first_hand_information_is_shown_as_first_hand(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)

    complete_and_sign(client, child, entry, write_up_fields(entry, action="complete"))

    assert Entry.objects.get(pk=entry.pk).information_source == "first_hand"
    assert "First-hand" in texts(client.get(page_url(child, "entry_detail", entry)), "govuk-summary-list__value")


def test_information_source_must_be_chosen(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry),
                                             write_up_fields(entry, action="save", information_source=""))

    assert_form_error(response, "Select whether the information is first-hand or from someone else")
    assert row(entry) == before


def test_originator_is_recorded_and_asked_to_endorse_on_completion(child, practitioner, colleague):
    entry = visit_with_basic_details(child, practitioner)

    complete_and_sign(client_for(practitioner), child, entry,
                      write_up_fields(entry, action="complete", originator=str(colleague.pk)))

    entry.refresh_from_db()
    assert entry.originator == colleague
    assert entry.endorsement_requested_at == entry.completed_at
    assert entry.endorsed_at is None


# --- Plain English guidance (§11) ----------------------------------------------------------------

def test_write_up_page_lists_an_unexplained_acronym_from_the_glossary(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    services.save_draft(entry=entry, by=practitioner, write_up=write_up({"discussion": "Talked about the LAC review."}),
                        expected_version=None)

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    assert ("LAC means “looked after child”. Write it out in full the first time, for example: "
            "looked after child (LAC).") in guidance_items(response)


def test_write_up_page_lists_a_phrase_to_avoid(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    services.save_draft(entry=entry, by=practitioner, write_up=write_up({"discussion": "Mother was non-compliant."}),
                        expected_version=None)

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    assert "“non-compliant”: Say what the person did or did not do, and what they said about it." in guidance_items(response)


def test_write_up_page_shows_the_reading_age_of_long_enough_text(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    short = "Amara was happy."
    services.save_draft(entry=entry, by=practitioner, write_up=write_up({"discussion": short}), expected_version=None)
    assert "Reading age" not in guidance_text(client.get(page_url(child, "write_up", entry)))

    long = ("Amara showed me her bedroom and her new books. She said that she likes her teacher and that she "
            "walks to school with her brother every morning.")
    services.save_draft(entry=entry, by=practitioner, write_up=write_up({"discussion": long}), expected_version=None)

    assert "Reading age of your text:" in guidance_text(client.get(page_url(child, "write_up", entry)))


def test_guidance_never_blocks_completing(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    answers = {**VISIT_ANSWERS, "discussion": "Mother was non-compliant and the LAC review was discussed."}

    response = complete_and_sign(client_for(practitioner), child, entry, write_up_fields(entry, answers, action="complete"))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == Entry.Status.COMPLETED
    assert entry.answers["discussion"] == answers["discussion"]
