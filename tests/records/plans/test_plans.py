"""The child's plan (§5.4): starting it, outcomes that are achieved, changed or ended (never deleted),
key tasks with who and by when, review meetings' decisions, and the child's and family's views
beside each decision."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from records.plans import services as plan_services
from records.plans.models import KeyTask, OutcomeChange, Plan, PlanOutcome
from records.entries import services as entry_services
from tests.records.plans.plan_builders import plan_with_outcomes, review_entry
from tests.conftest import client_for
from tests.factories import CaseFactory, OverdueKeyTaskFactory
from tests.govuk_html import assert_form_error, by_class, error_summary, texts
from tests.records.entries.test_recording_visits import date_fields


def plan_url(child, name="plan", *args):
    return reverse(f"records:{name}", args=[child.local_id, *args])


def agreed_today() -> dict:
    return date_fields("event_date", timezone.localdate())


def outcome_card(response, outcome) -> str:
    card = next(el for el in by_class(response, "cw-outcome") if el.attrs.get("id") == f"outcome-{outcome.pk}")
    return card.text()


# --- Starting the plan and adding outcomes ------------------------------------------------------------

def test_the_plan_tab_offers_to_start_a_plan(child, practitioner):
    response = client_for(practitioner).get(plan_url(child))
    assert response.status_code == 200
    assert "There is no plan for this child yet." in texts(response, "govuk-body")
    assert plan_url(child, "plan_start") in response.content.decode()
    assert 'aria-current="page" href="%s"' % plan_url(child) in response.content.decode()


def test_a_practitioner_starts_the_plan_and_adds_an_outcome(child, practitioner):
    client = client_for(practitioner)
    assert client.post(plan_url(child, "plan_start"), {"purpose": "Amara attends school",
                                                                **agreed_today()}).status_code == 302
    plan = Plan.objects.get(child=child)
    assert plan.case == child.cases.get() and plan.created_by == practitioner

    response = client.post(plan_url(child, "outcome_add"), {"kind": "outcome", "text": "Amara is in school every day",
                                                          **date_fields("event_date", timezone.localdate())})

    assert response.status_code == 302
    outcome = plan.outcomes.get()
    assert (outcome.text, outcome.status, outcome.created_by) == ("Amara is in school every day", "current", practitioner)
    assert outcome.changes.get().action == OutcomeChange.Action.ADDED
    assert outcome.history.first().history_user == practitioner  # attributed
    assert "Intended outcome: Amara is in school every day" in client.get(plan_url(child)).content.decode()


def test_an_outcome_must_have_text(child, practitioner):
    plan_with_outcomes(child, practitioner)
    response = client_for(practitioner).post(plan_url(child, "outcome_add"), {"kind": "outcome", "text": "   "})
    assert response.status_code == 200
    assert_form_error(response, "Enter the recommendation or outcome")
    assert PlanOutcome.objects.count() == 1


def test_a_second_plan_for_the_same_case_is_refused(child, practitioner):
    plan_with_outcomes(child, practitioner)
    response = client_for(practitioner).post(plan_url(child, "plan_start"), {"purpose": ""})
    assert "This case already has a plan." in error_summary(response)
    assert Plan.objects.count() == 1


def test_outcomes_and_plans_are_never_deleted(child, practitioner):
    plan, (outcome,) = plan_with_outcomes(child, practitioner)
    for obj in (plan, outcome, outcome.tasks.get(), outcome.changes.get()):
        # Refused by the database, or before it by Django when another row holds this one (PROTECT).
        with pytest.raises(IntegrityError, match="never deleted|append-only|protected foreign keys"), transaction.atomic():
            obj.delete()
    assert PlanOutcome.objects.filter(pk=outcome.pk).exists()


# --- Changing, achieving and ending outcomes ---------------------------------------------------------

def test_changing_an_outcome_keeps_the_earlier_wording_and_the_reason(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner)
    client = client_for(practitioner)

    response = client.post(plan_url(child, "outcome_change", outcome.pk), {
        "action": "changed", "text": "Attends school four days a week", "reason": "A gentler first step", "review": "",
        **date_fields("event_date", timezone.localdate())})

    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.text == "Attends school four days a week"
    change = outcome.changes.get(action="changed")
    assert (change.previous_text, change.reason, change.changed_by) == ("Attends school", "A gentler first step", practitioner)
    card = outcome_card(client.get(plan_url(child)), outcome)
    assert "It read before: “Attends school”" in card and "A gentler first step" in card


@pytest.mark.parametrize("fields, field_error", [
    ({"action": "changed", "text": "", "reason": "Why"}, "Enter the new wording of the outcome"),
    ({"action": "changed", "text": "Attends school", "reason": "Why"}, "The new wording is the same as the old"),
    ({"action": "ended", "text": "", "reason": ""}, "Enter why the outcome has changed, been achieved or ended"),
    ({"action": "confirmed", "text": "", "reason": ""}, "Choose the review meeting that confirmed it"),
    ({"text": "", "reason": ""}, "Select what has happened"),
])
def test_changing_an_outcome_is_validated(child, practitioner, fields, field_error):
    _, (outcome,) = plan_with_outcomes(child, practitioner)
    response = client_for(practitioner).post(plan_url(child, "outcome_change", outcome.pk), {**fields, "review": ""})
    assert response.status_code == 200
    assert any(message.startswith(field_error) for message in texts(response, "govuk-error-summary__list"))
    assert outcome.changes.count() == 1 and PlanOutcome.objects.get(pk=outcome.pk).text == "Attends school"


def test_an_achieved_outcome_moves_to_achieved_and_ended_and_cannot_change_again(child, practitioner):
    _, (outcome, other) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    client = client_for(practitioner)
    client.post(plan_url(child, "outcome_change", outcome.pk), {"action": "achieved", "reason": "Full attendance", "review": "",
                                                                **date_fields("event_date", timezone.localdate())})

    outcome.refresh_from_db()
    assert outcome.status == "achieved" and outcome.closed_at is not None
    response = client.get(plan_url(child))
    headings = texts(response, "govuk-heading-m")
    assert "Achieved and ended" in headings
    assert "Achieved" in outcome_card(response, outcome)
    # No longer offered for change, and refused if asked for directly.
    assert plan_url(child, "outcome_change", outcome.pk) not in response.content.decode()
    assert client.get(plan_url(child, "outcome_change", outcome.pk)).status_code == 404
    with pytest.raises(ValidationError):
        plan_services.change_outcome(outcome=outcome, by=practitioner, action="ended", reason="x",
                                     event_date=timezone.localdate())


# --- Key tasks -----------------------------------------------------------------------------------------

def test_a_key_task_is_added_with_a_member_of_staff_and_a_due_date(child, practitioner, colleague):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    due = timezone.localdate() + timedelta(days=7)

    response = client_for(practitioner).post(plan_url(child, "task_add", outcome.pk), {
        "description": "Arrange a school meeting", "assigned_to": colleague.pk, "assigned_to_other": "",
        **date_fields("due_on", due), **date_fields("event_date", timezone.localdate())})

    assert response.status_code == 302
    task = outcome.tasks.get()
    assert (task.assigned_to, task.due_on, task.created_by) == (colleague, due, practitioner)
    card = outcome_card(client_for(practitioner).get(plan_url(child)), outcome)
    assert "Arrange a school meeting" in card and colleague.get_full_name() in card


@pytest.mark.parametrize("fields, message", [
    ({"description": "Meet", "assigned_to_other": "School", "days": -1}, "The date it is due must be today or in the future"),
    ({"description": "", "assigned_to_other": "School", "days": 3}, "Enter the key task"),
    ({"description": "Meet", "assigned_to_other": "", "days": 3},
     "Choose the member of staff who will do it, or name the person or agency"),
    ({"description": "Meet", "assigned_to_other": "School", "days": 3, "staff": True},
     "Choose a member of staff or name someone else, not both"),
])
def test_a_key_task_is_validated(child, practitioner, fields, message):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    data = {"description": fields["description"], "assigned_to_other": fields["assigned_to_other"],
            "assigned_to": practitioner.pk if fields.get("staff") else "",
            **date_fields("due_on", timezone.localdate() + timedelta(days=fields["days"])),
            **date_fields("event_date", timezone.localdate())}
    response = client_for(practitioner).post(plan_url(child, "task_add", outcome.pk), data)
    assert response.status_code == 200
    assert_form_error(response, message)
    assert not KeyTask.objects.exists()


def test_the_service_refuses_a_key_task_due_in_the_past(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    with pytest.raises(ValidationError, match="today or in the future"):
        plan_services.add_key_task(outcome=outcome, by=practitioner, description="Meet", assigned_to_other="School",
                                   due_on=timezone.localdate() - timedelta(days=1))


def test_overdue_key_tasks_are_highlighted_and_done_ones_show_when(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner)
    # A task set a fortnight ago, due yesterday: created directly, as the form refuses past due dates.
    overdue = OverdueKeyTaskFactory(outcome=outcome, description="Call the GP", assigned_to_other="Dr Patel",
                                    due_on=timezone.localdate() - timedelta(days=1), created_by=practitioner,
                                    created_at=timezone.now() - timedelta(days=14))
    client = client_for(practitioner)
    rows = [row.text() for row in by_class(client.get(plan_url(child)), "cw-overdue")]
    assert len(rows) == 1 and "Call the GP" in rows[0] and "Overdue" in rows[0]

    response = client.post(plan_url(child, "task_done", overdue.pk), date_fields("completed_on", timezone.localdate()))
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.completed_on == timezone.localdate() and overdue.completed_by == practitioner
    assert by_class(client.get(plan_url(child)), "cw-overdue") == []


def test_a_key_task_cannot_be_done_in_the_future(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner)
    task = outcome.tasks.get()
    response = client_for(practitioner).post(plan_url(child, "task_done", task.pk),
                                             date_fields("completed_on", timezone.localdate() + timedelta(days=1)))
    assert_form_error(response, "The date it was done cannot be in the future")
    task.refresh_from_db()
    assert task.completed_on is None


# --- Who may change the plan ------------------------------------------------------------------------

def test_people_who_may_only_read_the_record_see_the_plan_without_changing_it(child, practitioner, admin_user):
    _, (outcome,) = plan_with_outcomes(child, practitioner)
    client = client_for(admin_user)  # sees every child, writes on none (not a practitioner or manager)
    body = client.get(plan_url(child)).content.decode()
    assert "Attends school" in body and plan_url(child, "outcome_add") not in body
    assert client.post(plan_url(child, "outcome_add"), {"kind": "outcome", "text": "x"}).status_code == 404
    assert PlanOutcome.objects.count() == 1


def test_a_closed_case_plan_is_read_only(child, practitioner, manager):
    from casework.children.services import close_case
    from tests.conftest import complete_closing_summary

    plan_with_outcomes(child, practitioner)
    case = child.cases.get()
    complete_closing_summary(case, practitioner)
    close_case(case=case, by=manager, closure_date=timezone.localdate(), closure_reason="RC7", closure_notes="")
    client = client_for(practitioner)
    body = client.get(plan_url(child)).content.decode()
    assert "This case is closed: the plan can no longer change." in body
    assert client.get(plan_url(child, "outcome_add")).status_code == 404

    # A new referral opens a new case, which starts its own plan; the page then shows that one.
    CaseFactory(child=child, referral_date=timezone.localdate(), referral_source="2A",
                referral_reason="New concerns", recorded_by=manager)
    assert "Start the plan for the open case" in client.get(plan_url(child)).content.decode()
    assert client.post(plan_url(child, "plan_start"), {"purpose": "Second plan", **agreed_today()}).status_code == 302
    page = client.get(plan_url(child)).content.decode()
    assert "Second plan" in page and "This case is closed" not in page


# --- Review meetings --------------------------------------------------------------------------------

def test_a_review_adds_recommendations_and_confirms_changes_and_ends_outcomes(child, practitioner):
    _, (keep, reword, stop) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist", "Weekly visits")
    review = review_entry(child, practitioner)
    client = client_for(practitioner)
    assert plan_url(child, "plan_review", review.pk) in client.get(
        reverse("records:entry_detail", args=[child.local_id, review.pk])).content.decode()

    response = client.post(plan_url(child, "plan_review", review.pk), {
        f"outcome_{keep.pk}_action": "confirmed",
        f"outcome_{reword.pk}_action": "changed", f"outcome_{reword.pk}_text": "Registered with a dentist",
        f"outcome_{reword.pk}_reason": "First step",
        f"outcome_{stop.pk}_action": "ended", f"outcome_{stop.pk}_reason": "Fortnightly now",
        "new_outcomes": "Joins an after-school club\n\nMother attends a parenting course\n",
    })

    assert response.status_code == 302
    assert keep.changes.get(action="confirmed").review == review
    reword.refresh_from_db()
    assert reword.text == "Registered with a dentist" and reword.changes.get(action="changed").review == review
    stop.refresh_from_db()
    assert stop.status == "ended" and stop.changes.get(action="ended").review == review
    added = PlanOutcome.objects.filter(from_review=review).order_by("id")
    assert [(o.text, o.kind) for o in added] == [("Joins an after-school club", "recommendation"),
                                                  ("Mother attends a parenting course", "recommendation")]
    card = outcome_card(client.get(plan_url(child)), added[0])
    assert f"review of {timezone.localtime(review.event_at):%-d %B %Y}" in card


def test_a_review_with_a_bad_decision_saves_nothing(child, practitioner):
    _, (keep, stop) = plan_with_outcomes(child, practitioner, "Attends school", "Weekly visits")
    review = review_entry(child, practitioner)
    response = client_for(practitioner).post(plan_url(child, "plan_review", review.pk), {
        f"outcome_{keep.pk}_action": "confirmed", f"outcome_{stop.pk}_action": "ended", f"outcome_{stop.pk}_reason": "",
        "new_outcomes": "Joins a club"})
    assert response.status_code == 200
    assert_form_error(response, "Enter why “Weekly visits” was ended")
    assert OutcomeChange.objects.exclude(action="added").count() == 0
    assert PlanOutcome.objects.count() == 2


def test_a_review_of_another_child_is_not_found(child, other_child, practitioner, other_practitioner):
    plan_with_outcomes(child, practitioner)
    other_review = review_entry(other_child, other_practitioner)
    response = client_for(practitioner).get(plan_url(child, "plan_review", other_review.pk))
    assert response.status_code == 404


def test_the_service_refuses_a_review_of_another_child(child, other_child, practitioner, other_practitioner):
    plan, _ = plan_with_outcomes(child, practitioner)
    other_review = review_entry(other_child, other_practitioner)
    with pytest.raises(ValidationError, match="review meeting of this child"):
        plan_services.add_outcome(plan=plan, by=practitioner, text="x", review=other_review)


# --- The child's and family's views beside decisions ------------------------------------------------

DECISION_ANSWERS = {"decision": "Step down to early help", "basis": "Attendance is good", "options": "Stay open",
                    "preferred_choice": "Amara wanted her worker to keep visiting; her mother wanted step down.",
                    "preference_followed": "Her mother's choice meets Amara's needs."}


def completed_decision(child, by):
    entry = entry_services.start_decision(child=child, by=by, event_at=timezone.now() - timedelta(hours=1),
                                          decision_maker_name="Marcus Bennett", decision_maker_role="Team Manager")
    return entry_services.complete_entry(entry=entry, by=by, expected_version=None, write_up=entry_services.WriteUp(
        answers=DECISION_ANSWERS, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=False))


def test_the_views_that_informed_a_decision_sit_beside_it(child, practitioner):
    decision = completed_decision(child, practitioner)
    client = client_for(practitioner)
    views = " ".join(texts(client.get(plan_url(child)), "cw-decision-views"))
    assert DECISION_ANSWERS["preferred_choice"] in views
    assert DECISION_ANSWERS["preference_followed"] in views
    card = " ".join(texts(client.get(plan_url(child)), "cw-decision"))
    assert "Step down to early help" in card and "Marcus Bennett, Team Manager" in card


def test_the_decision_page_shows_the_preferred_choice_once(child, practitioner):
    from tests.govuk_html import parse

    """The entry's own answers already hold the child's and family's views: not printed a second time."""
    decision = completed_decision(child, practitioner)
    body = client_for(practitioner).get(reverse("records:entry_detail", args=[child.local_id, decision.pk]))
    text = parse(body.content).text()
    assert text.count(DECISION_ANSWERS["preferred_choice"]) == 1
    assert text.count(DECISION_ANSWERS["preference_followed"]) == 1


