"""The form register (§2: "Senior Leadership Team must approve the design of all records and forms").

The narrative questions of records are designs (records.designs); the other forms users fill in
(referral, basic record, plans, consent, disclosure, subject access, paper files, transfers,
losses, audits, ...) are fixed in the code. Each is a `FixedForm`, and each field list it has had is
a `FixedFormVersion`, recorded when a release changes it (records.form_register.services). A
senior leader approves a version; it never changes after it is recorded, apart from that approval,
which is given once and never taken back. Rows are never deleted (access.audit.protected).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from access.audit.history import Historical, history_user
from access.staff import roles


class FixedForm(models.Model):
    """A form fixed in the code, named in words, as listed in records.form_register.registry."""

    key = models.SlugField(max_length=80, unique=True, editable=False)
    name = models.CharField(max_length=200, editable=False)
    history = Historical()

    class Meta:
        ordering = ["name"]
        verbose_name = "form in the register"
        verbose_name_plural = "form register"

    def __str__(self):
        return self.name


class FixedFormVersion(models.Model):
    """One field list of a fixed form: labels, help text, required or not, in order."""

    form = models.ForeignKey(FixedForm, on_delete=models.PROTECT, related_name="versions", editable=False)
    version = models.PositiveIntegerField(editable=False)
    # [{"name", "label", "help_text", "required"}], in the order the form shows them.
    fields = models.JSONField(editable=False)
    # Identifies the field list, to notice a change; never shown to users.
    fingerprint = models.CharField(max_length=64, editable=False)
    # What changed, in words, since the version `compared_with` (the last approved one, else the one before).
    changes = models.JSONField(default=list, editable=False)
    compared_with = models.PositiveIntegerField(null=True, blank=True, editable=False)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = Historical()

    class Meta:
        ordering = ["form", "-version"]
        verbose_name = "version of a form in the register"
        constraints = [
            models.UniqueConstraint(fields=["form", "version"], name="fixedformversion_unique_version"),
            models.CheckConstraint(name="fixedformversion_version_positive", condition=Q(version__gte=1)),
            models.CheckConstraint(
                name="fixedformversion_approval_names_who_and_when",
                condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                | Q(approved_by__isnull=False, approved_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.form.name}, version {self.version}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def save(self, *args, **kwargs):
        previous = None if self._state.adding else type(self)._base_manager.filter(pk=self.pk).first()
        self._check_change(previous)
        super().save(*args, **kwargs)

    def _check_change(self, previous):
        if previous is None:
            if self.approved_by_id is not None or self.approved_at is not None:
                raise PermissionDenied("A new version of a form awaits approval: only a senior leader approves it.")
            return
        changed = [f.attname for f in self._meta.concrete_fields
                   if getattr(self, f.attname) != getattr(previous, f.attname)]
        if previous.is_approved or any(name not in ("approved_by_id", "approved_at") for name in changed):
            raise ValidationError("A version of a form in the register never changes once recorded, and an approval "
                                  "is never taken back. A change to the form is recorded as a new version.")
        if changed:
            # §2: only senior leadership approves, and only for themselves (as for form designs).
            acting = history_user(request=getattr(HistoricalRecords.context, "request", None))
            if (self.approved_by_id is None or not roles.is_senior_leader(self.approved_by_id)
                    or getattr(acting, "pk", None) != self.approved_by_id):
                raise PermissionDenied("Only members of Senior leadership can approve a form.")
