"""Assessments, summaries and reviews (§5.3, §5.5): started on their designs; case summaries see the last one."""

from datetime import timedelta

from django.utils import timezone

from records.entries import services as entries
from records.models import Entry
from tests.conftest import client_for
from tests.govuk_html import error_summary


def _post_start(client, child, kind, when):
    return client.post(f"/children/{child.local_id}/summaries/new/", {
        "kind": kind, "event_date_0": str(when.day), "event_date_1": str(when.month), "event_date_2": str(when.year),
        "event_time": "10:00"})


def test_each_summary_kind_starts_a_draft_on_its_approved_design(child, practitioner):
    client = client_for(practitioner)
    for kind in [k.value for k in entries.SUMMARY_KINDS]:
        response = _post_start(client, child, kind, timezone.localdate() - timedelta(days=1))
        assert response.status_code == 302, error_summary(response)
        entry = Entry.objects.filter(child=child, kind=kind).get()
        assert response["Location"] == f"/children/{child.local_id}/entries/{entry.pk}/write-up/"
        assert entry.status == "draft" and entry.form_design.kind == kind and entry.form_design.status == "approved"


def test_case_summary_has_exactly_the_six_policy_headings(child, practitioner):
    summary = entries.start_summary(child=child, by=practitioner, kind="case_summary", event_at=timezone.now())
    body = client_for(practitioner).get(f"/children/{child.local_id}/entries/{summary.pk}/write-up/").content.decode()
    headings = ["Pen picture of the child", "Reason for current involvement", "Overview of relevant history",
                "Purpose and focus of intervention", "Intended outcomes and plan", "Any other key information"]
    kinds = dict(summary.form_design.questions.values_list("label", "answer_kind"))
    assert all(heading in body for heading in headings)
    # §5.5's order, within each kind of answer (§12: the page groups answers by kind, facts first)
    for kind in set(kinds[heading] for heading in headings):
        positions = [body.index(heading) for heading in headings if kinds[heading] == kind]
        assert positions == sorted(positions), kind


def test_case_summary_page_shows_the_previous_summary_and_the_work_since(child, practitioner):
    earlier = entries.start_summary(child=child, by=practitioner, kind="case_summary",
                                    event_at=timezone.now() - timedelta(days=90))
    answers = {q.key: "Amara is doing well at school." for q in earlier.form_design.questions.filter(required=True)}
    entries.complete_entry(entry=earlier, by=practitioner, expected_version=None, write_up=entries.WriteUp(
        answers=answers, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=False))
    contact = entries.start_contact(child=child, by=practitioner, kind="contact_phone",
                                    event_at=timezone.now() - timedelta(days=10), others_present="School")
    contact_answers = {q.key: "Called school." for q in contact.form_design.questions.filter(required=True)}
    entries.complete_entry(entry=contact, by=practitioner, expected_version=None, write_up=entries.WriteUp(
        answers=contact_answers, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=False))
    new = entries.start_summary(child=child, by=practitioner, kind="case_summary", event_at=timezone.now())
    body = client_for(practitioner).get(f"/children/{child.local_id}/entries/{new.pk}/write-up/").content.decode()
    assert "The previous case summary" in body and "Amara is doing well at school." in body
    assert f"/entries/{contact.pk}/" in body


def test_a_summary_cannot_be_dated_in_the_future(child, practitioner):
    response = _post_start(client_for(practitioner), child, "review", timezone.localdate() + timedelta(days=2))
    assert "The date cannot be in the future." in error_summary(response)
    assert not Entry.objects.filter(child=child).exists()
