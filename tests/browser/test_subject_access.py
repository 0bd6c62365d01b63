"""Issue #6 acceptance: a manager records a subject access request, has the bundle built and downloads
it. The bundle is built by a real Celery worker through the real Redis broker (as
tests/records/timeliness/test_celery_worker.py does), not eagerly: the page follows its progress by itself."""

import re
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from config.celery import app
from records.models import PdfJob
from tests.browser.conftest import sign_in
from tests.pdf_text import pdf_text
from tests.records.pdfs.test_pdf_content import CONFIDENTIAL, phone_call, restricted_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_creates_a_request_builds_the_bundle_and_downloads_it(page, policy_designs, child, practitioner,
                                                                     manager, tmp_path):
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "make test runs against a real Redis"
    now = timezone.now()
    phone_call(child, practitioner, "Grace said the children are settled at school.", event_at=now - timedelta(days=3))
    phone_call(child, practitioner, "Amara talked about her new friends.", event_at=now - timedelta(days=1))
    restricted_call(child, practitioner, manager)
    today = timezone.localdate()

    sign_in(page, manager.username)
    page.goto(f"/children/{child.local_id}/sharing/")
    page.get_by_role("link", name="Record a subject access request").click()
    page.get_by_label("Who made the request?").fill("Grace Okoye")
    page.get_by_label("Their relationship to the child").fill("Mother")
    for part, value in enumerate((today.day, today.month, today.year)):
        page.locator(f"#id_received_on_{part}").fill(str(value))
    page.get_by_role("group", name="Has the requester's identity been checked?").get_by_label("Yes").check()
    for part, value in enumerate((today.day, today.month, today.year)):
        page.locator(f"#id_identity_checked_on_{part}").fill(str(value))
    page.get_by_label("If yes: what evidence of identity was seen?").fill("Passport and council tax bill")
    page.get_by_role("button", name="Save the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access request from Grace Okoye")

    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        page.get_by_role("button", name="Build the bundle").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Subject access bundle as a PDF")
        # The status page asks for progress every few seconds and reloads itself when the bundle is ready.
        download_link = page.get_by_role("link", name="Download the PDF")
        expect(download_link).to_be_visible(timeout=90_000)
    expect(page.locator("#pdf-status")).to_have_text("Ready")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert re.fullmatch(rf"{child.local_id}-subject-access-bundle-\d{{4}}-\d{{2}}-\d{{2}}\.pdf", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()

    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Subject access bundle" in text and f"Local child ID {child.local_id}" in text
    assert "From Grace Okoye (Mother)" in text
    assert text.index("Grace said the children are settled at school.") < text.index("Amara talked about her new friends.")
    assert CONFIDENTIAL not in text  # §7: never in a bundle
    job = PdfJob.objects.get(child=child, kind=PdfJob.Kind.SUBJECT_ACCESS)
    assert (job.status, job.requested_by) == (PdfJob.Status.DONE, manager)
