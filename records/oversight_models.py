"""Managers' oversight (§4, §13): what record audits find, for practitioners to put right.

Imported by records.models so that Django sees these models as part of the records app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.history import Historical


class AuditDeficiency(models.Model):
    """Something a record audit found wrong, assigned to a practitioner to put right by a date.

    Overdue and not done, it becomes a flag (records.timeliness); the practitioner marks it done
    and the manager confirms it.
    """

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="audit_deficiencies")
    entry = models.ForeignKey(
        "records.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_deficiencies"
    )
    description = models.TextField(help_text="What is wrong and what putting it right looks like")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_deficiencies"
    )
    put_right_by = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = Historical()

    class Meta:
        indexes = [models.Index(fields=["assigned_to"], condition=models.Q(done_at__isnull=True),
                                name="deficiency_open_idx")]
