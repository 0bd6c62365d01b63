"""Plans for tests (§5.4): a plan with outcomes and key tasks, built through the services."""

from datetime import timedelta

from django.utils import timezone

from records.plans import services as plan_services
from records.entries import services as entry_services


def plan_with_outcomes(child, by, *texts, task=True):
    """A plan of the child's open case with an intended outcome for each text; the first gets a key task."""
    plan = plan_services.start_plan(child=child, by=by, purpose="Help the child attend school every day.")
    outcomes = [plan_services.add_outcome(plan=plan, by=by, text=text) for text in (texts or ("Attends school",))]
    if task:
        plan_services.add_key_task(outcome=outcomes[0], by=by, description="Meet the school",
                                   assigned_to_other="St Mary's Primary School",
                                   due_on=timezone.localdate() + timedelta(days=14))
    return plan, outcomes


def review_entry(child, by):
    """A review meeting written on the approved review design (a draft)."""
    return entry_services.start_summary(child=child, by=by, kind="review",
                                        event_at=timezone.now() - timedelta(hours=1))
