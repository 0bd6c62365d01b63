
from django.conf import settings
from django.db import models
from django.utils import timezone

from access.audit.history import Historical
from casework.recording.models import RecordedItem


class ChronologyEvent(RecordedItem):
    """A significant event added to the chronology by hand (§5.3); significant entries join it by themselves.
    Added more than two working days after it happened, it is a Late entry (§4, §10)."""

    EVENT_DATE_FIELD = "happened_on"

    class Category(models.TextChoices):
        FAMILY = "family", "Family and household"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        PLACEMENT = "placement", "Placement and living arrangements"
        LEGAL = "legal", "Legal and court"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        OTHER = "other", "Other"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="chronology_events")
    happened_on = models.DateField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    source = models.CharField(max_length=300, blank=True, help_text="Where the information came from")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="chronology_events"
    )
    history = Historical()

    class Meta:
        indexes = [models.Index(fields=["child", "-happened_on"], name="chronology_child_idx")]
