"""Paper records (§1, §15): paper file volumes and their removal from the usual place.

Imported by records.models so that Django sees these models as part of the records app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.history import Historical


class PaperFileRemoval(models.Model):
    """§15: a paper file taken from its usual place, with a manager's approval and an agreed return date.

    Approved and not returned by the end of the return date, it becomes a flag (records.timeliness).
    """

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="paper_file_removals")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="paper_file_removals"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    destination = models.CharField(max_length=300, help_text="Where the file is going")
    reason = models.TextField(help_text="Why it needs to leave its usual place")
    security_measures = models.TextField(help_text="How it will be kept secure while away")
    return_by = models.DateField(help_text="The agreed return date")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = Historical()

    class Meta:
        indexes = [models.Index(fields=["return_by"], condition=models.Q(returned_at__isnull=True),
                                name="paper_file_out_idx")]
