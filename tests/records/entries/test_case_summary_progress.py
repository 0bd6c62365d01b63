"""§5.5: a case summary links progress to the outcomes of the plan: its write-up shows each current
outcome with a place to say the progress made against it, stored with the entry, needed for each to
complete it, and shown on the entry's page and in the record PDF."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from records.entries import services as entries
from records.models import DraftAutosave, OutcomeProgress
from records.plans import services as plans
from tests.conftest import client_for
from tests.factories import PlanFactory, PlanOutcomeFactory
from tests.govuk_html import error_summary
from tests.records.pdfs.test_pdf_content import record_pdf


@pytest.fixture
def outcomes(child, practitioner):
    plan = PlanFactory(child=child, by=practitioner)
    school = PlanOutcomeFactory(plan=plan, by=practitioner, text="Amara attends school every day")
    health = PlanOutcomeFactory(plan=plan, by=practitioner, text="Amara sees the dentist")
    ended = PlanOutcomeFactory(plan=plan, by=practitioner, text="Amara moves bedroom")
    plans.change_outcome(outcome=ended, by=practitioner, action="ended", reason="No longer needed",
                         event_date=timezone.localdate())
    return school, health, ended


@pytest.fixture
def summary(child, practitioner):
    return entries.start_summary(child=child, by=practitioner, kind="case_summary", event_at=timezone.now())


def write_up_url(child, entry):
    return f"/children/{child.local_id}/entries/{entry.pk}/write-up/"


def summary_answers(entry, text="Amara is settled.") -> dict:
    return {q.key: text for q in entry.form_design.questions.all()}


def version(entry) -> int:
    draft, _ = DraftAutosave.objects.get_or_create(entry=entry)
    return draft.version


def test_the_write_up_shows_each_current_outcome_with_a_place_for_progress(child, practitioner, outcomes, summary):
    school, health, ended = outcomes
    body = client_for(practitioner).get(write_up_url(child, summary)).content.decode()
    assert "Progress against the plan&#x27;s outcomes" in body or "Progress against the plan's outcomes" in body
    assert f'name="progress_{school.pk}"' in body and "Amara attends school every day" in body
    assert f'name="progress_{health.pk}"' in body
    assert f'name="progress_{ended.pk}"' not in body  # ended: no longer worked on


def test_progress_is_saved_with_the_draft_and_needed_for_each_outcome_to_complete(child, practitioner, outcomes,
                                                                                 summary):
    school, health, _ = outcomes
    client = client_for(practitioner)
    data = {"action": "save", "autosave_version": version(summary), "information_source": "first_hand",
            **summary_answers(summary), f"progress_{school.pk}": "Attendance up to 92%", f"progress_{health.pk}": ""}
    assert client.post(write_up_url(child, summary), data).status_code == 302
    assert dict(OutcomeProgress.objects.filter(entry=summary).values_list("outcome_id", "progress")) == {
        school.pk: "Attendance up to 92%"}

    data.update(action="complete", autosave_version=version(summary))
    response = client.post(write_up_url(child, summary), data)
    assert response.status_code == 200
    assert "Say what progress has been made against “Amara sees the dentist”" in error_summary(response)
    summary.refresh_from_db()
    assert summary.status == "draft"

    data.update({f"progress_{health.pk}": "Appointment booked for May", "autosave_version": version(summary)})
    response = client.post(write_up_url(child, summary), data)
    assert response.status_code == 302, error_summary(response)
    response = client.post(response.url, {"autosave_version": version(summary)})  # "Sign the entry" (§9)
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.status == "completed"
    assert dict(OutcomeProgress.objects.filter(entry=summary).values_list("outcome_id", "progress")) == {
        school.pk: "Attendance up to 92%", health.pk: "Appointment booked for May"}


def test_the_service_refuses_to_complete_without_progress_or_for_another_plans_outcome(
        child, other_child, practitioner, other_practitioner, outcomes, summary):
    school, health, _ = outcomes
    write_up = entries.WriteUp(answers=summary_answers(summary), information_source="first_hand",
                               third_party_source="", originator=None, interpreter_used=None, significant=False,
                               outcome_progress={school.pk: "Better"})
    with pytest.raises(ValidationError, match="Amara sees the dentist"):
        entries.complete_entry(entry=summary, by=practitioner, write_up=write_up, expected_version=None)
    elsewhere = PlanOutcomeFactory(plan=PlanFactory(child=other_child, by=other_practitioner), by=other_practitioner,
                                   text="Jayden joins a club")
    write_up.outcome_progress = {school.pk: "Better", health.pk: "Booked", elsewhere.pk: "Sneaked in"}
    with pytest.raises(ValidationError, match="outcomes of this child's plan only"):
        entries.complete_entry(entry=summary, by=practitioner, write_up=write_up, expected_version=None)
    assert not OutcomeProgress.objects.exists()


def test_the_progress_is_shown_on_the_entry_page_and_in_the_pdf(child, practitioner, outcomes, summary):
    school, health, _ = outcomes
    entries.complete_entry(entry=summary, by=practitioner, expected_version=None, write_up=entries.WriteUp(
        answers=summary_answers(summary), information_source="first_hand", third_party_source="", originator=None,
        interpreter_used=None, significant=False,
        outcome_progress={school.pk: "Attendance up to 92%", health.pk: "Appointment booked for May"}))
    page = client_for(practitioner).get(f"/children/{child.local_id}/entries/{summary.pk}/").content.decode()
    assert 'id="outcome-progress"' in page
    assert "Amara attends school every day" in page and "Attendance up to 92%" in page
    assert "Appointment booked for May" in page
    text = record_pdf(child, practitioner)
    assert "Progress against the plan's outcomes" in text.replace("’", "'")
    assert "Attendance up to 92%" in text and "Appointment booked for May" in text


def test_a_summary_without_a_plan_asks_for_nothing_more(child, practitioner, summary):
    body = client_for(practitioner).get(write_up_url(child, summary)).content.decode()
    assert not re.search(r'name="progress_\d+"', body)  # no outcome to report progress on
    assert "Progress against the plan" not in body
