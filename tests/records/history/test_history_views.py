"""The audit trail: who changed what and when, field by field; restricted content (§7) only for those
who may see it, even as it was before it was restricted; per-child access; pages; bounded queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from records.entries import services as entry_services
from records.history import selectors as history
from records.entries.restrictions import restrict_entry
from tests.conftest import client_for
from tests.records.oversight.oversight_builders import table_rows

MARKER = "HISTMARKER5521"


@pytest.fixture(autouse=True)
def _designs(policy_designs):
    """The approved designs (put back if a browser test emptied the tables)."""


@pytest.fixture
def restricted_entry(child, practitioner, manager):
    """A contact written with the marker in it, amended, and only then restricted."""
    entry = entry_services.start_contact(child=child, by=practitioner, kind="contact_phone",
                                         event_at=timezone.now() - timedelta(hours=3), others_present=f"Aunt {MARKER}")
    answers = {q.key: f"Said {MARKER}" for q in entry.form_design.questions.all()
               if q.answer_type in ("short_text", "long_text")}
    write_up = entry_services.WriteUp(answers=answers, information_source="first_hand", third_party_source="",
                                      originator=None, interpreter_used="no", household_changed=False, significant=False)
    entry_services.complete_entry(entry=entry, by=practitioner, write_up=write_up, expected_version=None)
    entry.refresh_from_db()
    entry_services.amend_entry(entry=entry, by=practitioner, reason=f"Fix {MARKER}",
                               answers={**entry.answers, next(iter(entry.answers)): f"Amended {MARKER}"})
    restrict_entry(entry=entry, by=practitioner, reason="third_party", reason_detail=f"Asked {MARKER}",
                   advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    entry.refresh_from_db()
    return entry


def test_child_history_shows_who_when_and_each_field_that_changed(child, practitioner, manager):
    child.preferred_name = "Mara"
    child.save()
    body = client_for(manager).get(reverse("records:child_history", args=[child.local_id])).content.decode()
    rows = table_rows(body, "changes")
    assert rows, "no changes listed"
    newest = rows[0].text()
    assert "Child" in newest and "Preferred name" in newest and "Mara" in newest
    assert "History of changes" in body  # the tab appears by itself


def test_colleague_sees_restricted_placeholders_never_old_values(restricted_entry, child, colleague, practitioner):
    body = client_for(colleague).get(reverse("records:child_history", args=[child.local_id])).content.decode()
    assert MARKER not in body
    assert "Restricted" in body and practitioner.get_full_name() in body  # whom to ask
    # The allocated worker, who may see it, sees everything: the control.
    allowed = client_for(practitioner).get(reverse("records:child_history", args=[child.local_id])).content.decode()
    assert MARKER in allowed


def test_after_lifting_the_restriction_the_history_is_readable(restricted_entry, child, colleague, manager):
    from records.entries.restrictions import review_restriction

    review_restriction(restriction=restricted_entry.restriction, by=manager, keep=False, originator=manager,
                       originator_views="Happy for it to be shared")
    body = client_for(colleague).get(reverse("records:child_history", args=[child.local_id])).content.decode()
    assert MARKER in body


def test_entry_history_needs_access_to_the_entry(restricted_entry, child, colleague, practitioner, other_practitioner):
    url = reverse("records:entry_history", args=[child.local_id, restricted_entry.pk])
    assert client_for(colleague).get(url).status_code == 404
    assert client_for(other_practitioner).get(url).status_code == 404
    response = client_for(practitioner).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert MARKER in body and "Amended" in body
    assert f"Fix {MARKER}" in body  # the amendment's reason, kept beside the change


def test_other_teams_cannot_read_the_childs_history(child, other_practitioner, edt, slt):
    for user in (other_practitioner, edt, slt):
        assert client_for(user).get(reverse("records:child_history", args=[child.local_id])).status_code == 404


def _changes(child, count):
    for n in range(count):
        child.preferred_name = f"Name{n}"
        child.save()


@pytest.mark.parametrize("count", [5, 80])
def test_history_pages_have_bounded_queries(child, manager, count, django_assert_max_num_queries):
    _changes(child, count)
    client = client_for(manager)
    fixed = 20 + len(history.child_sources(child))  # a fixed number: one read per kind of history, whatever the changes
    with django_assert_max_num_queries(fixed):
        response = client.get(reverse("records:child_history", args=[child.local_id]))
    assert response.status_code == 200
    assert len(table_rows(response.content.decode(), "changes")) <= history.PAGE_SIZE


def test_older_changes_are_on_the_next_page_without_gaps(child, manager):
    _changes(child, history.PAGE_SIZE + 10)
    client = client_for(manager)
    seen = []
    url = reverse("records:child_history", args=[child.local_id])
    params = {}
    for _ in range(10):
        response = client.get(url, params)
        seen += [r.text() for r in table_rows(response.content.decode(), "changes")]
        cursor = response.context["next_cursor"]
        if not cursor:
            break
        params = {"before": cursor}
    names = [f"Name{n}" for n in range(history.PAGE_SIZE + 10)]
    assert all(any(f"Preferred name {name}" in text or f"→ to {name}" in text or name in text for text in seen)
               for name in names)
    assert len(seen) == len(set(seen)) or len(seen) >= len(names)


def test_history_names_what_a_change_points_at_as_people_know_it(child, manager, assessment_team):
    """A team by its name, a case by its referral, a person by name: never a developer's "Team 5" or "Case 3"."""
    body = client_for(manager).get(reverse("records:child_history", args=[child.local_id])).content.decode()
    text = " ".join(r.text() for r in table_rows(body, "changes"))
    case = child.cases.get()
    assert assessment_team.name in text and f"Case referred on {case.referral_date:%d %B %Y}" in text
    assert f"Team {assessment_team.pk}" not in text and f"Case {case.pk} " not in text
    assert f"{child.full_name} ({child.local_id})" in text  # who was given access to which child


def test_history_leaves_out_stored_file_names_and_checksums(child, practitioner, manager):
    from tests.records.documents.document_builders import documents_of

    documents_of(child, practitioner)
    document = child.documents.first()
    body = client_for(manager).get(reverse("records:child_history", args=[child.local_id])).content.decode()
    assert document.original_name in body or document.title in body
    assert document.sha256 not in body and document.stored_name not in body and "Sha256" not in body


def test_an_entrys_history_names_each_answer_by_its_question(child, practitioner, manager):
    from tests.records.pdfs.test_pdf_content import phone_call

    entry = phone_call(child, practitioner, "Talked about school.")
    body = client_for(manager).get(reverse("records:entry_history", args=[child.local_id, entry.pk])).content.decode()
    text = " ".join(r.text() for r in table_rows(body, "changes"))
    label = entry.form_design.questions.get(key="discussion").label
    assert f"Answers: {label}" in text and "Answers: discussion" not in text
