"""The build_pdf task (§9; WeasyPrint in a worker): progress as it goes, the file stored
outside the web root, and safe to run twice. Run here through the task function, eagerly; the
real-worker test of the Celery wiring is tests/records/timeliness/test_celery_worker.py."""

from pathlib import Path

import pytest
from django.conf import settings

from access.models import ChildGroupObjectPermission, ChildUserObjectPermission
from config import settings as project_settings
from records.pdfs import build as builder
from records.pdfs import contents as pdf_contents
from records.pdfs import services as pdfs
from records.models import PdfJob
from records.tasks import build_pdf
from tests.records.pdfs.test_pdf_content import built, phone_call

Status = PdfJob.Status


@pytest.fixture
def job(child, practitioner):
    for number in range(5):
        phone_call(child, practitioner, f"Call number {number}.")
    return pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)


def test_the_task_builds_the_pdf_and_marks_the_job_done(job):
    result = build_pdf.apply(args=[job.pk])  # eagerly, through Celery's task machinery

    job.refresh_from_db()
    assert result.get() == "built"
    assert job.status == Status.DONE and job.finished_at is not None and job.error == ""
    assert (job.progress, job.total) == (7, 7)  # five entries, then laying out and writing
    assert job.file_name == f"pdfs/{job.pk}.pdf"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / job.file_name).read_bytes().startswith(b"%PDF")


def test_progress_is_saved_as_the_entries_are_rendered_then_for_each_step_after(job, monkeypatch):
    monkeypatch.setattr(pdf_contents, "PROGRESS_EVERY", 2)

    build_pdf(job.pk)

    steps = list(job.history.order_by("history_date", "history_id").values_list("status", "progress", "total"))
    assert steps == [
        ("queued", 0, 0), ("running", 0, 7), ("running", 2, 7), ("running", 4, 7), ("running", 5, 7),
        ("running", 6, 7), ("done", 7, 7),
    ]


def test_changes_to_the_job_are_attributed_to_the_person_who_asked(job, practitioner):
    build_pdf(job.pk)

    assert set(job.history.values_list("history_user", flat=True)) == {practitioner.pk}


@pytest.mark.parametrize("progress, message", [
    (0, "Preparing the entries: 0 of 5 done."),
    (5, "Laying out the pages. A long record can take a minute or two."),
    (6, "Writing the file."),
])
def test_the_status_page_message_follows_the_steps(job, progress, message):
    job.status, job.progress, job.total = Status.RUNNING, progress, 7

    assert pdfs.progress_message(job) == message


def test_a_finished_job_is_not_built_again(job, monkeypatch):
    first = built(job)
    saves = job.history.count()

    monkeypatch.setattr(builder, "html_to_pdf", lambda *args, **kwargs: pytest.fail("built a second time"))
    assert build_pdf(job.pk) == "already built"  # a redelivered message (acks_late) changes nothing
    assert pdfs.pdf_path(job).read_bytes() == first
    assert job.history.count() == saves


def test_a_finished_job_whose_file_has_gone_is_built_again(job):
    built(job)
    pdfs.pdf_path(job).unlink()

    assert build_pdf(job.pk) == "built"
    assert pdfs.pdf_path(job).exists()


def test_a_job_that_failed_stays_failed(job):
    job.status, job.error = Status.FAILED, "Earlier failure"
    job.save()

    assert build_pdf(job.pk) == "failed earlier: ask for a new PDF"
    job.refresh_from_db()
    assert job.error == "Earlier failure" and not pdfs.pdf_path(job).exists()


def test_an_error_while_building_fails_the_job_with_a_plain_message(job, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("pango ran out of memory")

    monkeypatch.setattr(builder, "html_to_pdf", broken)

    assert build_pdf(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.finished_at is not None
    assert job.error == "The PDF could not be built. Ask for it again; if it fails again, tell the service desk."
    assert not pdfs.pdf_path(job).exists()
    assert not list(pdfs.pdf_path(job).parent.glob("*.part"))


def test_the_job_fails_if_the_person_who_asked_can_no_longer_see_the_child(job, child, practitioner):
    ChildUserObjectPermission.objects.filter(user=practitioner, content_object=child).delete()
    ChildGroupObjectPermission.objects.filter(content_object=child).delete()

    assert build_pdf(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error == "The person who asked for this PDF can no longer see this child's record."
    assert not pdfs.pdf_path(job).exists()


def test_a_job_that_no_longer_exists_is_ignored(db):
    assert build_pdf(987654) == "no such job"


def test_the_task_acknowledges_late_so_a_lost_worker_means_a_retry():
    assert build_pdf.acks_late is True and build_pdf.reject_on_worker_lost is True


# --- Where files go, and the worker's memory ------------------------------------------------------

def test_pdfs_are_stored_outside_the_web_root_and_git_by_default():
    root = project_settings.PRIVATE_MEDIA_ROOT
    assert root == (project_settings.BASE_DIR / "private-media").resolve()
    for public in [project_settings.STATIC_ROOT, *(d for _, d in project_settings.STATICFILES_DIRS)]:
        assert not root.is_relative_to(Path(public).resolve())
    ignored = (project_settings.BASE_DIR / ".gitignore").read_text().splitlines()
    assert "private-media/" in ignored


def test_a_worker_child_is_replaced_before_weasyprint_eats_the_machine():
    assert 0 < project_settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD <= 1_000_000  # kilobytes
