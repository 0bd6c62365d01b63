"""What the SSDA903 return asks of a child looked after beyond their legal statuses and placements (issue 17),
recorded as part of the child's record beside them: statutory looked-after reviews with how the child took part,
episodes of being missing or away from placement without authorisation, and whether the child is or was an
unaccompanied asylum-seeking child (UASC). Codes are the DfE's (casework.returns); simple-history keeps every earlier
version; nothing is deleted (access.audit.protected)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from access.audit.history import Historical


class LookedAfterItem(models.Model):
    """What each item has: its child, who recorded it and when."""

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class LookedAfterReview(LookedAfterItem):
    """A statutory review of the looked-after child's care plan, and how the child took part (PN0 to PN7); what the
    review says the permanence plan is, and when the independent reviewing officer last saw or spoke with the child
    (Ofsted's Annex A asks both: optional, as reviews recorded before did not say)."""

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="looked_after_reviews")
    review_date = models.DateField("Date of the review")
    participation = models.CharField("How the child took part (DfE code)", max_length=3)
    permanence_plan = models.CharField("Permanence plan", max_length=3, blank=True, default="")
    iro_contact_on = models.DateField("When the independent reviewing officer last saw or spoke with the child",
                                      null=True, blank=True)
    history = Historical()

    class Meta:
        ordering = ["review_date", "id"]
        verbose_name = "looked-after review"
        constraints = [models.UniqueConstraint(fields=["child", "review_date"], name="lac_review_once_a_day")]

    def __str__(self):
        return f"Review on {self.review_date:%-d %B %Y}"


class MissingEpisode(LookedAfterItem):
    """A time the child was missing (M) or away from placement without authorisation (A); open while it goes on."""

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="missing_episodes")
    kind = models.CharField("Missing or away from placement (DfE code)", max_length=1)
    start_date = models.DateField("Date it started")
    end_date = models.DateField("Date it ended", null=True, blank=True)
    # The return interview offered to the child once back (Ofsted's Annex A asks of the last missing episode):
    # None is "not yet", as it is while the episode is open; an interview is accepted (or not) only once offered.
    return_interview_offered = models.BooleanField("Was the child offered a return interview?", null=True, blank=True)
    return_interview_accepted = models.BooleanField("Did the child accept the return interview?", null=True,
                                                    blank=True)
    history = Historical()

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "missing or away from placement episode"
        constraints = [
            models.CheckConstraint(name="missing_end_after_start",
                                   condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date"))),
            models.CheckConstraint(name="missing_interview_once_back",
                                   condition=Q(end_date__isnull=False) | Q(return_interview_offered__isnull=True)),
            models.CheckConstraint(name="missing_interview_accepted_once_offered",
                                   condition=Q(return_interview_accepted__isnull=True)  # NULL is not true
                                   | Q(return_interview_offered__isnull=False, return_interview_offered=True)),
        ]

    def __str__(self):
        return f"{'Away from placement' if self.kind == 'A' else 'Missing'} from {self.start_date:%-d %B %Y}"

    @property
    def return_interview_words(self) -> str:
        if self.return_interview_offered is None:
            return "Not offered yet"
        if not self.return_interview_offered:
            return "Not offered"
        return {True: "Offered and accepted", False: "Offered, not accepted"}.get(
            self.return_interview_accepted, "Offered, not answered yet")


class UascStatus(LookedAfterItem):
    """Whether the child is or was an unaccompanied asylum-seeking child, and the day they stopped being one."""

    child = models.OneToOneField("casework.Child", on_delete=models.PROTECT, related_name="uasc_status")
    is_uasc = models.BooleanField("Is or was the child an unaccompanied asylum-seeking child?")
    ceased_on = models.DateField("Date the child stopped being an unaccompanied asylum-seeking child", null=True,
                                 blank=True)
    history = Historical()

    class Meta:
        verbose_name = "unaccompanied asylum-seeking child status"
        verbose_name_plural = "unaccompanied asylum-seeking child statuses"
        constraints = [models.CheckConstraint(name="uasc_ceased_only_when_uasc",
                                              condition=Q(is_uasc=True) | Q(ceased_on__isnull=True))]

    def __str__(self):
        return "Unaccompanied asylum-seeking child" if self.is_uasc else "Not an unaccompanied asylum-seeking child"


# The DfE code lists these items take (casework.returns.models.CodeList keys, loaded by casework 0014).
REVIEW_PARTICIPATION = "lac_review_participation"
MISSING_KIND = "lac_missing"
PERMANENCE_PLAN = "lac_permanence_plan"  # Ofsted's Annex A's categories
UNDER_FOUR = "PN0"  # "Child under 4 at the time of the review": only then, and every other code only from 4
