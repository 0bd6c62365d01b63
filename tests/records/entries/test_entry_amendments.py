"""A completed entry is never edited in place (§9, §12): it is amended with a reason, and the earlier
version stays on the record, in EntryAmendment and in the entry's history."""

import pytest
from django.core.exceptions import ValidationError

from records.entries import services
from records.models import EntryAmendment
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, by_class, error_summary, texts
from tests.records.entries.test_recording_visits import (
    VISIT_ANSWERS, autosave_version, completed_visit, page_url, row, write_up, write_up_fields,
)

CORRECTED = {**VISIT_ANSWERS, "child_views": "Amara said she misses her old teacher."}


def amendment_fields(answers=None, reason="Wrong child's views copied in") -> dict:
    return {**(CORRECTED if answers is None else answers), "amendment_reason": reason}


@pytest.fixture
def completed(child, practitioner):
    return completed_visit(child, practitioner)


# --- No edits in place ------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["write_up", "basic_details", "failed_visit"])
def test_writing_pages_are_not_found_for_a_completed_entry(child, practitioner, completed, page):
    response = client_for(practitioner).get(page_url(child, page, completed))

    assert response.status_code == 404


def test_posting_a_write_up_to_a_completed_entry_changes_nothing(child, practitioner, completed):
    before = row(completed)

    response = client_for(practitioner).post(page_url(child, "write_up", completed),
                                             write_up_fields(completed, CORRECTED, action="complete"))

    assert response.status_code == 404
    assert row(completed) == before


@pytest.mark.parametrize("field, value", [
    ("answers", CORRECTED), ("venue", "School"), ("signed_name", "Someone else"), ("is_late_entry", True),
])
def test_saving_a_changed_completed_entry_is_refused(completed, field, value):
    before = row(completed)
    setattr(completed, field, value)

    with pytest.raises(ValidationError, match="A completed entry cannot be edited. Amend it, giving a reason."):
        completed.save()
    assert row(completed) == before


def test_draft_services_refuse_a_completed_entry(practitioner, completed):
    before = row(completed)

    with pytest.raises(ValidationError, match="This entry is completed and signed"):
        services.save_draft(entry=completed, by=practitioner, write_up=write_up(CORRECTED),
                            expected_version=autosave_version(completed))
    with pytest.raises(ValidationError, match="This entry is completed and signed"):
        services.complete_entry(entry=completed, by=practitioner, write_up=write_up(CORRECTED), expected_version=None)
    assert row(completed) == before


# --- Amendments --------------------------------------------------------------------------------------

def test_amendment_needs_a_reason(child, practitioner, completed):
    before = row(completed)

    response = client_for(practitioner).post(page_url(child, "amend", completed), amendment_fields(reason="  "))

    assert response.status_code == 200
    assert_form_error(response, "Enter the reason for the amendment")
    assert row(completed) == before
    assert not EntryAmendment.objects.exists()


def test_amendment_service_needs_a_reason(practitioner, completed):
    before = row(completed)

    with pytest.raises(ValidationError, match="Enter the reason for the amendment"):
        services.amend_entry(entry=completed, by=practitioner, answers=CORRECTED, reason=" ")
    assert row(completed) == before
    assert not EntryAmendment.objects.exists()


def test_amendment_must_change_something(child, practitioner, completed):
    before = row(completed)

    response = client_for(practitioner).post(page_url(child, "amend", completed), amendment_fields(VISIT_ANSWERS))

    assert "Nothing has changed: change an answer, or cancel." in error_summary(response)
    assert row(completed) == before
    assert not EntryAmendment.objects.exists()


def test_amendment_keeps_the_previous_answers_with_the_reason(child, practitioner, completed):
    response = client_for(practitioner).post(page_url(child, "amend", completed), amendment_fields())

    assert response.status_code == 302
    assert response.url == page_url(child, "entry_detail", completed)
    amendment = EntryAmendment.objects.get(entry=completed)
    assert amendment.previous_answers == VISIT_ANSWERS
    assert (amendment.reason, amendment.amended_by) == ("Wrong child's views copied in", practitioner)
    completed.refresh_from_db()
    assert completed.answers == CORRECTED
    assert completed.signed_name == "Priya Shah", "the signature of the completed entry stays"


def test_entry_page_shows_the_version_before_the_amendment(child, practitioner, completed):
    client = client_for(practitioner)
    client.post(page_url(child, "amend", completed), amendment_fields())

    response = client.get(page_url(child, "entry_detail", completed))

    details = by_class(response, "govuk-details")
    assert [d.text() for d in by_class(response, "govuk-details__summary-text")] == ["The version before this amendment"]
    earlier = " ".join(d.text() for d in details)
    assert VISIT_ANSWERS["child_views"] in earlier
    assert CORRECTED["child_views"] not in earlier
    # §12: each section's value is followed by where it came from
    assert f'{CORRECTED["child_views"]} First-hand' in texts(response, "govuk-summary-list__value")
    assert any("Wrong child's views copied in" in text for text in texts(response, "govuk-inset-text"))


def test_history_has_a_row_per_version_with_the_reason(practitioner, completed):
    second = {**CORRECTED, "analysis": "Home conditions are much the same."}
    services.amend_entry(entry=completed, by=practitioner, answers=CORRECTED, reason="Wrong child's views")
    services.amend_entry(entry=completed, by=practitioner, answers=second, reason="Analysis overstated")

    versions = list(completed.history.order_by("history_date", "history_id"))

    assert [(v.status, v.answers) for v in versions[-3:]] == [
        ("completed", VISIT_ANSWERS), ("completed", CORRECTED), ("completed", second)]
    assert [v.history_change_reason for v in versions[-2:]] == [
        "Amended: Wrong child's views", "Amended: Analysis overstated"]


def test_only_the_author_can_amend(child, colleague, completed):
    before = row(completed)
    client = client_for(colleague)

    assert client.get(page_url(child, "amend", completed)).status_code == 404
    assert client.post(page_url(child, "amend", completed), amendment_fields()).status_code == 404
    assert row(completed) == before
