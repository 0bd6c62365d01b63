"""§4, §9, §10 on the plan: outcomes, their changes and key tasks carry the date they were agreed or decided,
who recorded them (name and post title as they were) and "Late entry" / "Late update" when recorded more than
two working days after."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.core.exceptions import ValidationError
from django.utils import timezone

from records.plans import services as plan_services
from records.models import KeyTask, OutcomeChange, PlanOutcome
from tests.casework.basic_record.test_basic_record_late import working_days_ago
from tests.conftest import client_for
from tests.govuk_html import texts
from tests.records.entries.test_recording_visits import date_fields
from tests.records.plans.plan_builders import plan_with_outcomes


def test_an_outcome_agreed_three_working_days_ago_is_a_late_entry_and_two_is_not(child, practitioner):
    plan, _ = plan_with_outcomes(child, practitioner, task=False)
    late = plan_services.add_outcome(plan=plan, by=practitioner, text="Sleeps well", event_date=working_days_ago(3))
    on_time = plan_services.add_outcome(plan=plan, by=practitioner, text="Eats well", event_date=working_days_ago(2))
    assert PlanOutcome.objects.get(pk=late.pk).is_late_entry
    assert not PlanOutcome.objects.get(pk=on_time.pk).is_late_entry
    assert PlanOutcome.objects.get(pk=late.pk).recorded_post_title == practitioner.staff_profile.post_title


def test_an_outcome_needs_the_date_it_was_agreed_unless_from_a_review(child, practitioner):
    plan, _ = plan_with_outcomes(child, practitioner, task=False)
    with pytest.raises(ValidationError, match="Enter the date it was agreed"):
        plan_services.add_outcome(plan=plan, by=practitioner, text="Sleeps well")


def test_a_change_decided_three_working_days_ago_is_a_late_entry_and_a_late_update(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    plan_services.change_outcome(outcome=outcome, by=practitioner, action="achieved", reason="Done",
                                 event_date=working_days_ago(3))
    assert OutcomeChange.objects.get(outcome=outcome, action="achieved").is_late_entry
    assert PlanOutcome.objects.get(pk=outcome.pk).is_late_update


def test_a_key_task_agreed_late_is_a_late_entry_and_done_late_a_late_update(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    task = plan_services.add_key_task(outcome=outcome, by=practitioner, description="Call school", assigned_to_other="School",
                                      due_on=timezone.localdate(), event_date=working_days_ago(3))
    assert KeyTask.objects.get(pk=task.pk).is_late_entry
    on_time = plan_services.add_key_task(outcome=outcome, by=practitioner, description="Call GP", assigned_to_other="GP",
                                         due_on=timezone.localdate(), event_date=working_days_ago(2))
    plan_services.complete_key_task(task=on_time, by=practitioner, completed_on=timezone.localdate())
    assert not KeyTask.objects.get(pk=on_time.pk).is_late_entry
    assert not KeyTask.objects.get(pk=on_time.pk).is_late_update


def test_a_key_task_recorded_done_three_working_days_after_is_a_late_update(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    task = plan_services.add_key_task(outcome=outcome, by=practitioner, description="Call school",
                                      assigned_to_other="School", due_on=timezone.localdate(),
                                      event_date=working_days_ago(5))
    # Set a fortnight ago (the service refuses a task done before it was set), done three working days ago.
    KeyTask.objects.filter(pk=task.pk).update(created_at=timezone.now() - timedelta(days=14))
    task.refresh_from_db()
    plan_services.complete_key_task(task=task, by=practitioner, completed_on=working_days_ago(3))
    assert KeyTask.objects.get(pk=task.pk).is_late_update


def test_the_plan_page_asks_the_date_and_shows_who_recorded_and_the_late_mark(child, practitioner):
    _, (outcome,) = plan_with_outcomes(child, practitioner, task=False)
    client = client_for(practitioner)
    response = client.post(reverse("records:task_add", args=[child.local_id, outcome.pk]), {
        "description": "Meet the school", "assigned_to": "", "assigned_to_other": "School",
        **date_fields("due_on", timezone.localdate())})
    assert "Enter the date the key task was agreed" in " ".join(texts(response, "govuk-error-summary__list"))
    client.post(reverse("records:task_add", args=[child.local_id, outcome.pk]), {
        "description": "Meet the school", "assigned_to": "", "assigned_to_other": "School",
        **date_fields("due_on", timezone.localdate()), **date_fields("event_date", working_days_ago(3))})
    task = KeyTask.objects.get()
    page = client.get(reverse("records:plan", args=[child.local_id]))
    recorded = timezone.localtime(task.created_at)
    assert (f"Recorded by {practitioner.get_full_name()}, {practitioner.staff_profile.post_title}, "
            f"{recorded:%-d %B %Y, %H:%M}") in texts(page, "cw-recorded-by")
    assert "Late entry" in texts(page, "cw-late-entry")


# --- The plan's purpose carries the date the plan was agreed (§4, §10) ----------------------------------

def test_a_plan_agreed_three_working_days_ago_is_a_late_entry_and_shows_it(child, practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("records:plan_start", args=[child.local_id]), {
        "plan_type": "child_in_need", "purpose": "Amara goes to school every day",
        **date_fields("event_date", working_days_ago(3))})
    assert response.status_code == 302
    from records.models import Plan
    plan = Plan.objects.get(child=child)
    assert plan.event_date == working_days_ago(3) and plan.late_entry_recorded_at == plan.created_at
    assert (plan.recorded_name, plan.recorded_post_title) == (practitioner.get_full_name(),
                                                              practitioner.staff_profile.post_title)
    page = client.get(reverse("records:plan", args=[child.local_id]))
    assert texts(page, "cw-late-entry") == ["Late entry"]
    assert any(practitioner.get_full_name() in line for line in texts(page, "cw-recorded-by"))


def test_a_plan_agreed_two_working_days_ago_is_not_late(child, practitioner):
    plan = plan_services.start_plan(child=child, by=practitioner, purpose="Amara is safe",
                                    event_date=working_days_ago(2))
    assert plan.late_entry_recorded_at is None


def test_a_purpose_needs_the_date_the_plan_was_agreed_and_nothing_is_saved_without_it(child, practitioner):
    from records.models import Plan
    response = client_for(practitioner).post(reverse("records:plan_start", args=[child.local_id]), {
        "plan_type": "child_in_need", "purpose": "Amara goes to school every day"})
    assert "Enter the date the plan was agreed" in texts(response, "govuk-error-message")[0]
    with pytest.raises(ValidationError, match="Enter the date the plan was agreed"):
        plan_services.start_plan(child=child, by=practitioner, purpose="Amara is safe")
    with pytest.raises(ValidationError, match="cannot be in the future"):
        plan_services.start_plan(child=child, by=practitioner, purpose="Amara is safe",
                                 event_date=timezone.localdate() + timedelta(days=1))
    assert not Plan.objects.exists()


def test_changing_the_plans_type_names_who_changed_it(child, practitioner):
    plan = plan_services.start_plan(child=child, by=practitioner, purpose="Amara is safe",
                                    event_date=timezone.localdate())
    plan_services.change_plan_type(plan=plan, by=practitioner, plan_type="child_protection", reason="Conference")
    from records.models import Plan
    plan = Plan.objects.get(pk=plan.pk)
    assert plan.updated_name == practitioner.get_full_name() and plan.updated_at is not None
    assert plan.late_update_recorded_at is None  # decided today
