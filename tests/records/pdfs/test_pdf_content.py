"""What a PDF of the record shows (§9, §10, §12), and what it leaves out (§7).

The builders at the top are shared by the other test_pdf_* modules. PDFs here are small (a few
entries), built by the task function itself, and read back with pypdf.
"""

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from records.entries import services
from records.pdfs import services as pdfs
from access.models import StaffProfile
from django.urls import reverse
from records.models import EntryAmendment, PdfJob
from records.entries.restrictions import restrict_entry
from records.tasks import build_pdf
from tests.conftest import client_for
from tests.factories import PdfJobFactory, SubjectAccessRequestFactory
from tests.govuk_html import texts
from tests.pdf_text import pdf_pages, pdf_text
from tests.records.entries.test_entry_late import working_days_ago
from tests.records.entries.test_recording_visits import VISIT_ANSWERS, completed_visit, planned_visit

CONFIDENTIAL = "The neighbour said this in confidence"


# --- Builders ---------------------------------------------------------------------------------

def built(job) -> bytes:
    """Run the Celery task's function for the job, here and now, and return the PDF."""
    build_pdf(job.pk)
    job.refresh_from_db()
    assert job.status == PdfJob.Status.DONE, job.error
    return pdfs.pdf_path(job).read_bytes()


def record_pdf(child, by, *, include_restricted=False) -> str:
    """The text of the record PDF `by` asks for (through the service, as the request page does)."""
    return pdf_text(built(pdfs.request_record_pdf(child=child, by=by, include_restricted=include_restricted)))


def phone_call(child, by, discussion, *, event_at=None):
    entry = services.start_contact(child=child, by=by, kind="contact_phone",
                                   event_at=event_at or timezone.now() - timedelta(hours=3), others_present="Neighbour")
    answers = {"people": "Mrs Green, neighbour", "discussion": discussion}
    return services.complete_entry(entry=entry, by=by, expected_version=None, write_up=services.WriteUp(
        answers=answers, information_source="third_party", third_party_source="",
        originator_name="Mrs Green", originator_agency="neighbour", originator=None, interpreter_used="no", household_changed=False, significant=False))


def restricted_call(child, by, advised_by):
    entry = phone_call(child, by, CONFIDENTIAL)
    restrict_entry(entry=entry, by=by, reason="in_confidence", reason_detail="Given in confidence",
                   advised_by=advised_by, review_date=timezone.localdate() + timedelta(days=60))
    entry.refresh_from_db()
    return entry


