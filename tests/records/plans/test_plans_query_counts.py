"""The plan page runs a fixed number of queries however many outcomes, key tasks, linked entries and decisions."""

from datetime import timedelta

from django.utils import timezone

from records.plans.models import InterventionOutcome
from records.entries import services as entry_services
from tests.records.plans.plan_builders import plan_with_outcomes
from tests.records.plans.test_plans import completed_decision, plan_url
from tests.conftest import client_for
from tests.factories import KeyTaskFactory, PlanOutcomeFactory
from tests.records.entries.test_recording_visits import write_up
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record

# Session, user, roles, the child (and the access log), view_restricted, then the page's own reads:
# plan, outcomes, key tasks, changes, linked entries, decisions, and whom to ask.
PLAN_QUERIES = 16 + BANNER_QUERIES


def grow(child, by, outcomes, *, count: int):
    """`count` more completed phone calls, key tasks and decisions, spread over the outcomes."""
    for n in range(count):
        outcome = outcomes[n % len(outcomes)]
        KeyTaskFactory(outcome=outcome, by=by, description=f"Task {n}", assigned_to=by if n % 2 else None,
                       assigned_to_other="" if n % 2 else "School", due_on=timezone.localdate() + timedelta(days=n))
        contact = entry_services.start_contact(child=child, by=by, kind="contact_phone",
                                               event_at=timezone.now() - timedelta(hours=n + 1), others_present="Mother")
        entry_services.complete_entry(entry=contact, by=by, expected_version=None, write_up=write_up(
            {"people": "Mother", "discussion": "School"}, outcomes=[outcome]))
        completed_decision(child, by)


def test_plan_page_queries_do_not_grow_with_the_plan(child, practitioner, colleague, manager, django_assert_max_num_queries):
    _, outcomes = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    grow(child, practitioner, outcomes, count=2)
    # One restricted linked entry, so the colleague's page also asks whom to ask.
    restricted = InterventionOutcome.objects.filter(entry__kind="contact_phone").first().entry
    from records.entries.restrictions import restrict_entry

    restrict_entry(entry=restricted, by=practitioner, reason="in_confidence", reason_detail="x", advised_by=manager,
                   review_date=timezone.localdate() + timedelta(days=30))

    counts = {}
    for who in (practitioner, colleague):
        client = client_for(who)
        with django_assert_max_num_queries(PLAN_QUERIES) as small:
            assert client.get(plan_url(child)).status_code == 200
        counts[who.pk] = len(small)

    more = [PlanOutcomeFactory(plan=outcomes[0].plan, by=practitioner, text=f"Outcome {n}") for n in range(8)]
    grow(child, practitioner, outcomes + more, count=30)

    for who in (practitioner, colleague):
        client = client_for(who)
        with django_assert_max_num_queries(PLAN_QUERIES) as large:
            response = client.get(plan_url(child))
        assert response.status_code == 200
        assert "Task 29" in response.content.decode() and "Outcome 7" in response.content.decode()
        assert len(large) == counts[who.pk]
