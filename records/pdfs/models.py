
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.audit.history import Historical


class PdfJob(models.Model):
    """A PDF built by a Celery worker (big records are too large for a web request), with its progress."""

    class Kind(models.TextChoices):
        RECORD = "record", "The full record"
        CHRONOLOGY = "chronology", "The chronology"
        SUBJECT_ACCESS = "subject_access", "Subject access bundle"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="pdf_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject_access_request = models.ForeignKey(
        "access.SubjectAccessRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="pdf_jobs"
    )
    include_restricted = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # §7: what a subject access bundle held when it was built ({"entries": [ids], "documents": [ids]}), so that
    # its release names each item in the disclosure log, whatever changed on the record since.
    included = models.JSONField(default=dict, blank=True)
    history = Historical()


def pdf_path(job: PdfJob) -> Path:
    """Where a job's file is kept: under PRIVATE_MEDIA_ROOT, outside the web root (the builder writes it,
    the download view reads it)."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "pdfs" / f"{job.pk}.pdf"
