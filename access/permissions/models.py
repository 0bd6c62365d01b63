from django.conf import settings
from django.db import models
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from access.audit.history import Historical


class GrantSource(models.TextChoices):
    ALLOCATION = "allocation", "Allocation"
    EXPLICIT = "explicit", "Granted explicitly"
    REFERRAL = "referral", "Recorded the referral"


class ChildUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct foreign-key table for per-child user permissions (no generic text keys).

    `source` tells an allocation grant, withdrawn on reallocation, from an explicit one, kept.
    """

    content_object = models.ForeignKey("casework.Child", on_delete=models.CASCADE)
    source = models.CharField(max_length=20, choices=GrantSource.choices, default=GrantSource.EXPLICIT)
    reason = models.TextField(blank=True)
    granted_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "per-child permission of a user"
        indexes = [models.Index(fields=["user", "permission"], name="child_uperm_user_idx")]


class ChildGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's direct foreign-key table for per-child team (group) permissions."""

    content_object = models.ForeignKey("casework.Child", on_delete=models.CASCADE)
    source = models.CharField(max_length=20, choices=GrantSource.choices, default=GrantSource.EXPLICIT)
    reason = models.TextField(blank=True)
    granted_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "per-child permission of a team"
        indexes = [models.Index(fields=["group", "permission"], name="child_gperm_group_idx")]


class EmergencyAccess(models.Model):
    """Emergency duty staff may open a child's record for 24 hours, stating why (never restricted content)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses")
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="emergency_accesses")
    reason = models.TextField()
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="emergency_user_expiry_idx")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Emergency access records are append-only.")
        super().save(*args, **kwargs)
