"""The chronology as a PDF (§5.3, §9, issue #6 "Record PDFs"): significant entries and events added by
hand, oldest first, with who recorded them, their post title, dates and Late entry marks; restricted
items (§7) only for someone with `view_restricted` who asks for them. Read back with pypdf."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from access.models import AuditAction, AuditEvent
from records.entries import services
from records.pdfs import services as pdfs
from records.models import PdfJob
from records.entries.restrictions import restrict_entry
from records.tasks import build_pdf
from tests.conftest import client_for
from tests.factories import ChronologyEventFactory, PdfJobFactory
from tests.govuk_html import by_class, parse
from tests.pdf_text import pdf_pages, pdf_text
from tests.records.entries.test_entry_late import working_days_ago
from tests.records.pdfs.test_pdf_content import built, phone_call
from tests.records.entries.test_recording_visits import completed_visit

SECRET = "The aunt told us this in confidence"


def significant_call(child, by, discussion, *, event_at=None):
    entry = services.start_contact(child=child, by=by, kind="contact_phone",
                                   event_at=event_at or timezone.now() - timedelta(hours=3), others_present="Aunt")
    return services.complete_entry(entry=entry, by=by, expected_version=None, write_up=services.WriteUp(
        answers={"people": f"Aunt: {discussion}", "discussion": "Talked it through."}, information_source="first_hand", third_party_source="",
        originator=None, interpreter_used="no", household_changed=False, significant=True))


def chronology_pdf(child, by, *, include_restricted=False) -> str:
    job = pdfs.request_record_pdf(child=child, by=by, kind=PdfJob.Kind.CHRONOLOGY, include_restricted=include_restricted)
    return pdf_text(built(job))


@pytest.fixture
def secret(child, practitioner, manager):
    entry = significant_call(child, practitioner, SECRET, event_at=timezone.now() - timedelta(days=1))
    restrict_entry(entry=entry, by=practitioner, reason="in_confidence", reason_detail="Given in confidence",
                   advised_by=manager, review_date=timezone.localdate() + timedelta(days=60))
    return entry


def test_significant_entries_and_events_are_in_it_oldest_first_with_author_and_post_title(child, practitioner):
    significant_call(child, practitioner, "Aunt offered to look after the children.",
                     event_at=timezone.now() - timedelta(days=2))
    ChronologyEventFactory(child=child, by=practitioner, happened_on=timezone.localdate() - timedelta(days=30),
                           title="Moved to a new school", description="Started at Park Lane Primary.",
                           category="education")
    phone_call(child, practitioner, "An ordinary call, not significant.")

    text = chronology_pdf(child, practitioner)

    month_ago = timezone.localdate() - timedelta(days=30)
    assert f"{dateformat.format(month_ago, 'j F Y')}: Moved to a new school" in text
    assert "Education. Recorded by Priya Shah, Social Worker" in text
    assert "Phone call. Recorded by Priya Shah, Social Worker" in text
    assert text.index("Moved to a new school") < text.index("Aunt offered to look after the children.")
    assert "An ordinary call" not in text
    assert "2 items, oldest first" in text


def test_a_late_entry_is_marked_with_when_it_was_recorded(child, practitioner):
    late = completed_visit(child, practitioner, event_at=working_days_ago(3), significant=True)
    assert late.is_late_entry

    text = chronology_pdf(child, practitioner)

    recorded = dateformat.format(timezone.localtime(late.late_entry_recorded_at), "j F Y, H:i")
    assert f"Late entry: recorded {recorded}" in text


def test_every_page_shows_the_child_and_its_page_number(child, practitioner):
    for number in range(30):
        significant_call(child, practitioner, f"Call {number}. " + "What was said. " * 30)

    job = pdfs.request_record_pdf(child=child, by=practitioner, kind=PdfJob.Kind.CHRONOLOGY, include_restricted=False)
    pages = pdf_pages(built(job))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Amara Okoye · Local child ID {child.local_id}" in page and f"Page {number} of {len(pages)}" in page


def test_restricted_items_are_left_out_for_someone_without_view_restricted(child, practitioner, colleague, secret):
    job = pdfs.request_record_pdf(child=child, by=colleague, kind=PdfJob.Kind.CHRONOLOGY, include_restricted=True)
    text = pdf_text(built(job))

    assert job.include_restricted is False
    assert SECRET not in text and "Given in confidence" not in text
    assert "Information in the child's 'Restricted from user' section is not in this PDF." in text
    assert "Ask Priya Shah, Social Worker or Marcus Bennett, Team Manager." in text


def test_restricted_items_are_left_out_unless_asked_for(child, practitioner, secret):
    assert SECRET not in chronology_pdf(child, practitioner)


def test_restricted_items_are_in_and_marked_when_someone_with_view_restricted_asks(child, practitioner, secret):
    text = chronology_pdf(child, practitioner, include_restricted=True)

    assert SECRET in text
    assert "Restricted from the child: Given in the expectation that it would not be disclosed. Given in confidence" in text
    assert "This PDF includes information from the child's 'Restricted from user' section" in text


def test_the_worker_checks_view_restricted_again_when_it_builds(child, colleague, secret):
    job = PdfJobFactory(kind=PdfJob.Kind.CHRONOLOGY, status=PdfJob.Status.QUEUED, child=child,
                        requested_by=colleague, include_restricted=True)

    assert SECRET not in pdf_text(built(job))


def test_an_empty_chronology_says_so(child, practitioner):
    assert "Nothing is in the chronology yet." in chronology_pdf(child, practitioner)


# --- The button on the chronology page, and the request page --------------------------------------

def test_the_chronology_page_has_a_button_that_asks_for_the_chronology_pdf(child, colleague):
    response = client_for(colleague).get(reverse("records:chronology", args=[child.local_id]))

    forms = [form for form in response_forms(response) if form.attrs.get("action") == reverse("records:pdf_request", args=[child.local_id])]
    assert len(forms) == 1
    assert [i.attrs["value"] for i in inputs(forms[0], "kind")] == ["chronology"]
    assert inputs(forms[0], "include_restricted") == []  # a colleague cannot include them
    assert "Download the chronology as a PDF" in [b.text() for b in by_class(response, "govuk-button")]


def test_the_button_offers_the_restricted_section_to_those_who_may_see_it(child, practitioner):
    response = client_for(practitioner).get(reverse("records:chronology", args=[child.local_id]))

    (form,) = [form for form in response_forms(response) if inputs(form, "kind")]
    assert len(inputs(form, "include_restricted")) == 1


def response_forms(response):
    return [element for element in parse(response.content).iter() if element.tag == "form"]


def inputs(form, name) -> list:
    return [element for element in form.iter() if element.tag == "input" and element.attrs.get("name") == name]


def test_pressing_it_queues_a_chronology_job_and_shows_its_progress(child, colleague, monkeypatch,
                                                                    django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(build_pdf, "delay", lambda job_id: sent.append(job_id))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(colleague).post(reverse("records:pdf_request", args=[child.local_id]),
                                              {"kind": "chronology"})

    job = PdfJob.objects.get(child=child, requested_by=colleague)
    assert (job.kind, job.include_restricted, sent) == (PdfJob.Kind.CHRONOLOGY, False, [job.pk])
    assert response.status_code == 302 and response["Location"] == reverse("records:pdf_status", args=[child.local_id, job.pk])
    assert AuditEvent.objects.filter(child=child, action=AuditAction.REQUESTED_PDF, detail__startswith="The chronology").exists()


def test_a_kind_that_cannot_be_asked_for_is_refused_with_a_message(child, practitioner):
    response = client_for(practitioner).post(reverse("records:pdf_request", args=[child.local_id]),
                                             {"kind": "subject_access"})

    assert response.status_code == 200
    assert not PdfJob.objects.filter(child=child).exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_request_page_can_start_with_the_chronology_chosen(child, practitioner):
    response = client_for(practitioner).get(reverse("records:pdf_request", args=[child.local_id]) + "?kind=chronology")

    (form,) = [form for form in response_forms(response) if inputs(form, "kind")]
    checked = [i for i in inputs(form, "kind") if "checked" in i.attrs]
    assert [i.attrs["value"] for i in checked] == ["chronology"]


def test_the_downloaded_file_is_named_as_the_chronology(child, practitioner):
    job = pdfs.request_record_pdf(child=child, by=practitioner, kind=PdfJob.Kind.CHRONOLOGY, include_restricted=False)
    built(job)
    response = client_for(practitioner).get(reverse("records:pdf_download", args=[child.local_id, job.pk]))

    assert response.status_code == 200
    assert f'filename="{child.local_id}-chronology-' in response["Content-Disposition"]
