"""What the children in need census asks of a case beyond its referral and closure (issue 17), recorded as part
of the case's work on the child's Cases tab: assessments (start, authorisation, the factors identified), section 47
enquiries with their initial child protection conference, child protection plans with their reviews, and child in
need plans. Codes are the DfE's (casework.returns); simple-history keeps every earlier version; nothing is deleted.

A child protection plan that ends and restarts is a new plan: a plan's dates never overlap another of the child's.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from access.audit.history import Historical


class CaseItem(models.Model):
    """What each item has: its case (the CIN episode), its start, who recorded it and when."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["start_date", "id"]


def _after_start(name: str, field: str):
    return models.CheckConstraint(name=name, condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": F("start_date")}))


class Assessment(CaseItem):
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="assessments")
    authorised_on = models.DateField("Date the assessment was authorised", null=True, blank=True)
    factors = models.JSONField(default=list, blank=True, help_text="Codes of the DfE's assessment factors list")
    history = Historical()

    class Meta(CaseItem.Meta):
        constraints = [_after_start("assessment_authorised_after_start", "authorised_on")]

    def __str__(self):
        return f"Assessment started {self.start_date:%-d %B %Y}"


class Section47Enquiry(CaseItem):
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="section47_enquiries")
    icpc_needed = models.BooleanField("An initial child protection conference is needed")
    icpc_target_date = models.DateField("Target date of the initial child protection conference", null=True, blank=True)
    icpc_date = models.DateField("Date of the initial child protection conference", null=True, blank=True)
    history = Historical()

    class Meta(CaseItem.Meta):
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [
            _after_start("s47_icpc_target_after_start", "icpc_target_date"),
            _after_start("s47_icpc_after_start", "icpc_date"),
            models.CheckConstraint(name="s47_no_conference_dates_without_one",
                                   condition=Q(icpc_needed=True) | Q(icpc_target_date__isnull=True, icpc_date__isnull=True)),
        ]

    def __str__(self):
        return f"Section 47 enquiry started {self.start_date:%-d %B %Y}"


class ChildProtectionPlan(CaseItem):
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="protection_plans")
    end_date = models.DateField(null=True, blank=True)
    initial_category = models.CharField("Initial category of abuse", max_length=3)
    latest_category = models.CharField("Latest category of abuse", max_length=3)
    history = Historical()

    class Meta(CaseItem.Meta):
        constraints = [_after_start("cpp_end_after_start", "end_date")]

    def __str__(self):
        return f"Child protection plan from {self.start_date:%-d %B %Y}"


class ProtectionPlanReview(models.Model):
    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, related_name="reviews")
    review_date = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["review_date", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "review_date"], name="cpp_review_once_a_day")]

    def __str__(self):
        return f"Review on {self.review_date:%-d %B %Y}"


class CinPlan(CaseItem):
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="cin_plans")
    end_date = models.DateField(null=True, blank=True)
    history = Historical()

    class Meta(CaseItem.Meta):
        verbose_name = "child in need plan"
        constraints = [_after_start("cin_plan_end_after_start", "end_date")]

    def __str__(self):
        return f"Child in need plan from {self.start_date:%-d %B %Y}"
