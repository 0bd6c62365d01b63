from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from records.entries.models import Entry

# The columns a flag can point at; each flag points at exactly one of them.
FLAG_SUBJECTS = ["entry", "case", "subject_access_request", "restriction", "audit_deficiency", "paper_file_removal",
                 "paper_file_move", "audit_schedule"]
# Subjects with an open flag per due time rather than one at a time (records.timeliness.services.FlagKind.per_due).
FLAGGED_PER_MONTH = ["audit_schedule"]


def _exactly_one_of(columns) -> Q:
    condition = Q()
    for chosen in columns:
        condition |= Q(**{f"{column}__isnull": column != chosen for column in columns})
    return condition


class Flag(models.Model):
    """Work not done in time (§4, §5.2, §5.5, §10), opened and closed by the hourly timeliness pass.

    The row is its own history: opened_at, and once closed, closed_at and what closed it. Rows are
    written in sets by SQL (never one by one), so there is no simple-history table; a database
    trigger allows only the one change from open to closed, and no deletion.
    """

    kind = models.CharField(max_length=40)
    # Empty only for a team's flag (a month without its audit sample, §13), which is about no one child.
    child = models.ForeignKey("casework.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="flags")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="flags")
    case = models.ForeignKey("casework.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="flags")
    subject_access_request = models.ForeignKey(
        "access.SubjectAccessRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    audit_deficiency = models.ForeignKey(
        "records.AuditDeficiency", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    paper_file_removal = models.ForeignKey(
        "records.PaperFileRemoval", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    paper_file_move = models.ForeignKey(  # §15.2
        "records.PaperFileMove", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    audit_schedule = models.ForeignKey(
        "records.AuditSchedule", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="flags",
        help_text="Who should do the work: the author of the entry, the allocated worker, or who took the request",
    )
    due_at = models.DateTimeField()
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            # Idempotence: at most one open flag of a kind for the same subject, whoever runs the pass.
            *[
                models.UniqueConstraint(
                    fields=["kind", subject], condition=Q(closed_at__isnull=True, **{f"{subject}__isnull": False}),
                    name=f"flag_one_open_per_{subject}",
                )
                for subject in FLAG_SUBJECTS if subject not in FLAGGED_PER_MONTH
            ],
            # A team's schedule has one open flag for each month it missed (§13): the month is the due time.
            *[
                models.UniqueConstraint(
                    fields=["kind", subject, "due_at"],
                    condition=Q(closed_at__isnull=True, **{f"{subject}__isnull": False}),
                    name=f"flag_one_open_per_{subject}_and_month",
                )
                for subject in FLAGGED_PER_MONTH
            ],
            models.CheckConstraint(name="flag_has_one_subject", condition=_exactly_one_of(FLAG_SUBJECTS)),
            models.CheckConstraint(name="flag_child_unless_team",
                                   condition=Q(child__isnull=False) | Q(audit_schedule__isnull=False)),
        ]
        indexes = [
            # A worker's open flags in the order their panel lists them, with what the panel and the team dashboard
            # count by (kind) and check the door against (child): read from the index alone (issue 16).
            models.Index(fields=["owner", "due_at", "id"], include=["kind", "child"], condition=Q(closed_at__isnull=True),
                         name="flag_open_owner_due_idx"),
            models.Index(fields=["child"], condition=Q(closed_at__isnull=True), name="flag_open_child_idx"),
        ]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class DigestSent(models.Model):
    """One row per person and day, so that a digest task run twice sends one e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    flag_count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]
