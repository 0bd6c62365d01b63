"""Lost or mislaid files, documents and equipment (§15.1, §16): reported at once, the manager told,
recovery efforts recorded, and whether the child or family was told, or why not.

Imported by access.models so that Django sees these models as part of the access app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical


class LossReport(models.Model):
    class Kind(models.TextChoices):
        PAPER_FILE = "paper_file", "Paper file"
        DOCUMENT = "document", "Document or papers"
        LAPTOP = "laptop", "Laptop"
        PHONE = "phone", "Phone"
        OTHER = "other", "Other"

    class FamilyTold(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"

    class Outcome(models.TextChoices):
        RECOVERED = "recovered", "Recovered"
        NOT_RECOVERED = "not_recovered", "Not recovered"

    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loss_reports")
    reported_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what = models.CharField(max_length=300, help_text="What was lost")
    lost_on = models.DateField()
    lost_where = models.CharField(max_length=300)
    circumstances = models.TextField()
    family_told = models.CharField(max_length=3, choices=FamilyTold.choices, blank=True)
    family_told_on = models.DateField(null=True, blank=True)
    family_not_told_reason = models.TextField(blank=True)
    family_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_notes = models.TextField(blank=True)
    history = Historical()

    class Meta:
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.CheckConstraint(name="loss_family_told_has_date",
                                   condition=~Q(family_told="yes") | Q(family_told_on__isnull=False)),
            models.CheckConstraint(name="loss_family_not_told_has_reason",
                                   condition=~Q(family_told="no") | ~Q(family_not_told_reason="")),
            models.CheckConstraint(name="loss_closed_has_outcome",
                                   condition=Q(closed_at__isnull=True) | ~Q(outcome="")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} lost on {self.lost_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class LossAffectedChild(models.Model):
    """A child whose information was in what was lost (only children the reporter may see)."""

    loss = models.ForeignKey(LossReport, on_delete=models.PROTECT, related_name="affected")
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    history = Historical()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["loss", "child"], name="loss_child_once")]


class LossNotification(models.Model):
    """Append-only: who was told of the loss, and when (§15.1: reported immediately to the manager)."""

    loss = models.ForeignKey(LossReport, on_delete=models.PROTECT, related_name="notifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notified_at = models.DateTimeField(default=timezone.now)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Loss notifications are append-only.")
        super().save(*args, **kwargs)


class LossRecoveryAction(models.Model):
    """Append-only: one effort made to recover what was lost (§15.1, §16: every reasonable effort)."""

    loss = models.ForeignKey(LossReport, on_delete=models.PROTECT, related_name="actions")
    taken_on = models.DateField()
    action = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["taken_on", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Recovery actions are append-only.")
        super().save(*args, **kwargs)
