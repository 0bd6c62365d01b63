"""What the SSDA903 return asks about what became of children looked after (issue 17), recorded as part of the work
with them on the child's Cases tab:

- CareLeaverContact (OC3): around a care leaver's 17th to 21st birthday, whether the council is in touch, their main
  activity and their accommodation, in the DfE's codes, one record for each birthday.
- LookedAfterOutcomes (OC2): for a child looked after continuously for 12 months at 31 March, the year's convictions,
  health checks, immunisations, teeth check, health assessment, substance misuse and the strengths and
  difficulties questionnaire (SDQ), one record for each collection year.
- PathwayPlanReview: each review of a care leaver's pathway plan, with what it recorded of the young person's
  eligibility for leaving care support and their personal adviser (Ofsted's Annex A, list 9).

simple-history keeps every earlier version; nothing is deleted (access.audit.protected).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical

CARE_LEAVER_BIRTHDAYS = (17, 18, 19, 20, 21)


class CareLeaverContact(models.Model):
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="care_leaver_contacts")
    birthday = models.PositiveSmallIntegerField("Birthday", help_text="17 to 21: the birthday it is about")
    in_touch = models.CharField("Is the council in touch? (DfE code)", max_length=4)
    activity = models.CharField("Main activity (DfE code)", max_length=2, blank=True, default="")
    accommodation = models.CharField("Accommodation (DfE code)", max_length=2, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["birthday"]
        verbose_name = "care leaver's contact"
        constraints = [
            models.UniqueConstraint(fields=["child", "birthday"], name="care_leaver_contact_once_a_birthday"),
            models.CheckConstraint(name="care_leaver_birthday_17_to_21", condition=Q(birthday__gte=17, birthday__lte=21)),
        ]

    def __str__(self):
        return f"Care leaver information at {self.birthday}"


class LookedAfterOutcomes(models.Model):
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="looked_after_outcomes")
    year = models.PositiveSmallIntegerField("Collection year", help_text="The year the collection starts: 2025 for 2025-26")
    convicted = models.BooleanField("Convicted of an offence in the year", null=True, blank=True)
    health_check = models.BooleanField("Health surveillance checks up to date (under 5)", null=True, blank=True)
    immunisations = models.BooleanField("Immunisations up to date", null=True, blank=True)
    teeth_check = models.BooleanField("Teeth checked by a dentist in the year", null=True, blank=True)
    health_assessment = models.BooleanField("Annual health assessment up to date", null=True, blank=True)
    substance_misuse = models.BooleanField("Identified as having a substance misuse problem", null=True, blank=True)
    intervention_received = models.BooleanField("Received an intervention for it", null=True, blank=True)
    intervention_offered = models.BooleanField("Offered an intervention, and refused it", null=True, blank=True)
    sdq_score = models.PositiveSmallIntegerField("SDQ score", null=True, blank=True, validators=[MaxValueValidator(40)])
    sdq_reason = models.CharField("Reason there is no SDQ score (DfE code)", max_length=4, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["year"]
        verbose_name = "looked-after child's outcomes"
        verbose_name_plural = "looked-after children's outcomes"
        constraints = [
            models.UniqueConstraint(fields=["child", "year"], name="looked_after_outcomes_once_a_year"),
            models.CheckConstraint(name="sdq_score_or_reason", condition=Q(sdq_score__isnull=True) | Q(sdq_reason="")),
        ]

    def __str__(self):
        return f"Outcomes for {self.year}-{(self.year + 1) % 100:02d}"


class PathwayPlanReview(models.Model):
    """A review of a care leaver's pathway plan (Children Act 1989 and the Care Leavers (England) Regulations 2010),
    recording which of the leaving care categories the young person was in and who their personal adviser was. The
    personal adviser is a member of the council's staff, named here rather than allocated to the case: the case
    stays with its social worker (an eligible child in care has both), and the personal adviser is who the young
    person keeps once the case's allocations have ended."""

    class Eligibility(models.TextChoices):
        # Ofsted's Annex A words (list 9's "Eligibility Category").
        ELIGIBLE = "eligible", "Eligible child"
        RELEVANT = "relevant", "Relevant child"
        FORMER_RELEVANT = "former_relevant", "Former relevant child"
        QUALIFYING = "qualifying", "Qualifying care leaver"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="pathway_plan_reviews")
    reviewed_on = models.DateField("Date of the review")
    eligibility = models.CharField("Eligibility for leaving care support", max_length=20,
                                   choices=Eligibility.choices)
    personal_adviser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", help_text="Empty: none allocated")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = "pathway plan review"
        constraints = [
            models.UniqueConstraint(fields=["child", "reviewed_on"], name="pathway_plan_review_once_a_day"),
        ]

    def __str__(self):
        return f"Pathway plan review on {self.reviewed_on:%-d %B %Y}"
