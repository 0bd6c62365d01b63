"""What every visit write-up answers before it is signed (§5.2, §6): whether an interpreter was used
(yes, no, not needed), whether anyone joined or left the household, and, when the child needs an
advocate or a signer, whether one was present. The service refuses, not only the page."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from records.entries import services
from records.models import DraftAutosave, Entry, RecordKind
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, parse, texts
from tests.records.entries.test_recording_visits import (
    an_hour_ago, complete_and_sign, page_url, row, visit_with_basic_details, write_up, write_up_fields,
)


def snapshot(entry) -> dict:
    return {**row(entry), "_version": DraftAutosave.objects.get(entry=entry).version}


def needs_advocate(child, *, name="Sam Patel, Coram Voice"):
    child.advocate_needed, child.advocate_name = True, name
    child.save()
    return child


def radios(response, name) -> list[str]:
    return [el.attrs.get("value") for el in parse(response.content.decode()).iter()
            if el.tag == "input" and el.attrs.get("name") == name]


def summary_value(response, key) -> str | None:
    """The value beside `key` in the page's summary lists."""
    for summary_row in parse(response.content.decode()).iter():
        if "govuk-summary-list__row" in summary_row.classes:
            cells = {cls: el.text().strip() for el in summary_row.iter() for cls in el.classes}
            if cells.get("govuk-summary-list__key") == key:
                return cells.get("govuk-summary-list__value")
    return None


# --- Interpreter (§5.2) ------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [None, ""])
def test_the_service_refuses_to_complete_a_visit_without_the_interpreter_answer(child, practitioner, answer):
    entry = visit_with_basic_details(child, practitioner)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="Select whether an interpreter was used"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None,
                                write_up=write_up(interpreter_used=answer))

    assert snapshot(entry) == snap


def test_the_service_refuses_an_interpreter_answer_that_is_not_a_choice(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="Select yes, no or not needed"):
        services.save_draft(entry=entry, by=practitioner, expected_version=None, write_up=write_up(interpreter_used="True"))

    assert snapshot(entry) == snap


def test_the_write_up_page_requires_the_interpreter_answer_to_complete(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    fields = write_up_fields(entry, action="complete")
    del fields["interpreter_used"]
    snap = snapshot(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), fields)

    assert_form_error(response, "Select whether an interpreter was used")
    assert snapshot(entry) == snap


def test_the_write_up_page_offers_yes_no_and_not_needed(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    assert radios(client_for(practitioner).get(page_url(child, "write_up", entry)), "interpreter_used") == [
        "yes", "no", "not_needed"]


@pytest.mark.parametrize("answer, shown", [("yes", "Yes"), ("no", "No"), ("not_needed", "Not needed")])
def test_each_interpreter_answer_is_kept_and_shown_on_the_entry(child, practitioner, answer, shown):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)

    complete_and_sign(client, child, entry, write_up_fields(entry, action="complete", interpreter_used=answer))

    assert Entry.objects.get(pk=entry.pk).interpreter_used == answer
    assert summary_value(client.get(page_url(child, "entry_detail", entry)), "Interpreter used") == shown


def test_the_migration_turns_true_into_yes_false_into_no_and_unanswered_into_empty(db):
    migration = importlib.import_module("records.migrations.0021_entry_authorship")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE w2_interpreter (id int, interpreter_used boolean)")
        cursor.execute("INSERT INTO w2_interpreter VALUES (1, true), (2, false), (3, NULL)")
        cursor.execute(migration.interpreter_sql("w2_interpreter"))
        cursor.execute("SELECT interpreter_used FROM w2_interpreter ORDER BY id")
        assert [value for (value,) in cursor.fetchall()] == ["yes", "no", ""]


# --- Household (§5.2) ---------------------------------------------------------------------------------

def test_the_service_refuses_to_complete_a_visit_without_the_household_answer(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="Select yes if anyone has joined or left the household"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None,
                                write_up=write_up(household_changed=None))

    assert snapshot(entry) == snap


def test_a_contact_is_completed_without_the_visit_questions(child, practitioner):
    entry = services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_PHONE,
                                   event_at=an_hour_ago(), others_present="Mother")

    done = services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(
        {"people": "Mother", "discussion": "School"}, interpreter_used=None, household_changed=None))

    assert done.status == Entry.Status.COMPLETED
    assert (done.interpreter_used, done.household_changed, done.advocate_present) == ("", None, "")


# --- Advocate or signer (§6) --------------------------------------------------------------------------

def test_the_service_refuses_to_complete_a_visit_without_the_advocate_answer_when_the_child_needs_one(
        child, practitioner):
    needs_advocate(child)
    entry = visit_with_basic_details(child, practitioner)
    snap = snapshot(entry)

    with pytest.raises(ValidationError, match="Select whether the child's advocate or signer was present"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up())

    assert snapshot(entry) == snap


def test_a_signer_is_asked_about_too(child, practitioner):
    child.signer_needed = True
    child.save()
    entry = visit_with_basic_details(child, practitioner)

    with pytest.raises(ValidationError, match="advocate or signer was present"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up())

    done = services.complete_entry(entry=entry, by=practitioner, expected_version=None,
                                   write_up=write_up(advocate_present="no"))
    assert done.advocate_present == "no"


def test_no_advocate_answer_is_needed_when_the_child_needs_neither(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    done = services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up())

    assert done.status == Entry.Status.COMPLETED and done.advocate_present == ""


def test_the_write_up_page_names_the_advocate_and_requires_the_answer(child, practitioner):
    needs_advocate(child)
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    snap = snapshot(entry)

    page = client.get(page_url(child, "write_up", entry))
    assert radios(page, "advocate_present") == ["yes", "no", "not_needed"]
    assert "Advocate: Sam Patel, Coram Voice" in texts(page, "govuk-hint")
    response = client.post(page_url(child, "write_up", entry), write_up_fields(entry, action="complete"))

    assert_form_error(response, "Select whether the child's advocate or signer was present")
    assert snapshot(entry) == snap


def test_the_advocate_answer_is_kept_and_shown_on_the_entry(child, practitioner):
    needs_advocate(child)
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)

    complete_and_sign(client, child, entry, write_up_fields(entry, action="complete", advocate_present="yes"))

    assert Entry.objects.get(pk=entry.pk).status == Entry.Status.COMPLETED
    assert summary_value(client.get(page_url(child, "entry_detail", entry)), "Child's advocate or signer present") == "Yes"


def test_a_meeting_records_whether_the_advocate_was_present_and_a_phone_call_does_not_ask(child, practitioner):
    needs_advocate(child)
    meeting = services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_MEETING,
                                     event_at=an_hour_ago(), others_present="Mother, school")
    call = services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_PHONE,
                                  event_at=an_hour_ago(), others_present="Mother")
    client = client_for(practitioner)

    assert radios(client.get(page_url(child, "write_up", meeting)), "advocate_present") == ["yes", "no", "not_needed"]
    assert radios(client.get(page_url(child, "write_up", call)), "advocate_present") == []
    answers = {q.key: "Talked it through." for q in meeting.form_design.questions.filter(required=True)}
    done = services.complete_entry(entry=meeting, by=practitioner, expected_version=None,
                                   write_up=write_up(answers, advocate_present="yes"))
    assert done.advocate_present == "yes"