def when(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i")


@pytest.fixture
def visit(child, practitioner):
    return completed_visit(child, practitioner)


@pytest.fixture
def confidential(child, practitioner, manager):
    return restricted_call(child, practitioner, manager)


# --- What each entry shows ---------------------------------------------------------------------

def test_each_entry_shows_its_kind_time_author_and_post_title(child, practitioner, visit):
    text = record_pdf(child, practitioner)

    event = dateformat.format(timezone.localtime(visit.event_at), "l j F Y, H:i")
    assert f"Visit: {event}" in text
    assert "Recorded by Priya Shah, Social Worker" in text


def test_each_entry_shows_its_signature_with_the_date_and_time_it_was_completed(child, practitioner, visit):
    text = record_pdf(child, practitioner)

    assert f"Signed: Priya Shah, Social Worker, {when(visit.completed_at)}" in text


def test_the_answers_are_shown_with_facts_apart_from_analysis(child, practitioner, visit):
    text = record_pdf(child, practitioner)

    facts, analysis = text.index("Facts"), text.index("Opinions")
    assert facts < text.index(VISIT_ANSWERS["child_views"]) < analysis
    assert facts < text.index("The child's views") < analysis
    assert analysis < text.index(VISIT_ANSWERS["analysis"])
    assert "Actions Not answered" in text  # an optional question left blank says so


def test_the_fixed_fields_of_a_visit_are_shown(child, practitioner, visit):
    text = record_pdf(child, practitioner)

    assert "Who was seen Amara and her mother" in text
    assert "Child seen Yes, alone" in text
    assert "Where Family home" in text
    assert "Source of information First-hand" in text


def test_third_party_information_names_its_source(child, practitioner):
    phone_call(child, practitioner, "Saw the children walking to school.")

    text = record_pdf(child, practitioner)

    assert "Phone call:" in text
    assert "Source of information From someone else: Mrs Green, neighbour" in text


def test_a_late_entry_is_marked_with_the_date_and_time_it_was_recorded(child, practitioner):
    late = completed_visit(child, practitioner, event_at=working_days_ago(3))
    assert late.is_late_entry

    text = record_pdf(child, practitioner)

    assert f"Late entry: recorded {when(late.late_entry_recorded_at)}" in text


def test_an_entry_on_time_has_no_late_mark(child, practitioner, visit):
    assert "Late entry" not in record_pdf(child, practitioner)


def test_an_amendment_is_shown_with_who_when_and_why(child, practitioner, visit):
    services.amend_entry(entry=visit, by=practitioner, reason="Wrong venue copied in",
                         answers={**VISIT_ANSWERS, "discussion": "Mother said the routine is settling."})

    text = record_pdf(child, practitioner)

    amended = EntryAmendment.objects.get(entry=visit).amended_at
    assert f"Amended by Priya Shah, Social Worker, {when(amended)}: Wrong venue copied in" in text
    assert "Mother said the routine is settling." in text


def test_an_amendment_shows_the_post_title_its_author_had_then(child, practitioner, visit):
    """§9: who corrected it, with the post title they had when they did, like every other signature."""
    services.amend_entry(entry=visit, by=practitioner, reason="Wrong venue copied in",
                         answers={**VISIT_ANSWERS, "discussion": "Mother said the routine is settling."})
    StaffProfile.objects.filter(user=practitioner).update(post_title="Team Manager")  # promoted since

    text = record_pdf(child, practitioner)
    page = client_for(practitioner).get(reverse("records:entry_detail", args=[child.local_id, visit.pk]))

    amended = EntryAmendment.objects.get(entry=visit).amended_at
    assert f"Amended by Priya Shah, Social Worker, {when(amended)}: Wrong venue copied in" in text
    shown = [" ".join(line.replace(" ,", ",").split()) for line in texts(page, "cw-amended-by")]
    assert shown == [f"Amended by Priya Shah, Social Worker, {when(amended)}"]


def test_plans_and_drafts_are_left_out(child, practitioner, visit):
    planned_visit(child, practitioner, event_at=timezone.now() + timedelta(days=2))
    services.start_contact(child=child, by=practitioner, kind="contact_email", event_at=timezone.now(),
                           others_present="Unfinished draft text")

    text = record_pdf(child, practitioner)

    assert "1 completed entry" in text
    assert "Unfinished draft text" not in text and "Email:" not in text


def test_the_cover_says_the_plan_is_in_the_record_pdf_when_it_is(child, practitioner, visit):
    from tests.records.plans.plan_builders import plan_with_outcomes

    plan_with_outcomes(child, practitioner, "Goes to school every day")

    text = record_pdf(child, practitioner)

    assert "Goes to school every day" in text  # the plan is in the PDF...
    assert "The child's plan, basic record and documents, then 1 completed entry, oldest first." in text
    assert "Plans and unfinished drafts are not included" not in text  # ...and the cover says so
    assert "Unfinished drafts are not included." in text


def test_the_cover_of_a_subject_access_bundle_says_the_plan_is_left_out(child, manager, practitioner, visit):
    from tests.records.plans.plan_builders import plan_with_outcomes

    plan_with_outcomes(child, practitioner, "Goes to school every day")
    job = PdfJobFactory(kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.QUEUED, child=child, requested_by=manager,
                        subject_access_request=SubjectAccessRequestFactory(child=child, by=manager))

    text = pdf_text(built(job))

    assert "Goes to school every day" not in text
    assert "The plan and unfinished drafts are not included." in text


def test_entries_run_oldest_first(child, practitioner):
    phone_call(child, practitioner, "The later call.", event_at=timezone.now() - timedelta(hours=1))
    phone_call(child, practitioner, "The earlier call.", event_at=timezone.now() - timedelta(days=2))

    text = record_pdf(child, practitioner)

    assert text.index("The earlier call.") < text.index("The later call.")


def test_every_page_shows_the_child_and_its_page_number(child, practitioner):
    for number in range(6):
        phone_call(child, practitioner, f"Call number {number}. " + "A long account of the call. " * 40)

    pages = pdf_pages(built(pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)))

    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Amara Okoye · Local child ID {child.local_id}" in page
        assert f"Page {number} of {len(pages)}" in page


# --- Restricted information (§7) ----------------------------------------------------------------

def test_restricted_entries_are_left_out_unless_asked_for(child, practitioner, visit, confidential):
    text = record_pdf(child, practitioner)

    assert CONFIDENTIAL not in text
    assert "Information in the child's 'Restricted from user' section is not in this PDF." in text


def test_restricted_entries_are_included_and_marked_when_someone_who_may_see_them_asks(
        child, practitioner, visit, confidential):
    text = record_pdf(child, practitioner, include_restricted=True)

    assert CONFIDENTIAL in text
    reason = "Given in the expectation that it would not be disclosed"
    assert f"Restricted from the child: {reason}. Given in confidence" in text
    assert "This PDF includes information from the child's 'Restricted from user' section" in text


def test_a_colleague_without_view_restricted_cannot_have_them_and_is_told_whom_to_ask(
        child, colleague, visit, confidential):
    job = pdfs.request_record_pdf(child=child, by=colleague, include_restricted=True)
    text = pdf_text(built(job))

    assert job.include_restricted is False
    assert CONFIDENTIAL not in text
    assert "Ask Priya Shah, Social Worker or Marcus Bennett, Team Manager." in text


def test_the_worker_checks_view_restricted_again_when_it_builds(child, colleague, visit, confidential):
    # A job that says "include" (asked for before the permission was withdrawn, or written by hand).
    job = PdfJobFactory(kind=PdfJob.Kind.RECORD, status=PdfJob.Status.QUEUED, child=child, requested_by=colleague,
                        include_restricted=True)

    assert CONFIDENTIAL not in pdf_text(built(job))


def test_a_subject_access_bundle_never_includes_restricted_entries(child, manager, visit, confidential):
    job = PdfJobFactory(kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.QUEUED, child=child,
                        requested_by=manager, include_restricted=True)

    text = pdf_text(built(job))

    assert CONFIDENTIAL not in text
    assert "Restricted from user" not in text  # the bundle does not say that anything was withheld
    assert VISIT_ANSWERS["child_views"] in text


def test_a_lifted_restriction_puts_the_entry_back_in_every_pdf(child, practitioner, manager, colleague, confidential):
    from records.entries.restrictions import review_restriction

    review_restriction(restriction=confidential.restriction, by=manager, keep=False, originator=manager,
                       originator_views="The neighbour agrees it can be shared now.")

    assert CONFIDENTIAL in record_pdf(child, colleague)
