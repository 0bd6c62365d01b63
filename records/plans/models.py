"""The child's plan (§5.4): recommendations or intended outcomes, key tasks, and the work that serves them.

A plan belongs to one case. Its outcomes change over time (achieved, changed, ended) but are never
deleted: every change is an `OutcomeChange` row shown on the plan page, and simple-history keeps
every field. Review meetings (records.RecordKind.REVIEW entries) add outcomes and confirm, change or
end existing ones; each such change points at the review entry it came from.

`InterventionOutcome` links a visit, contact or decision to the outcomes it served. The link is
fixed once the entry is completed: only an amendment of the entry changes it, and a link is then
removed by marking it (never deleted), so the earlier links stay on record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical
from casework.recording.models import RecordedItem


class Plan(RecordedItem):
    """The plan of one case: what the work with the child and family is trying to achieve (§5.4).

    Its type says whether the child has a child in need plan, a child protection plan or a pathway plan
    (a care leaver). Whether a child is looked after is not asked here: it is read from their legal
    status and placement on the basic record (records.statutory_visits).

    Its purpose carries the date the plan was agreed (`event_date`): recorded more than two working days
    after it, the plan is a "Late entry" (§4, §10), and a change of type is an update (§9: who, when)."""

    RECORDED_AT_FIELD = "created_at"

    class Type(models.TextChoices):
        CHILD_IN_NEED = "child_in_need", "Child in need plan"
        CHILD_PROTECTION = "child_protection", "Child protection plan"
        PATHWAY = "pathway", "Pathway plan (a care leaver)"

    case = models.OneToOneField("casework.Case", on_delete=models.PROTECT, related_name="plan")
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="plans")
    purpose = models.TextField(blank=True, help_text="What the plan as a whole is for")
    plan_type = models.CharField("Type of plan", max_length=20, choices=Type.choices, default=Type.CHILD_IN_NEED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Required with a purpose on new plans (the form and the service); empty on plans started before it was asked.
    event_date = models.DateField("Date the plan was agreed", null=True, blank=True)
    history = Historical(table_name="casework_historicalplan")

    class Meta:
        db_table = "casework_plan"  # made in casework before plans moved to records

    def __str__(self):
        return f"Plan for {self.case}"

    def save(self, *args, **kwargs):
        if self.case.child_id != self.child_id:
            raise ValidationError("The plan's case belongs to another child.")
        super().save(*args, **kwargs)


class PlanOutcome(RecordedItem):
    """A recommendation or intended outcome of the plan (§5.4), dated by when it was agreed (§4, §10)."""

    RECORDED_AT_FIELD = "created_at"

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        OUTCOME = "outcome", "Intended outcome"

    class Status(models.TextChoices):
        CURRENT = "current", "Being worked on"
        ACHIEVED = "achieved", "Achieved"
        ENDED = "ended", "Ended"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OUTCOME)
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CURRENT)
    # The review meeting whose recommendation this is, when it came from one.
    from_review = models.ForeignKey(
        "records.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="plan_outcomes_added"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The date it was agreed (the review meeting's, when it came from one); empty only on older outcomes.
    event_date = models.DateField("Date agreed", null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = Historical(table_name="casework_historicalplanoutcome")

    class Meta:
        db_table = "casework_planoutcome"  # made in casework before plans moved to records
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(name="plan_outcome_has_text", condition=~Q(text="")),
            models.CheckConstraint(
                name="plan_outcome_closed_has_time",
                condition=Q(status="current", closed_at__isnull=True) | (~Q(status="current") & Q(closed_at__isnull=False)),
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.CURRENT


class OutcomeChange(RecordedItem):
    """What happened to an outcome, when, by whom and why: added, confirmed, changed, achieved or ended.
    Dated by when it was decided; recorded more than two working days later, a Late entry (§4, §10)."""

    RECORDED_AT_FIELD = "changed_at"

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CONFIRMED = "confirmed", "Confirmed"
        CHANGED = "changed", "Changed"
        ACHIEVED = "achieved", "Achieved"
        ENDED = "ended", "Ended"

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(max_length=20, choices=Action.choices)
    previous_text = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    review = models.ForeignKey(
        "records.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="plan_outcome_changes"
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    event_date = models.DateField("Date decided", null=True, blank=True)  # empty only on older changes
    history = Historical(table_name="casework_historicaloutcomechange")

    class Meta:
        db_table = "casework_outcomechange"  # made in casework before plans moved to records
        ordering = ["changed_at", "id"]


class KeyTask(RecordedItem):
    """A key task under an outcome: what, who does it (a member of staff or a named person or agency), by when.
    Late entry by the date it was agreed; recording it done more than two working days after, a Late update."""

    RECORDED_AT_FIELD = "created_at"

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="tasks")
    description = models.TextField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="key_tasks"
    )
    assigned_to_other = models.CharField(
        "Named person or agency", max_length=300, blank=True, help_text="When not a member of staff"
    )
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    event_date = models.DateField("Date agreed", null=True, blank=True)  # empty only on older tasks
    history = Historical(table_name="casework_historicalkeytask")

    class Meta:
        db_table = "casework_keytask"  # made in casework before plans moved to records
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(name="key_task_has_description", condition=~Q(description="")),
            models.CheckConstraint(
                name="key_task_has_one_assignee",
                condition=(Q(assigned_to__isnull=False) & Q(assigned_to_other=""))
                | (Q(assigned_to__isnull=True) & ~Q(assigned_to_other="")),
            ),
            models.CheckConstraint(
                name="key_task_done_has_who",
                condition=Q(completed_on__isnull=True) | Q(completed_by__isnull=False),
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def who(self) -> str:
        if self.assigned_to_id:
            user = self.assigned_to
            profile = getattr(user, "staff_profile", None)
            name = user.get_full_name() or user.username
            return f"{name}, {profile.post_title}" if profile else name
        return self.assigned_to_other

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_on < timezone.localdate()


class InterventionOutcome(models.Model):
    """A visit, contact or decision served this outcome (§5.4). Removed only by an amendment, and then marked."""

    entry = models.ForeignKey("records.Entry", on_delete=models.PROTECT, related_name="outcome_links")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="interventions")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    # The amendment (of a completed entry) that added or removed the link, if any.
    added_by_amendment = models.ForeignKey(
        "records.EntryAmendment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_by_amendment = models.ForeignKey(
        "records.EntryAmendment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = Historical(table_name="casework_historicalinterventionoutcome")

    class Meta:
        db_table = "casework_interventionoutcome"  # made in casework before plans moved to records
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "outcome"], condition=Q(removed_at__isnull=True), name="intervention_outcome_once"
            ),
            models.CheckConstraint(
                name="intervention_outcome_removed_has_who",
                condition=Q(removed_at__isnull=True) | Q(removed_by__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["outcome"], condition=Q(removed_at__isnull=True), name="intervention_outcome_idx")]

    @property
    def is_active(self) -> bool:
        return self.removed_at is None

    def save(self, *args, **kwargs):
        # Fixed once the entry is signed: only an amendment (which says why) changes what it served,
        # and the link names that amendment: added_by_amendment on a new link, removed_by_amendment on a removal.
        Entry = self._meta.get_field("entry").related_model
        signed = Entry._base_manager.filter(pk=self.entry_id, status=Entry.Status.COMPLETED).exists()
        if signed and not self._changed_by_an_amendment_of_its_entry():
            raise ValidationError("The outcomes a completed entry served change only by amending the entry.")
        super().save(*args, **kwargs)

    def _changed_by_an_amendment_of_its_entry(self) -> bool:
        if self._state.adding:
            amendment_id = self.added_by_amendment_id
        else:
            previous = type(self)._base_manager.filter(pk=self.pk).values("removed_at", "entry_id", "outcome_id").first()
            if previous != {"removed_at": None, "entry_id": self.entry_id, "outcome_id": self.outcome_id}:
                return False  # a removed link stays as it was; a link never moves to another entry or outcome
            amendment_id = self.removed_by_amendment_id if self.removed_at is not None else None
        EntryAmendment = self._meta.get_field("added_by_amendment").related_model
        return amendment_id is not None and EntryAmendment._base_manager.filter(
            pk=amendment_id, entry_id=self.entry_id).exists()


class OutcomeProgress(models.Model):
    """§5.5: a case summary links progress to each outcome of the plan: what was said about one
    current outcome, stored with the summary entry. Written while the summary is a draft."""

    entry = models.ForeignKey("records.Entry", on_delete=models.PROTECT, related_name="outcome_progress")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="progress_notes")
    progress = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["outcome_id", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "outcome"], name="outcomeprogress_once_per_summary")]

    def __str__(self):
        return f"Progress {self.pk} on outcome {self.outcome_id}"
