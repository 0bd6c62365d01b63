"""Who recorded an item and whether it was recorded late (§4, §9, §10), for records that are not entries.

Items of the basic record, documents, plan changes and chronology events each carry the date of
what they record (`EVENT_DATE_FIELD`). An item recorded (created) more than two working days after
that date is marked "Late entry" with the time it was recorded; one corrected or updated that late
is marked "Late update" with the time of the update. The author's name and post title are kept as
they were when it was recorded, like an entry's signature.

A mark, once made, is never removed: `save()` refuses it, and a database trigger refuses it too
(casework.recording.triggers).
"""

from django.core.exceptions import ValidationError
from django.db import models


class RecordedItem(models.Model):
    EVENT_DATE_FIELD = "event_date"  # the date of what the item records
    RECORDED_AT_FIELD = "recorded_at"  # when it was recorded

    # §9: name and post title as they were when it was recorded.
    recorded_name = models.CharField(max_length=300, blank=True)
    recorded_post_title = models.CharField(max_length=200, blank=True)
    # §4, §10: "Late entry" / "Late update", with the date and time recorded. Never removed.
    late_entry_recorded_at = models.DateTimeField(null=True, blank=True)
    late_update_recorded_at = models.DateTimeField(null=True, blank=True)
    # §9: who last corrected or updated it (name and post title as they were) and when, shown beside the
    # signature. Empty until the first update. Nullable so that adding them leaves existing rows (and, on
    # SQLite, the tables and their triggers) as they are.
    updated_name = models.CharField("Corrected or updated by", max_length=300, null=True, blank=True)
    updated_post_title = models.CharField("Their post title then", max_length=200, null=True, blank=True)
    updated_at = models.DateTimeField("Corrected or updated at", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def event_day(self):
        return getattr(self, self.EVENT_DATE_FIELD)

    @property
    def recorded_when(self):
        return getattr(self, self.RECORDED_AT_FIELD)

    @property
    def is_late_entry(self) -> bool:
        return self.late_entry_recorded_at is not None

    @property
    def is_late_update(self) -> bool:
        return self.late_update_recorded_at is not None

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk is not None:
            previous = type(self)._base_manager.filter(pk=self.pk).values(
                "late_entry_recorded_at", "late_update_recorded_at").first()
            if previous:
                check_marks_kept(previous, self)
        super().save(*args, **kwargs)


def check_marks_kept(previous: dict, item) -> None:
    before = previous["late_entry_recorded_at"]
    if before is not None and item.late_entry_recorded_at != before:
        raise ValidationError("The Late entry mark can never be removed or changed.")
    before = previous["late_update_recorded_at"]
    if before is not None and (item.late_update_recorded_at is None or item.late_update_recorded_at < before):
        raise ValidationError("The Late update mark can never be removed.")
