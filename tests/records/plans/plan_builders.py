"""Plans for tests (§5.4): a plan with outcomes and key tasks, built by the factories (through the services)."""

from tests.factories import KeyTaskFactory, PlanFactory, PlanOutcomeFactory, SummaryEntryFactory


def plan_with_outcomes(child, by, *texts, task=True):
    """A plan of the child's open case with an intended outcome for each text; the first gets a key task."""
    plan = PlanFactory(child=child, by=by)
    outcomes = [PlanOutcomeFactory(plan=plan, by=by, text=text) for text in (texts or ("Attends school",))]
    if task:
        KeyTaskFactory(outcome=outcomes[0], by=by)
    return plan, outcomes


def review_entry(child, by):
    """A review meeting written on the approved review design (a draft)."""
    return SummaryEntryFactory(child=child, by=by, kind="review")
