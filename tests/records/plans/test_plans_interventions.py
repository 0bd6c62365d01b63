"""The link between interventions and outcomes (§5.4): a visit, contact or decision says which
recommendation or outcome of the plan it served, and the plan shows the work done against each.

Only the child's own current outcomes are accepted; the link is fixed once the entry is signed
(an amendment changes it, keeping the earlier link); restricted entries (§7) are never shown on
the plan to people without `view_restricted`, only counted.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from records.plans.models import InterventionOutcome
from records.entries import services as entry_services
from records.models import Entry
from records.entries.restrictions import restrict_entry
from tests.records.plans.plan_builders import plan_with_outcomes
from tests.records.plans.test_plans import outcome_card, plan_url
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, by_class, error_summary
from tests.records.entries.test_recording_visits import (
    VISIT_ANSWERS, an_hour_ago, complete_and_sign, completed_visit, page_url, row, visit_with_basic_details, write_up, write_up_fields,
)

MARKER = "ZQXPLANMARK5521"


def entry_link(child, entry) -> str:
    return reverse("records:entry_detail", args=[child.local_id, entry.pk])


def test_a_visit_written_up_against_outcome_a_appears_under_a_and_not_under_b(child, practitioner):
    _, (a, b) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    visit = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    page = client.get(page_url(child, "write_up", visit)).content.decode()
    assert f'name="outcomes" type="checkbox" value="{a.pk}"' in page or f'value="{a.pk}"' in page
    assert "Intended outcome: Sees a dentist" in page

    response = complete_and_sign(client, child, visit, write_up_fields(visit, action="complete", outcomes=[a.pk]))

    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Entry.Status.COMPLETED
    assert list(InterventionOutcome.objects.filter(entry=visit).values_list("outcome", flat=True)) == [a.pk]
    plan_page = client.get(plan_url(child))
    card_a = by_class(plan_page, "cw-outcome")
    html_a = next(el for el in card_a if el.attrs["id"] == f"outcome-{a.pk}")
    html_b = next(el for el in card_a if el.attrs["id"] == f"outcome-{b.pk}")
    work_a = [link.attrs.get("href") for link in html_a.iter() if link.tag == "a"]
    work_b = [link.attrs.get("href") for link in html_b.iter() if link.tag == "a"]
    assert entry_link(child, visit) in work_a
    assert entry_link(child, visit) not in work_b
    assert practitioner.get_full_name() in outcome_card(plan_page, a)
    assert "No completed work is linked to it yet." in outcome_card(plan_page, b)
    # The entry's own page names the outcome it served.
    assert "Intended outcome: Attends school" in client.get(entry_link(child, visit)).content.decode()


def test_a_late_entry_is_marked_on_the_plan(child, practitioner):
    _, (a,) = plan_with_outcomes(child, practitioner)
    visit = visit_with_basic_details(child, practitioner, event_at=an_hour_ago() - timedelta(days=10))
    entry_services.complete_entry(entry=visit, by=practitioner, write_up=write_up(outcomes=[a]), expected_version=None)
    assert "Late entry" in outcome_card(client_for(practitioner).get(plan_url(child)), a)


def test_a_draft_keeps_its_outcomes_and_can_change_them(child, practitioner):
    _, (a, b) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    visit = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    client.post(page_url(child, "write_up", visit), write_up_fields(visit, action="save", outcomes=[a.pk, b.pk]))
    client.post(page_url(child, "write_up", visit), write_up_fields(visit, action="save", outcomes=[b.pk]))

    active = InterventionOutcome.objects.filter(entry=visit, removed_at__isnull=True)
    assert list(active.values_list("outcome", flat=True)) == [b.pk]
    assert InterventionOutcome.objects.get(entry=visit, outcome=a).removed_by == practitioner  # marked, not deleted
    # A draft's links do not count as work done.
    assert "No completed work is linked to it yet." in outcome_card(client.get(plan_url(child)), b)


def test_a_forged_outcome_of_another_child_is_a_clear_form_error(child, other_child, practitioner, other_practitioner):
    plan_with_outcomes(child, practitioner)
    _, (theirs,) = plan_with_outcomes(other_child, other_practitioner, "Jayden's outcome")
    visit = visit_with_basic_details(child, practitioner)
    before = row(visit)

    response = client_for(practitioner).post(page_url(child, "write_up", visit),
                                             write_up_fields(visit, action="complete", outcomes=[theirs.pk]))

    assert response.status_code == 200
    assert_form_error(response, "Choose only outcomes from this child's plan")
    assert row(visit) == before
    assert not InterventionOutcome.objects.exists()
    assert "Jayden's outcome" not in response.content.decode()


def test_the_service_refuses_an_outcome_of_another_child(child, other_child, practitioner, other_practitioner):
    plan_with_outcomes(child, practitioner)
    _, (theirs,) = plan_with_outcomes(other_child, other_practitioner)
    visit = visit_with_basic_details(child, practitioner)
    with pytest.raises(ValidationError, match="outcomes of this child's plan"):
        entry_services.complete_entry(entry=visit, by=practitioner, write_up=write_up(outcomes=[theirs]),
                                      expected_version=None)
    visit.refresh_from_db()
    assert visit.status != Entry.Status.COMPLETED and not InterventionOutcome.objects.exists()


def test_an_ended_outcome_is_no_longer_offered(child, practitioner):
    from records.plans.services import change_outcome

    _, (a, b) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    change_outcome(outcome=b, by=practitioner, action="ended", reason="Done elsewhere",
                   event_date=timezone.localdate())
    visit = visit_with_basic_details(child, practitioner)
    response = client_for(practitioner).post(page_url(child, "write_up", visit),
                                             write_up_fields(visit, action="complete", outcomes=[b.pk]))
    assert_form_error(response, "Choose only outcomes from this child's plan")


def test_without_a_plan_the_write_up_has_no_outcome_question_and_still_completes(child, practitioner):
    visit = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    assert 'name="outcomes"' not in client.get(page_url(child, "write_up", visit)).content.decode()
    complete_and_sign(client, child, visit, write_up_fields(visit, action="complete"))
    visit.refresh_from_db()
    assert visit.status == Entry.Status.COMPLETED


def test_contacts_and_decisions_are_linked_too(child, practitioner):
    _, (a,) = plan_with_outcomes(child, practitioner)
    contact = entry_services.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=an_hour_ago(),
                                           others_present="Mother")
    entry_services.complete_entry(entry=contact, by=practitioner, expected_version=None, write_up=write_up(
        {"people": "Mother", "discussion": "School"}, outcomes=[a]))
    card = outcome_card(client_for(practitioner).get(plan_url(child)), a)
    assert "Phone call" in card


def test_summaries_are_not_offered_outcomes(child, practitioner):
    plan_with_outcomes(child, practitioner)
    summary = entry_services.start_summary(child=child, by=practitioner, kind="case_summary", event_at=an_hour_ago())
    page = client_for(practitioner).get(page_url(child, "write_up", summary)).content.decode()
    assert 'name="outcomes"' not in page


# --- Fixed once signed; an amendment may change it, with history ----------------------------------

def test_a_completed_entrys_links_cannot_change_without_an_amendment(child, practitioner):
    _, (a, b) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    visit = completed_visit(child, practitioner, outcomes=[a])
    with pytest.raises(ValidationError, match="amending"):
        InterventionOutcome.objects.create(entry=visit, outcome=b, linked_by=practitioner)
    link = InterventionOutcome.objects.get(entry=visit)
    link.removed_at, link.removed_by = timezone.now(), practitioner
    with pytest.raises(ValidationError):
        link.save()


def test_an_amendment_changes_the_outcomes_and_keeps_the_earlier_link(child, practitioner):
    _, (a, b) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    visit = completed_visit(child, practitioner, outcomes=[a])
    client = client_for(practitioner)
    amend_page = client.get(page_url(child, "amend", visit)).content.decode()
    assert "Sees a dentist" in amend_page

    response = client.post(page_url(child, "amend", visit), {
        **VISIT_ANSWERS, "amendment_reason": "It was the dentist visit", "outcomes": [b.pk]})

    assert response.status_code == 302
    old = InterventionOutcome.objects.get(entry=visit, outcome=a)
    new = InterventionOutcome.objects.get(entry=visit, outcome=b)
    assert old.removed_at is not None and old.removed_by_amendment.reason == "It was the dentist visit"
    assert new.added_by_amendment == old.removed_by_amendment and new.removed_at is None
    page = client.get(plan_url(child))
    assert entry_link(child, visit) in outcome_card_html(page, b)
    assert entry_link(child, visit) not in outcome_card_html(page, a)


def outcome_card_html(response, outcome) -> str:
    card = next(el for el in by_class(response, "cw-outcome") if el.attrs.get("id") == f"outcome-{outcome.pk}")
    return " ".join(el.attrs.get("href", "") for el in card.iter())


def test_an_amendment_that_changes_nothing_is_refused(child, practitioner):
    _, (a,) = plan_with_outcomes(child, practitioner)
    visit = completed_visit(child, practitioner, outcomes=[a])
    response = client_for(practitioner).post(page_url(child, "amend", visit), {
        **VISIT_ANSWERS, "amendment_reason": "No change", "outcomes": [a.pk]})
    assert "Nothing has changed: change an answer, or cancel." in error_summary(response)
    assert not visit.amendments.exists()


# --- Restricted entries (§7) ------------------------------------------------------------------------

@pytest.fixture
def restricted_visit(child, practitioner, manager):
    _, (a, b) = plan_with_outcomes(child, practitioner, "Attends school", "Sees a dentist")
    visit = completed_visit(child, practitioner, outcomes=[a],
                            answers={**VISIT_ANSWERS, "discussion": f"Told in confidence {MARKER}"})
    restrict_entry(entry=visit, by=practitioner, reason="in_confidence", reason_detail=f"Neighbour {MARKER}",
                   advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    return visit, a, b


def test_restricted_work_is_counted_but_never_shown_without_view_restricted(restricted_visit, child, colleague,
                                                                           practitioner):
    visit, a, _ = restricted_visit
    response = client_for(colleague).get(plan_url(child))
    body = response.content.decode()
    assert response.status_code == 200
    assert entry_link(child, visit) not in body and MARKER not in body
    assert "Restricted information exists about work against this outcome." in outcome_card(response, a)
    assert practitioner.get_full_name() in " ".join(el.text() for el in by_class(response, "govuk-inset-text"))


def test_the_allocated_worker_sees_restricted_work_on_the_plan(restricted_visit, child, practitioner):
    visit, a, _ = restricted_visit
    page = client_for(practitioner).get(plan_url(child))
    assert entry_link(child, visit) in outcome_card_html(page, a)  # the control: the test can see a leak


def test_restricted_decisions_are_left_out_of_the_views_beside_decisions(child, practitioner, colleague, manager):
    from tests.records.plans.test_plans import completed_decision

    decision = completed_decision(child, practitioner)
    restrict_entry(entry=decision, by=practitioner, reason="in_confidence", reason_detail="x", advised_by=manager,
                   review_date=timezone.localdate() + timedelta(days=30))
    body = client_for(colleague).get(plan_url(child)).content.decode()
    assert "Step down to early help" not in body and entry_link(child, decision) not in body
    assert "Step down to early help" in client_for(practitioner).get(plan_url(child)).content.decode()
