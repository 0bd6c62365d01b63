"""Asking for a PDF of the record, following its progress and downloading it; subject access
bundles (manager only, never restricted) and their release into the disclosure log (§7)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent, Disclosure, SubjectAccessRequest
from records.pdfs import services as pdfs
from records.models import PdfJob
from records.tasks import build_pdf
from tests.conftest import client_for
from tests.govuk_html import by_class, texts
from tests.pdf_text import pdf_text, response_bytes
from tests.records.sharing.sharing_builders import identity_checked_sar, sar as new_sar
from tests.records.pdfs.test_pdf_content import CONFIDENTIAL, built, restricted_call
from tests.records.entries.test_recording_visits import VISIT_ANSWERS, completed_visit
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record

Status = PdfJob.Status
STATUS_QUERIES = 8 + BANNER_QUERIES  # session, user, child visibility, access log, the job, roles, restricted access and count


def page(name, child, *more) -> str:
    return reverse(f"records:{name}", args=[child.local_id, *more])


def downloads(child) -> list[str]:
    return list(AuditEvent.objects.filter(child=child, action=AuditAction.DOWNLOADED_PDF).values_list("detail", flat=True))


@pytest.fixture
def visit(child, practitioner):
    return completed_visit(child, practitioner)


@pytest.fixture
def record_job(child, practitioner, visit):
    job = pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)
    built(job)
    return job


@pytest.fixture
def queued(monkeypatch):
    """What would go to the broker: the ids given to build_pdf.delay."""
    sent = []
    monkeypatch.setattr(build_pdf, "delay", lambda job_id: sent.append(job_id))
    return sent


@pytest.fixture
def sar(child, manager):
    return identity_checked_sar(child, manager, received_on=timezone.localdate() - timedelta(days=3))


# --- Asking for the record ----------------------------------------------------------------------

def test_the_records_list_links_to_the_pdf_page(child, colleague):
    response = client_for(colleague).get(reverse("records:entry_list", args=[child.local_id]))

    links = [link for link in by_class(response, "govuk-link") if link.attrs.get("href") == page("pdf_request", child)]
    assert [link.text() for link in links] == ["Download the record as a PDF"]


def test_the_request_page_offers_the_restricted_section_only_to_those_who_may_see_it(child, practitioner, colleague):
    offered = client_for(practitioner).get(page("pdf_request", child))
    not_offered = client_for(colleague).get(page("pdf_request", child))

    assert offered.status_code == not_offered.status_code == 200
    assert "Include the 'Restricted from user' section" in texts(offered, "govuk-checkboxes__label")
    assert by_class(not_offered, "govuk-checkboxes") == []
    assert "Prepare the PDF" in texts(not_offered, "govuk-button")


def test_asking_makes_a_job_queued_once_the_transaction_commits(child, practitioner, queued,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(practitioner).post(page("pdf_request", child), {"include_restricted": "on"})

    job = PdfJob.objects.get(child=child)
    assert response.status_code == 302 and response.url == page("pdf_status", child, job.pk)
    assert (job.kind, job.requested_by, job.include_restricted, job.status) == ("record", practitioner, True, "queued")
    assert queued == [job.pk]
    assert AuditEvent.objects.filter(actor=practitioner, child=child, action=AuditAction.REQUESTED_PDF).count() == 1


def test_a_colleague_asking_for_the_restricted_section_gets_the_record_without_it(
        child, colleague, manager, practitioner, visit, queued):
    restricted_call(child, practitioner, manager)

    client_for(colleague).post(page("pdf_request", child), {"include_restricted": "on"})

    job = PdfJob.objects.get(child=child)
    assert job.include_restricted is False
    assert CONFIDENTIAL not in pdf_text(built(job))


def test_a_plain_post_asks_for_the_record_without_the_restricted_section(child, practitioner, queued):
    response = client_for(practitioner).post(page("pdf_request", child))

    job = PdfJob.objects.get(child=child)
    assert response.status_code == 302 and job.include_restricted is False


def test_someone_who_cannot_see_the_child_cannot_ask(child, other_practitioner, queued):
    response = client_for(other_practitioner).post(page("pdf_request", child))

    assert response.status_code == 404
    assert not PdfJob.objects.exists()


# --- Following the job ------------------------------------------------------------------------------

def test_the_status_page_shows_progress_and_works_without_javascript(child, practitioner, visit, queued):
    job = pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)
    job.status, job.progress, job.total = Status.RUNNING, 300, 1006  # 1,000 entries, 5 volumes, joining
    job.save()

    response = client_for(practitioner).get(page("pdf_status", child, job.pk))

    assert texts(response, "govuk-tag") == ["Being built"]
    assert "Preparing the entries: 300 of 1,000 done." in texts(response, "govuk-summary-list__value")
    check_again = by_class(response, "govuk-button--secondary")[0]
    assert check_again.text() == "Check again" and check_again.attrs["href"] == page("pdf_status", child, job.pk)
    assert f'data-pdf-progress-url="{page("pdf_progress", child, job.pk)}"' in response.content.decode()
    assert "<meta http-equiv" not in response.content.decode()


def test_the_progress_address_answers_the_pages_javascript(child, practitioner, record_job):
    data = client_for(practitioner).get(page("pdf_progress", child, record_job.pk)).json()

    assert data == {"status": "done", "status_label": "Ready", "message": "Ready to download.", "progress": 3,
                    "total": 3, "finished": True, "download_url": page("pdf_download", child, record_job.pk)}


def test_a_finished_job_offers_the_download(child, practitioner, record_job):
    response = client_for(practitioner).get(page("pdf_status", child, record_job.pk))

    button = by_class(response, "govuk-button")[0]
    assert button.text() == "Download the PDF" and button.attrs["href"] == page("pdf_download", child, record_job.pk)
    assert texts(response, "govuk-tag") == ["Ready"]


def test_a_failed_job_says_so_and_offers_to_ask_again(child, practitioner, visit):
    job = pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)
    job.status, job.error = Status.FAILED, "The PDF could not be built."
    job.save()

    response = client_for(practitioner).get(page("pdf_status", child, job.pk))

    assert texts(response, "govuk-tag") == ["Failed"]
    assert "The PDF could not be built." in texts(response, "govuk-summary-list__value")
    assert by_class(response, "govuk-button")[0].attrs["href"] == page("pdf_request", child)


def test_the_status_page_runs_a_fixed_number_of_queries(child, practitioner, record_job, django_assert_max_num_queries):
    client = client_for(practitioner)
    with django_assert_max_num_queries(STATUS_QUERIES):
        client.get(page("pdf_status", child, record_job.pk))


# --- Downloading ------------------------------------------------------------------------------------

def test_the_download_is_an_attachment_that_is_not_kept_by_the_browser(child, practitioner, record_job):
    response = client_for(practitioner).get(page("pdf_download", child, record_job.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{child.local_id}-record-{timezone.localtime(record_job.finished_at):%Y-%m-%d}.pdf"')
    assert "no-store" in response["Cache-Control"]
    body = response_bytes(response)
    assert body == pdfs.pdf_path(record_job).read_bytes()
    assert VISIT_ANSWERS["child_views"] in pdf_text(body)


def test_each_download_is_written_to_the_audit_trail(child, practitioner, colleague, record_job):
    client_for(practitioner).get(page("pdf_download", child, record_job.pk))
    client_for(colleague).get(page("pdf_download", child, record_job.pk))  # anyone who may see the child

    events = AuditEvent.objects.filter(child=child, action=AuditAction.DOWNLOADED_PDF).order_by("pk")
    assert [event.actor for event in events] == [practitioner, colleague]
    assert events[0].detail == f"The full record, PDF job {record_job.pk}"


@pytest.mark.parametrize("role", ["other_practitioner", "edt", "slt"])
def test_someone_who_cannot_see_the_child_gets_a_404_and_no_pdf(request, child, record_job, role):
    client = client_for(request.getfixturevalue(role))
    for name in ("pdf_status", "pdf_progress", "pdf_download"):
        assert client.get(page(name, child, record_job.pk)).status_code == 404
    assert downloads(child) == []


def test_a_pdf_with_the_restricted_section_is_a_404_for_someone_without_view_restricted(
        child, practitioner, colleague, manager, visit):
    restricted_call(child, practitioner, manager)
    job = pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=True)
    built(job)

    for name in ("pdf_status", "pdf_progress", "pdf_download"):
        assert client_for(colleague).get(page(name, child, job.pk)).status_code == 404
    assert client_for(manager).get(page("pdf_download", child, job.pk)).status_code == 200
    assert downloads(child) == [f"The full record, PDF job {job.pk}, including restricted information"]


def test_a_job_is_only_found_under_its_own_child(child, other_child, admin_user, record_job):
    response = client_for(admin_user).get(page("pdf_download", other_child, record_job.pk))

    assert response.status_code == 404


def test_a_pdf_that_is_not_ready_cannot_be_downloaded(child, practitioner, visit):
    job = pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)

    assert client_for(practitioner).get(page("pdf_download", child, job.pk)).status_code == 404
    assert downloads(child) == []


def test_the_request_page_lists_your_pdfs_of_this_record(child, practitioner, record_job):
    response = client_for(practitioner).get(page("pdf_request", child))

    status = page("pdf_status", child, record_job.pk)
    links = [link for link in by_class(response, "govuk-link") if link.attrs.get("href") == status]
    assert links and links[0].text().startswith("The full record, asked for")


# --- Subject access bundles -------------------------------------------------------------------------

def test_a_manager_prepares_a_bundle_which_never_includes_restricted_information(
        child, manager, practitioner, visit, sar, queued):
    restricted_call(child, practitioner, manager)

    response = client_for(manager).post(page("sar_bundle", child, sar.pk))

    job = PdfJob.objects.get(kind="subject_access")
    assert response.status_code == 302 and response.url == page("pdf_status", child, job.pk)
    assert (job.subject_access_request, job.requested_by, job.include_restricted) == (sar, manager, False)
    assert queued == []  # not committed yet: queued on commit
    text = pdf_text(built(job))
    assert "From Grace Okoye (Mother)" in text
    assert CONFIDENTIAL not in text


def test_the_request_page_offers_managers_the_bundle_of_each_open_request(child, manager, practitioner, sar):
    body = client_for(manager).get(page("pdf_request", child)).content.decode()

    assert f'action="{page("sar_bundle", child, sar.pk)}"' in body
    practitioners_page = client_for(practitioner).get(page("pdf_request", child)).content.decode()
    assert page("sar_bundle", child, sar.pk) not in practitioners_page


@pytest.mark.parametrize("role", ["practitioner", "colleague", "other_practitioner", "edt", "slt"])
def test_only_a_manager_who_sees_the_child_prepares_a_bundle(request, child, sar, role, queued):
    response = client_for(request.getfixturevalue(role)).post(page("sar_bundle", child, sar.pk))

    assert response.status_code == 404
    assert not PdfJob.objects.exists()


def test_a_bundle_is_prepared_by_a_post_only(child, manager, sar):
    assert client_for(manager).get(page("sar_bundle", child, sar.pk)).status_code == 405


def test_a_finished_request_gets_no_new_bundle(child, manager, sar, queued):
    sar.status = SubjectAccessRequest.Status.CLOSED
    sar.save()

    response = client_for(manager).post(page("sar_bundle", child, sar.pk), follow=True)

    assert not PdfJob.objects.exists()
    assert "This subject access request is finished: its bundle can no longer change." in texts(
        response, "govuk-error-summary__body")


def test_bundles_are_for_managers_only_even_to_download(child, manager, practitioner, visit, sar):
    job = pdfs.request_subject_access_bundle(sar=sar, by=manager)
    built(job)

    assert client_for(practitioner).get(page("pdf_download", child, job.pk)).status_code == 404
    assert client_for(manager).get(page("pdf_download", child, job.pk)).status_code == 200


@pytest.fixture
def bundle(child, manager, visit, sar):
    job = pdfs.request_subject_access_bundle(sar=sar, by=manager)
    built(job)
    return job


def test_a_manager_releases_the_bundle_and_the_disclosure_is_logged(child, manager, sar, bundle):
    response = client_for(manager).post(page("sar_release", child, sar.pk), {"job_id": bundle.pk}, follow=True)

    sar.refresh_from_db()
    assert sar.status == SubjectAccessRequest.Status.RELEASED and sar.released_by == manager
    disclosure = Disclosure.objects.get(child=child)
    assert disclosure.basis == "subject_access"
    assert (disclosure.subject_access_request, disclosure.shared_by) == (sar, manager)
    assert disclosure.shared_with_person == "Grace Okoye"
    assert "Bundle released. The disclosure is in the child's disclosure log." in texts(
        response, "govuk-notification-banner__heading")


def test_the_status_page_offers_the_release_until_it_is_done(child, manager, sar, bundle):
    client = client_for(manager)
    release = page("sar_release", child, sar.pk)
    assert f'action="{release}"' in client.get(page("pdf_status", child, bundle.pk)).content.decode()

    client.post(release, {"job_id": bundle.pk})

    assert f'action="{release}"' not in client.get(page("pdf_status", child, bundle.pk)).content.decode()


def test_release_is_refused_with_the_reason_before_the_identity_is_checked(child, manager, visit):
    unchecked = new_sar(child, manager)
    job = pdfs.request_subject_access_bundle(sar=unchecked, by=manager)
    built(job)

    response = client_for(manager).post(page("sar_release", child, unchecked.pk), {"job_id": job.pk}, follow=True)

    assert not Disclosure.objects.exists()
    assert "Check the requester's identity before releasing the bundle" in texts(response, "govuk-error-summary__body")


def test_release_needs_a_finished_bundle_of_that_request(child, manager, sar, record_job, queued):
    client = client_for(manager)
    unfinished = pdfs.request_subject_access_bundle(sar=sar, by=manager)

    for job_id in (record_job.pk, unfinished.pk, "", "x"):
        assert client.post(page("sar_release", child, sar.pk), {"job_id": job_id}).status_code == 404
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("role", ["practitioner", "colleague", "other_practitioner", "edt", "slt"])
def test_only_a_manager_releases_a_bundle(request, child, sar, bundle, role):
    response = client_for(request.getfixturevalue(role)).post(page("sar_release", child, sar.pk), {"job_id": bundle.pk})

    assert response.status_code == 404
    assert not Disclosure.objects.exists()



def _left_out_sentence(client, child, job) -> str:
    body = client.get(page("pdf_status", child, job.pk)).content.decode()
    return next(el.text() for el in by_class(body, "govuk-body") if el.attrs.get("id") == "restricted-left-out")


def test_the_status_page_says_in_one_sentence_how_many_restricted_entries_are_left_out(child, practitioner, manager,
                                                                                      record_job):
    client = client_for(practitioner)
    restricted_call(child, practitioner, manager)
    assert _left_out_sentence(client, child, record_job) == \
        "1 entry from the child's 'Restricted from user' section is not in this PDF."
    restricted_call(child, practitioner, manager)
    assert _left_out_sentence(client, child, record_job) == \
        "2 entries from the child's 'Restricted from user' section are not in this PDF."
