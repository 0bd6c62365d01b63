"""Retention (issue 18): the rules, each child's date, the data protection officer's decisions, and the tombstone
an erased record leaves.

Imported by records.models so that Django sees these models as part of the records app.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from access.audit.history import Historical
from records.retention import defaults

_YEARS = [MinValueValidator(1), MaxValueValidator(150)]


class RetentionRule(models.Model):
    """How long one kind of record is kept, citing the regulation it comes from. Kept by administrators in the
    admin, with history; never deleted (a database trigger refuses it)."""

    class Code(models.TextChoices):
        ADOPTION = defaults.ADOPTION, "Adoption record"
        LOOKED_AFTER = defaults.LOOKED_AFTER, "Ever looked after"
        OTHER = defaults.OTHER, "Every other record"

    code = models.CharField("Kind of record", max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(max_length=100)
    regulation = models.TextField("The regulation or schedule it comes from")
    years_from_birth = models.PositiveSmallIntegerField(
        "Years from the child's birth", null=True, blank=True, validators=_YEARS,
        help_text="Kept to this birthday (25 means to the 25th birthday)")
    years_after_closure = models.PositiveSmallIntegerField(
        "Years after the last case closed", null=True, blank=True, validators=_YEARS,
        help_text="Kept this long after the last case closed, where that is later than the birthday")
    years_from_adoption_order = models.PositiveSmallIntegerField(
        "Years from the adoption order", null=True, blank=True, validators=_YEARS)
    years_after_death_under_18 = models.PositiveSmallIntegerField(
        "Years after death, for a child who died before 18", null=True, blank=True, validators=_YEARS,
        help_text="Used instead of the birthday for a child who died before their 18th birthday")
    history = Historical()

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(
            name="retention_rule_has_a_period",
            condition=Q(years_from_birth__isnull=False) | Q(years_after_closure__isnull=False)
            | Q(years_from_adoption_order__isnull=False))]

    def __str__(self):
        return self.name


class ChildRetention(models.Model):
    """A child's retention date, worked out by rule when their last case closes and cleared by a new case
    (records.retention.services.recompute). `kept_until` is the data protection officer's later date."""

    child = models.OneToOneField("casework.Child", on_delete=models.PROTECT, related_name="retention")
    rule = models.ForeignKey(RetentionRule, null=True, on_delete=models.PROTECT, related_name="+")
    last_closed_on = models.DateField(null=True)
    retain_until = models.DateField(null=True, help_text="Empty while a case is open")
    kept_until = models.DateField(null=True, blank=True)
    first_listed_on = models.DateField(null=True, blank=True, help_text="When the monthly review first listed it")

    class Meta:
        indexes = [models.Index(fields=["retain_until"], name="retention_until_idx",
                                condition=Q(retain_until__isnull=False))]

    @property
    def review_date(self):
        return max(d for d in (self.retain_until, self.kept_until) if d) if self.retain_until else None


class RetentionExtension(models.Model):
    """The data protection officer keeps a record past its date: a reason and a new date (append-only)."""

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    keep_until = models.DateField()
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)


class LegalHold(models.Model):
    """A record that must not be erased while an inquiry, a claim or a subject access request is in progress."""

    class Reason(models.TextChoices):
        INQUIRY = "inquiry", "An inquiry"
        CLAIM = "claim", "A claim or litigation"
        SUBJECT_ACCESS = "subject_access", "A subject access request in progress"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(lifted_at__isnull=True), name="one_hold_per_child"),
            models.CheckConstraint(name="legal_hold_lifted_with_reason",
                                   condition=Q(lifted_at__isnull=True) | ~Q(lift_reason="")),
        ]


class ErasureProposal(models.Model):
    """Erasure needs two people: the data protection officer proposes, a senior leader (another person) approves,
    and approving erases. The database checks the same (access.audit.protected: casework_erasure_approved)."""

    child = models.ForeignKey("casework.Child", null=True, on_delete=models.PROTECT, related_name="+")
    local_id = models.CharField(max_length=12)
    reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="erasure_approved_by_another_person",
                                   condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("proposed_by"))),
            models.UniqueConstraint(fields=["child"], name="one_pending_erasure_per_child",
                                    condition=Q(erased_at__isnull=True, withdrawn_at__isnull=True)),
        ]

    @property
    def is_pending(self) -> bool:
        return self.erased_at is None and self.withdrawn_at is None


class ErasedRecord(models.Model):
    """The tombstone of an erased record: the local ID, the dates of the cases, the rule applied, who decided and
    when. Nothing else of the child is kept. Append-only (a database trigger)."""

    local_id = models.CharField("Local child ID", max_length=12, unique=True)
    case_dates = models.JSONField(help_text="Each case's referral and closure dates")
    rule_applied = models.CharField(max_length=100)
    retention_date = models.DateField(null=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self):
        return f"Erased record {self.local_id}"
