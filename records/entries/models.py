from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical
from records.designs.models import VISIT_AND_CONTACT_KINDS, FormDesign, RecordKind


class SameDayReason(models.TextChoices):
    """§4: information recorded the same day, not within two working days, and why."""

    SAFEGUARDING = "safeguarding", "Safeguarding concern"
    EMERGENCY_DUTY = "emergency_duty", "Information the Emergency Duty Team needs"


class Entry(models.Model):
    """Something written on a child's record, on the approved design of its kind, which it keeps for ever.

    The fixed columns are what the rules depend on: when, who was seen and whether the child was
    seen alone (§5.2), who decided (§4), where the information came from (§12), who signed and when
    (§9) and whether it was late (§10). The narrative answers follow the entry's own form design.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        BASIC = "basic", "Basic details recorded"
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    class VisitOutcome(models.TextChoices):
        TOOK_PLACE = "took_place", "Visit took place"
        FAILED_APPOINTMENT = "failed_appointment", "Failed appointment"
        NO_RESPONSE = "no_response", "No response at the door"

    class InformationSource(models.TextChoices):
        FIRST_HAND = "first_hand", "First-hand: I saw or heard it myself"
        THIRD_PARTY = "third_party", "From someone else (a third party)"

    class Presence(models.TextChoices):
        """§5.2, §6: whether an interpreter was used, or the child's advocate or signer was present."""

        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_NEEDED = "not_needed", "Not needed"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="entries")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=30, choices=RecordKind.choices)
    form_design = models.ForeignKey(FormDesign, on_delete=models.PROTECT, related_name="entries")
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    event_at = models.DateTimeField(help_text="When the visit, contact or event happened")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A planned visit (§5.2)
    planned_purpose = models.TextField(blank=True)
    # Basic details of a visit (§5.2), due within two working days
    visit_outcome = models.CharField(max_length=30, choices=VisitOutcome.choices, blank=True)
    who_was_seen = models.TextField(blank=True)
    child_seen = models.BooleanField(null=True)
    reason_child_not_seen = models.TextField(blank=True)
    child_seen_alone = models.BooleanField(null=True)
    venue = models.CharField(max_length=300, blank=True)
    others_present = models.TextField(blank=True, help_text="Anyone else present, or who was spoken to")
    interpreter_used = models.CharField(max_length=20, choices=Presence.choices, blank=True)  # §5.2
    # §5.2: "has anyone joined or left the household?" on a visit (null for other entries); yes prompts
    # the practitioner to update the household on the basic record.
    household_changed = models.BooleanField(null=True)
    basic_details_recorded_at = models.DateTimeField(null=True, blank=True)
    failed_visit_actions = models.TextField(blank=True)
    # Decisions (§4): who made it and their role
    decision_maker_name = models.CharField(max_length=200, blank=True)
    decision_maker_role = models.CharField(max_length=200, blank=True)
    # Authorship (§4, §12)
    information_source = models.CharField(
        max_length=20, choices=InformationSource.choices, default=InformationSource.FIRST_HAND
    )
    third_party_source = models.CharField(max_length=300, blank=True)
    # §12 (W4): first-hand or third-party, per section (answer) of the entry, with who supplied each
    # third-party section: {question key: {"source": "first_hand" | "third_party", "supplied_by": str}}.
    # Checked by records.entries.services.clean_section_sources; a section not in it is first-hand.
    section_sources = models.JSONField(default=dict, blank=True)
    originator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Who supplied the information, when it was not the person recording",
    )
    endorsement_requested_at = models.DateTimeField(null=True, blank=True)
    endorsed_at = models.DateTimeField(null=True, blank=True)
    # §4, §9: who carried out the visit (null: the person recording); an originator who is not staff,
    # named with their agency (or relationship to the child). Staff originators are `originator`.
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The member of staff who carried out the visit, when not the person recording",
    )
    originator_name = models.CharField(max_length=200, blank=True)
    originator_agency = models.CharField(max_length=200, blank=True)
    # §6: whether the child's advocate or signer was present (visits and meetings)
    advocate_present = models.CharField(max_length=20, choices=Presence.choices, blank=True)
    # Signature (§9): name and post title as they were when signed
    signed_name = models.CharField(max_length=300, blank=True)
    signed_post_title = models.CharField(max_length=200, blank=True)
    # Timeliness (§4, §10). The Late entry mark, once made, is never removed.
    due_at = models.DateTimeField(null=True, blank=True)
    is_late_entry = models.BooleanField(default=False)
    late_entry_recorded_at = models.DateTimeField(null=True, blank=True)
    significant = models.BooleanField(default=False, help_text="A significant event for the chronology")
    # §7: in the child's 'Restricted from user' section while the restriction is active.
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    # §4: to be recorded the same day (due at the end of the event's day, London time), and why.
    same_day_reason = models.CharField(max_length=20, choices=SameDayReason.choices, blank=True)
    history = Historical()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-event_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="entry_completed_has_who_and_when",
                condition=~Q(status="completed") | Q(completed_at__isnull=False, completed_by__isnull=False),
            ),
            models.CheckConstraint(
                name="entry_late_mark_has_time", condition=Q(is_late_entry=False) | Q(late_entry_recorded_at__isnull=False)
            ),
            models.CheckConstraint(
                name="entry_child_not_seen_has_reason",
                condition=~Q(child_seen=False) | ~Q(reason_child_not_seen=""),
            ),
            # §4: one originator, a member of staff or a named person with their agency
            models.CheckConstraint(
                name="entry_one_originator", condition=Q(originator__isnull=True) | Q(originator_name=""),
            ),
            models.CheckConstraint(
                name="entry_originator_name_has_agency",
                condition=Q(originator_name="", originator_agency="") | (~Q(originator_name="") & ~Q(originator_agency="")),
            ),
        ]
        indexes = [
            models.Index(fields=["child", "-event_at", "-id"], name="entry_child_timeline_idx"),
            # The chronology's entries (significant and completed), newest first: a long record's few without the rest.
            models.Index(fields=["child", "-event_at", "-id"], condition=Q(significant=True, status="completed"),
                         name="entry_chronology_idx"),
            # The team dashboard (§13): each author's completed entries by time, read from the index alone.
            models.Index(fields=["recorded_by", "completed_at"], include=["event_at", "is_late_entry"],
                         condition=Q(status="completed"), name="entry_author_completed_idx"),
            models.Index(fields=["originator"], condition=Q(endorsement_requested_at__isnull=False,
                                                            endorsed_at__isnull=True), name="entry_awaiting_endorse_idx"),
            models.Index(fields=["case", "-event_at"], condition=Q(kind="case_summary", status="completed"),
                         name="entry_case_summary_idx"),
            # My work (issue 16): an author's entries not yet completed (drafts to finish, write-ups due), most
            # urgent first, without reading every entry of every child the author may see.
            models.Index(fields=["recorded_by", "due_at", "id"], condition=~Q(status="completed"),
                         name="entry_author_open_idx"),
            # Its drafts of decisions, assessments and summaries alone: a worker's write-ups due outnumber them (the
            # bench's worker: 6,814 to 66), and read through the index above, every one was read to find them.
            models.Index(fields=["recorded_by", "due_at", "id"],
                         condition=Q(status="draft") & ~Q(kind__in=VISIT_AND_CONTACT_KINDS),
                         name="entry_author_draft_idx"),
            # Statutory visits (issue 16): the last visit of each case in which the child was seen (alone), one probe
            # per case when every open case's clock is worked out again (records.statutory_visits).
            models.Index(fields=["case", "-event_at"], condition=Q(kind="visit", status="completed",
                                                                   visit_outcome="took_place", child_seen=True),
                         name="entry_case_seen_visit_idx"),
            models.Index(fields=["case", "-event_at"], condition=Q(kind="visit", status="completed",
                                                                   visit_outcome="took_place", child_seen_alone=True),
                         name="entry_case_seen_alone_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.event_at:%d %B %Y}"

    # Each list row shows what kind of record an entry is: Django's get_FOO_display flattens the field's choices again
    # on every call (thirty kinds); the labels are read once.
    def get_kind_display(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)

    def get_status_display(self) -> str:
        return _STATUS_LABELS.get(self.status, self.status)

    def get_visit_outcome_display(self) -> str:
        return _VISIT_OUTCOME_LABELS.get(self.visit_outcome, self.visit_outcome)

    def save(self, *args, **kwargs):
        if self._state.adding:
            on_approved_design = FormDesign._base_manager.filter(
                pk=self.form_design_id, kind=self.kind, status=FormDesign.Status.APPROVED
            ).exists()
            if not on_approved_design:
                raise ValidationError(
                    f"A {self.get_kind_display().lower()} can only be recorded on the approved design of its kind."
                )
            if self.case.child_id != self.child_id:
                raise ValidationError("The entry's case belongs to another child.")
        else:
            previous = type(self)._base_manager.filter(pk=self.pk).first()
            if previous and (previous.form_design_id != self.form_design_id or previous.kind != self.kind):
                raise ValidationError("An entry keeps the form design it was written on.")
            if previous and previous.is_late_entry and not (
                self.is_late_entry and self.late_entry_recorded_at == previous.late_entry_recorded_at
            ):
                raise ValidationError("The Late entry mark can never be removed or changed.")
            # Signed is final here: an amendment, an endorsement or a restriction is written by its
            # service (records.entries.services.write_to_completed_entry), never through save().
            if previous and previous.status == self.Status.COMPLETED:
                changed = [
                    f.attname for f in self._meta.concrete_fields if getattr(self, f.attname) != getattr(previous, f.attname)
                ]
                if changed:
                    raise ValidationError("A completed entry cannot be edited. Amend it, giving a reason.")
        super().save(*args, **kwargs)

    @property
    def carried_out_by_id_or_recorder(self):
        """§4: who carried out the visit: the person recording unless someone else was chosen."""
        return self.carried_out_by_id or self.recorded_by_id

    @property
    def originator_label(self) -> str:
        """§4: who supplied the information, as shown on the record: staff name and post, or name and agency."""
        if self.originator_id:
            profile = getattr(self.originator, "staff_profile", None)
            name = self.originator.get_full_name() or self.originator.username
            return f"{name}, {profile.post_title}" if profile and profile.post_title else name
        if self.originator_name:
            return f"{self.originator_name}, {self.originator_agency}"
        return ""

    @property
    def due_date(self):
        """The last day on which the entry is on time (the day before `due_at`, London time)."""
        if self.due_at is None:
            return None
        return (timezone.localtime(self.due_at) - timedelta(days=1)).date()


_KIND_LABELS = dict(RecordKind.choices)
_STATUS_LABELS = dict(Entry.Status.choices)
_VISIT_OUTCOME_LABELS = dict(Entry.VisitOutcome.choices)


class EntryAmendment(models.Model):
    """An amendment to a completed entry: who, when, why, and the answers as they were before (§12)."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="amendments")
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amended_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    previous_answers = models.JSONField()
    # §4: "records ... updated late": made after the entry's due time. The row is append-only, so the
    # mark, with amended_at as its date and time, is never removed.
    is_late_update = models.BooleanField(default=False)
    # §12: where each section's information came from before the amendment (Entry.section_sources).
    previous_section_sources = models.JSONField(default=dict, blank=True)
    # §9: who amended it, name and post title as they were (empty on amendments made before they were kept).
    amended_name = models.CharField(max_length=300, null=True, blank=True)
    amended_post_title = models.CharField(max_length=200, null=True, blank=True)
    history = Historical()

    class Meta:
        ordering = ["amended_at", "id"]
        constraints = [models.CheckConstraint(name="amendment_has_reason", condition=~Q(reason=""))]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("An amendment is never changed, and its Late update mark is never removed.")
        super().save(*args, **kwargs)

    @property
    def amended_by_label(self) -> str:
        """§9: "Name, post title" of who amended it, as they were; for older amendments, as they are now."""
        if self.amended_name:
            return f"{self.amended_name}, {self.amended_post_title}" if self.amended_post_title else self.amended_name
        profile = getattr(self.amended_by, "staff_profile", None)
        name = self.amended_by.get_full_name() or self.amended_by.username
        return f"{name}, {profile.post_title}" if profile and profile.post_title else name

    @property
    def shows_late_update(self) -> bool:
        """§4, §10: whether the record shows this amendment as a "Late update".

        Computed on read, not by a data migration: amendments made before the mark was stored
        (records 0020) carry is_late_update=False, and the table is append-only (a trigger refuses any
        UPDATE), so rewriting them would mean lifting that protection. The rule is the one the service
        stores (records.entries.timescales.is_late_update: made at or after the entry's due time), and a
        completed entry's due time never moves, so stored and computed agree; a stored mark always shows.
        Needs the entry loaded (the pages select or prefetch it with the amendments)."""
        if self.is_late_update:
            return True
        due_at = self.entry.due_at
        return due_at is not None and self.amended_at >= due_at


class DraftAutosave(models.Model):
    """What is being typed into an entry, saved every 30 seconds so that nothing typed is lost.

    A scratch copy, replaced every half minute and emptied when the draft is saved, so it has no
    history table (the entry's own history holds every saved version). `version` lets two tabs
    editing the same draft find out about each other instead of overwriting silently.
    """

    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="autosave")
    data = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(null=True, blank=True)


class ClosedCaseRecordingPermission(models.Model):
    """A team manager's permission to keep writing on a closed case, until a date."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="recording_permissions")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    until = models.DateField()
    history = Historical()


class EntryDateChange(models.Model):
    """A visit's date changed after it was planned, with the reason: its due time moved with it (§4, §10).

    Append-only (access.audit.protected): each change is kept and shown on the entry page.
    """

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="date_changes")
    previous_event_at = models.DateTimeField()
    new_event_at = models.DateTimeField()
    previous_due_at = models.DateTimeField(null=True, blank=True)
    new_due_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [models.CheckConstraint(name="date_change_has_reason", condition=~Q(reason=""))]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("A change of date is kept as it was made.")
        super().save(*args, **kwargs)