# --- The plan in the record PDF ------------------------------------------------------------------------

def test_the_plan_is_in_the_record_pdf_without_restricted_work(child, practitioner, colleague, manager):
    from records.models import PdfJob
    from records.entries.restrictions import restrict_entry
    from records.tasks import build_pdf
    from tests.pdf_text import response_text
    from tests.records.entries.test_recording_visits import completed_visit

    _, (outcome,) = plan_with_outcomes(child, practitioner, "Amara is in school every day")
    completed_visit(child, practitioner, outcomes=[outcome])
    hidden = completed_visit(child, practitioner, outcomes=[outcome])
    restrict_entry(entry=hidden, by=practitioner, reason="in_confidence", reason_detail="x", advised_by=manager,
                   review_date=timezone.localdate() + timedelta(days=30))
    client = client_for(practitioner)
    client.post(reverse("records:pdf_request", args=[child.local_id]), {"include_restricted": "on"})
    job = PdfJob.objects.get(child=child, requested_by=practitioner)
    assert build_pdf(job.pk) == "built"
    text = " ".join(response_text(client.get(reverse("records:pdf_download", args=[child.local_id, job.pk]))).split())

    assert "The plan" in text and "Amara is in school every day" in text and "Meet the school" in text
    # Exactly one visit is named as work done: the restricted one is left out of the plan.
    work = text.split("Work done against it:")[1].split(".")[0]
    assert work.count("Visit of") == 1
