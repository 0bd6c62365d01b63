"""Alerts on a child's record banner: what every worker must know before they act (a worker-safety warning ...).

An alert is recorded by a practitioner with who added it and when; ending it keeps it (with who ended it, when
and why) in the alert history. Alerts are never deleted and never restricted: they hold no restricted content (§7).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical


class Alert(models.Model):
    class Kind(models.TextChoices):
        WORKER_SAFETY = "worker_safety", "Worker safety warning"
        HEALTH = "health", "Health or medical alert"
        MISSING = "missing", "Risk of going missing"
        OTHER = "other", "Other alert"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField("Kind of alert", max_length=20, choices=Kind.choices)
    wording = models.CharField("What the alert says", max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    history = Historical()

    class Meta:
        ordering = ["-added_at", "-id"]
        indexes = [models.Index(fields=["child"], condition=Q(ended_at__isnull=True), name="alert_current_idx")]
        constraints = [
            models.CheckConstraint(name="alert_has_wording", condition=~Q(wording="")),
            models.CheckConstraint(
                name="alert_ended_has_who_and_why",
                condition=Q(ended_at__isnull=True, ended_by__isnull=True)
                | (Q(ended_at__isnull=False, ended_by__isnull=False) & ~Q(end_reason="")),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.wording}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
