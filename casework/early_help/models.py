"""A child's early help assessments (issue 17: Ofsted's Annex A, list 2), recorded on the child's Cases tab.

Early help is the help a council and its partners give a family before, or instead of, children's social care: an
early help assessment may be completed by the council's own early help service or by a partner (a school, a health
visitor). The record keeps when it started, when it was completed, and which organisation completed it.

simple-history keeps every earlier version; nothing is deleted (access.audit.protected).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.audit.history import Historical


class EarlyHelpAssessment(models.Model):
    """An early help assessment of the child: started, completed (empty while it is still open), and the
    organisation completing it, from a short list or, for another, in the practitioner's words."""

    class Organisation(models.TextChoices):
        EARLY_HELP_SERVICE = "early_help_service", "The council's early help service"
        SCHOOL = "school", "A school or college"
        EARLY_YEARS = "early_years", "A nursery or early years setting"
        HEALTH_VISITOR = "health_visitor", "A health visitor"
        SCHOOL_NURSE = "school_nurse", "A school nurse"
        OTHER_HEALTH = "other_health", "A GP or other health service"
        VOLUNTARY = "voluntary", "A voluntary or community organisation"
        OTHER = "other", "Another organisation"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="early_help_assessments")
    started_on = models.DateField("Date the assessment started")
    completed_on = models.DateField("Date the assessment was completed", null=True, blank=True,
                                    help_text="Empty: not completed yet")
    organisation = models.CharField("Organisation completing the assessment", max_length=30,
                                    choices=Organisation.choices)
    organisation_other = models.CharField("The other organisation", max_length=200, blank=True,
                                          help_text="Its name, when the organisation is not in the list")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "early help assessment"
        constraints = [
            models.UniqueConstraint(fields=["child", "started_on"], name="early_help_assessment_once_a_day"),
            models.CheckConstraint(condition=models.Q(completed_on__isnull=True)
                                   | models.Q(completed_on__gte=models.F("started_on")),
                                   name="early_help_assessment_completed_after_start"),
        ]

    @property
    def organisation_words(self) -> str:
        """Who completed it, as Annex A and the Cases tab say it."""
        if self.organisation == self.Organisation.OTHER:
            return self.organisation_other
        return self.get_organisation_display()

    def __str__(self):
        return f"Early help assessment started on {self.started_on:%-d %B %Y}"
