"""The Department for Education's code lists for the statutory returns (issue 17), held as data.

One generic pair of tables: a code list (sex, ethnicity, disability, CIN referral source, SSDA903
placement type, ...) and its codes, each with the collection years it is valid for. A collection year
is named by the year it starts: 2025 is the 2025-26 collection (1 April 2025 to 31 March 2026). A new
year's list is a data change (a data migration, or the admin), not a code change; a code that the
Department withdraws gets its last year (`valid_to_year`) and stays, so that what was recorded with it
keeps its meaning. Codes and lists are never deleted (access.audit.protected).
"""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical


class CodeList(models.Model):
    key = models.SlugField("Key used by the system", max_length=40, unique=True)
    name = models.CharField(max_length=200)
    used_in = models.CharField("Returns that use it", max_length=200)
    history = Historical()

    class Meta:
        ordering = ["name"]
        verbose_name = "DfE code list"

    def __str__(self):
        return self.name


class Code(models.Model):
    code_list = models.ForeignKey(CodeList, on_delete=models.PROTECT, related_name="codes")
    code = models.CharField(max_length=10)
    meaning = models.CharField(max_length=500)
    valid_from_year = models.PositiveSmallIntegerField(
        "First collection year", help_text="The year the collection starts: 2025 for 2025-26")
    valid_to_year = models.PositiveSmallIntegerField(
        "Last collection year", null=True, blank=True, help_text="Empty while the code is still valid")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists")
    history = Historical()

    class Meta:
        ordering = ["code_list", "position", "code"]
        verbose_name = "DfE code"
        constraints = [
            models.UniqueConstraint(fields=["code_list", "code"], name="code_unique_in_list"),
            models.CheckConstraint(name="code_valid_to_after_from",
                                   condition=Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=models.F("valid_from_year"))),
        ]

    def __str__(self):
        return f"{self.code}: {self.meaning}"

    def valid_in(self, year: int) -> bool:
        return self.valid_from_year <= year and (self.valid_to_year is None or year <= self.valid_to_year)


class ReturnBuild(models.Model):
    """One build of a statutory return for a collection year (issue 17), made by a Celery worker
    (casework.returns.worker.run_build) and kept: the file under PRIVATE_MEDIA_ROOT/returns, the row never deleted
    (access.audit.protected), so that what was sent to the Department can always be found again with who built it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=30, help_text="A kind of return listed in casework.returns.builds")
    year = models.PositiveSmallIntegerField("Collection year", help_text="The year the collection starts: 2025 for 2025-26")
    la_number = models.CharField("Local authority number", max_length=3)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "statutory return build"

    def __str__(self):
        return f"{self.kind} {self.year} ({self.get_status_display()})"

    @property
    def year_label(self) -> str:
        return year_label(self.year)


def year_label(year: int) -> str:
    """2025 -> "2025-26", as the Department names a collection year."""
    return f"{year}-{(year + 1) % 100:02d}"


def return_path(build: ReturnBuild) -> Path:
    """Where a build's file is kept: under PRIVATE_MEDIA_ROOT, outside the web root; only the download view reads it."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "returns" / f"{build.pk}-{build.file_name}"
