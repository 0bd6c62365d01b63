"""Paper records (§1, §14, §15): paper file volumes, where they are kept, and their removal from there.

Imported by records.models so that Django sees these models as part of the records app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical


class PaperFileVolume(models.Model):
    """§1: where paper files exist, each volume, the dates it covers and where it is usually kept (§14)."""

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="paper_volumes")
    number = models.PositiveIntegerField()
    covers_from = models.DateField()
    covers_to = models.DateField(null=True, blank=True, help_text="Empty while the volume is still in use")
    usual_location = models.CharField(max_length=300, help_text="Where the volume is normally kept")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["child", "number"], name="paper_volume_number_unique"),
            models.CheckConstraint(name="paper_volume_dates_in_order",
                                   condition=Q(covers_to__isnull=True) | Q(covers_to__gte=models.F("covers_from"))),
        ]

    def __str__(self):
        return f"Volume {self.number}"


class PaperFileMove(models.Model):
    """§15.2: a volume moved to a new usual location, with the date of transfer, from where and to where.

    The sender records the date it was sent and the team at the receiving end; someone of that team
    (never the sender) confirms it arrived (a PaperFileArrival). Unconfirmed by the end of
    `arrival_due_on` (five working days), it becomes a flag for the sender (records.timeliness).
    Moves recorded before confirmation existed have no receiving team and await nothing.
    """

    volume = models.ForeignKey(PaperFileVolume, on_delete=models.PROTECT, related_name="moves")
    moved_on = models.DateField(help_text="The date the volume was sent")
    from_location = models.CharField(max_length=300)
    to_location = models.CharField(max_length=300)
    reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # §15.2: the sender checks that records arrived.
    to_team = models.ForeignKey("access.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                help_text="The team at the receiving end, who confirm the arrival")
    arrival_due_on = models.DateField(null=True, blank=True,
                                      help_text="The last day to confirm the arrival before it is flagged")
    history = Historical()

    class Meta:
        ordering = ["-moved_on", "-id"]
        indexes = [models.Index(fields=["arrival_due_on"], name="paper_move_to_confirm_idx",
                                condition=Q(to_team__isnull=False))]

    def _arrival(self):
        try:
            return self.arrival
        except PaperFileArrival.DoesNotExist:
            return None

    @property
    def is_awaiting_arrival(self) -> bool:
        return self.to_team_id is not None and self._arrival() is None

    @property
    def is_arrival_overdue(self) -> bool:
        return self.is_awaiting_arrival and self.arrival_due_on < timezone.localdate()


class PaperFileArrival(models.Model):
    """§15.2: someone at the receiving end (never the sender) confirmed the moved volume arrived. Append-only:
    the move itself is never changed, so its confirmation is a row of its own."""

    move = models.OneToOneField(PaperFileMove, on_delete=models.PROTECT, related_name="arrival")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)


class PaperFileRemoval(models.Model):
    """§15: a paper file taken from its usual place, with a manager's approval and an agreed return date.

    Only an approved removal is "out". Approved and not returned by the end of the return date, it
    becomes a flag (records.timeliness.services).
    """

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="paper_file_removals")
    volumes = models.ManyToManyField(PaperFileVolume, related_name="removals")
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
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refused_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = Historical()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["return_by"], condition=models.Q(returned_at__isnull=True),
                                name="paper_file_out_idx")]
        constraints = [
            models.CheckConstraint(name="paper_removal_not_approved_and_refused",
                                   condition=Q(approved_at__isnull=True) | Q(refused_at__isnull=True)),
            models.CheckConstraint(name="paper_removal_refused_with_reason",
                                   condition=Q(refused_at__isnull=True) | ~Q(refusal_reason="")),
            models.CheckConstraint(name="paper_removal_returned_only_if_approved",
                                   condition=Q(returned_at__isnull=True) | Q(approved_at__isnull=False)),
        ]

    @property
    def status(self) -> str:
        if self.refused_at:
            return "refused"
        if self.returned_at:
            return "returned"
        if self.approved_at:
            return "out"
        return "requested"

    @property
    def is_overdue(self) -> bool:
        return self.status == "out" and self.return_by < timezone.localdate()
