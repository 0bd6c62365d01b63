from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone



class AccessLog(models.Model):
    """Append-only: every view of a child's record, and every refused attempt (who, when, which page).

    Rows are never changed, so there is no history table; a database trigger rejects UPDATE and DELETE.
    """

    class Outcome(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        DENIED = "denied", "Refused"

    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("casework.Child", null=True, on_delete=models.PROTECT, related_name="+")
    requested_ref = models.CharField(max_length=64, blank=True, help_text="The child reference in the address")
    page = models.CharField(max_length=100)
    path = models.CharField(max_length=500)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        indexes = [
            models.Index(fields=["child", "at"], name="accesslog_child_at_idx"),
            models.Index(fields=["user", "at"], name="accesslog_user_at_idx"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)


class AuditEvent(models.Model):
    """Append-only events that matter for accountability: allocations, grants and withdrawals of access.

    Written by the service that causes the event, in the same transaction.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=60)
    child = models.ForeignKey("casework.Child", null=True, on_delete=models.PROTECT, related_name="+")
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_group = models.ForeignKey(Group, null=True, on_delete=models.PROTECT, related_name="+")
    detail = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "at"], name="auditevent_child_at_idx")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The audit trail is append-only.")
        super().save(*args, **kwargs)
