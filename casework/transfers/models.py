"""Case transfers to another team (§15.2): the sending manager's pre-transfer audit, the transfer
date, and the receiving team's confirmation that the record arrived.

Imported by casework.models so that Django sees these models as part of the casework app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical

# The checklist of the pre-transfer audit, in the order the manager works through it.
AUDIT_CHECKS = [
    ("record_up_to_date", "The record is up to date: visits, contacts and decisions are written up and completed"),
    ("summary_written", "A case summary or transfer summary has been written and completed"),
    ("chronology_up_to_date", "The chronology is up to date"),
    ("restrictions_reviewed", "Restricted information has been reviewed"),
    ("paper_files_located", "Every paper file volume has been located"),
]


class PreTransferAudit(models.Model):
    """§15.2: before a case moves to another team, a manager checks the record has everything it should."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="pre_transfer_audits")
    audited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    audited_at = models.DateTimeField(default=timezone.now)
    record_up_to_date = models.BooleanField(default=False)
    summary_written = models.BooleanField(default=False)
    chronology_up_to_date = models.BooleanField(default=False)
    restrictions_reviewed = models.BooleanField(default=False)
    paper_files_located = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    history = Historical()

    class Meta:
        ordering = ["-audited_at", "-id"]


class CaseTransfer(models.Model):
    """§15.2: a case sent to another team on a date; awaiting confirmation until the receiving manager confirms."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="transfers")
    audit = models.OneToOneField(PreTransferAudit, on_delete=models.PROTECT, related_name="transfer")
    from_team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="+")
    to_team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="+")
    transfer_date = models.DateField()
    reason = models.TextField()
    transferred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_notes = models.TextField(blank=True)
    paper_files_location = models.CharField(max_length=300, blank=True,
                                            help_text="Where the receiving team keeps the paper files")
    paper_files_moved_on = models.DateField(null=True, blank=True)
    history = Historical()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(confirmed_at__isnull=True),
                                    name="one_transfer_awaiting_confirmation_per_case"),
            models.CheckConstraint(name="transfer_to_another_team", condition=~Q(from_team=models.F("to_team"))),
        ]

    @property
    def is_awaiting_confirmation(self) -> bool:
        return self.confirmed_at is None
