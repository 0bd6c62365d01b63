"""Managers' oversight (§4, §13): random samples of records, their audits, and the deficiencies
the audits find, for practitioners to put right.

Imported by records.models so that Django sees these models as part of the records app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical

# §13 with §4, §9, §10, §11, §12: what each audited record is checked against, in the policy's words.
CHECKLIST = (
    ("up_to_date", "Up to date and within timescales"),
    ("plain_english", "Written in plain English, without prejudice"),
    ("facts_apart", "Facts kept apart from opinions and judgements"),
    ("sources_distinguished", "First-hand and third-party information distinguished"),
    ("childs_views", "The child's views recorded"),
    ("decisions_recorded", "Decisions recorded with who made them and why"),
    ("signed_and_dated", "Signed and dated"),
)


class AuditSchedule(models.Model):
    """§13: how many records of a team are audited each month. A month whose samples draw fewer
    becomes a flag for the team's manager (records.timeliness.services)."""

    team = models.OneToOneField("access.Team", on_delete=models.PROTECT, related_name="audit_schedule")
    records_per_month = models.PositiveSmallIntegerField(help_text="How many records to audit each month")
    starts_on = models.DateField(help_text="The first month of the schedule (its first day)")
    history = Historical()

    class Meta:
        constraints = [
            models.CheckConstraint(name="auditschedule_some_records", condition=Q(records_per_month__gte=1)),
            models.CheckConstraint(name="auditschedule_starts_on_first",
                                   condition=Q(starts_on__day=1)),
        ]

    def __str__(self):
        return f"Audit schedule of {self.team}: {self.records_per_month} a month"

    def clean(self):
        if self.starts_on and self.starts_on.day != 1:
            raise ValidationError({"starts_on": "A schedule starts on the first day of a month."})


class AuditDelegation(models.Model):
    """§13: a manager delegates the audit of their team's records to a named senior practitioner for a
    period. The delegate draws samples and audits for that team from `starts_on` to `ends_on` only; the
    delegation can be ended early, and is kept."""

    team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="audit_delegations")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_delegations")
    starts_on = models.DateField()
    ends_on = models.DateField()
    delegated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegated_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    history = Historical()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(name="auditdelegation_period_in_order", condition=Q(ends_on__gte=models.F("starts_on"))),
            models.CheckConstraint(name="auditdelegation_ended_has_who",
                                   condition=Q(ended_at__isnull=True) | Q(ended_by__isnull=False)),
        ]

    def __str__(self):
        return f"Audits of {self.team} delegated, {self.starts_on:%d %B %Y} to {self.ends_on:%d %B %Y}"


class AuditSample(models.Model):
    """A random draw of records to audit: a number per practitioner, over a period (§4, §13).

    The seed and the population as it was (each practitioner's children, in ascending order) are
    kept, so that the draw can be shown to be random and repeated: the same seed over the same
    population always chooses the same records (records.oversight.audits.choose).
    """

    team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="audit_samples")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(default=timezone.now)
    period_start = models.DateField()
    period_end = models.DateField()
    per_practitioner = models.PositiveSmallIntegerField()
    seed = models.BigIntegerField()
    population = models.JSONField(
        default=dict, help_text="Practitioner id -> the ids of the children whose records could be drawn, ascending"
    )
    history = Historical()

    class Meta:
        ordering = ["-drawn_at", "-id"]
        constraints = [
            models.CheckConstraint(name="auditsample_period_in_order", condition=Q(period_end__gte=models.F("period_start"))),
            models.CheckConstraint(name="auditsample_draws_some", condition=Q(per_practitioner__gte=1)),
        ]

    def __str__(self):
        return f"Sample of {self.team} records, {self.period_start:%d %B %Y} to {self.period_end:%d %B %Y}"


class RecordAudit(models.Model):
    """One sampled child's record, audited against the policy checklist (§13) and graded."""

    class Grade(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"

    class Result(models.TextChoices):
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    sample = models.ForeignKey(AuditSample, on_delete=models.PROTECT, related_name="audits")
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="record_audits")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        help_text="Whose records the child was drawn for",
    )
    position = models.PositiveSmallIntegerField(help_text="The order of the draw")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    checklist = models.JSONField(default=dict, blank=True,
                                 help_text="Checklist item -> {result: met/not_met/not_applicable, comment}")
    summary = models.TextField("Overall comments", blank=True)
    history = Historical()

    class Meta:
        ordering = ["sample", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "child"], name="recordaudit_child_once_per_sample"),
            models.CheckConstraint(
                name="recordaudit_completed_has_grade",
                condition=Q(completed_at__isnull=True) | (Q(auditor__isnull=False) & ~Q(grade="")),
            ),
        ]
        indexes = [models.Index(fields=["completed_at"], condition=Q(completed_at__isnull=False),
                                name="recordaudit_completed_idx")]

    def __str__(self):
        return f"Audit of a record drawn for {self.practitioner}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class AuditDeficiency(models.Model):
    """Something a record audit found wrong, assigned to a practitioner to put right by a date.

    Overdue and not done, it becomes a flag (records.timeliness.services); the practitioner marks it done
    and the manager confirms it, or sends it back (done_at is cleared, the flag can open again).
    """

    audit = models.ForeignKey(RecordAudit, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="deficiencies")
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
    sent_back_at = models.DateTimeField(null=True, blank=True)
    sent_back_note = models.TextField(blank=True)
    history = Historical()

    class Meta:
        verbose_name_plural = "audit deficiencies"
        indexes = [models.Index(fields=["assigned_to"], condition=models.Q(done_at__isnull=True),
                                name="deficiency_open_idx")]
        constraints = [
            models.CheckConstraint(name="deficiency_confirmed_after_done",
                                   condition=Q(confirmed_at__isnull=True) | Q(done_at__isnull=False,
                                                                              confirmed_by__isnull=False)),
        ]

    def __str__(self):
        return f"Audit deficiency for {self.assigned_to}, to put right by {self.put_right_by:%d %B %Y}"

    @property
    def status(self) -> str:
        if self.confirmed_at:
            return "Confirmed"
        if self.done_at:
            return "Done, waiting for the manager"
        if self.sent_back_at:
            return "Sent back"
        return "To do"
