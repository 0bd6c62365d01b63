"""Writes of a care leaver's information at a birthday (OC3), a looked-after child's outcomes for a year (OC2) and a
care leaver's pathway plan reviews (Ofsted's Annex A, list 9) (issue 17). Each service checks the user may write on
the child, validates every rule the DfE's return puts on the codes and on who is asked what, saves attributed to the
person acting (simple-history keeps each earlier version: a second record for the same birthday, year or review date
changes the first) and writes its audit event, in one transaction: a refusal saves nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction
from casework.care_leavers import selectors
from casework.care_leavers.models import (CARE_LEAVER_BIRTHDAYS, CareLeaverContact, LookedAfterOutcomes,
                                         PathwayPlanReview)
from casework.children.authorisation import Need, require
from casework.models import Child
from casework.recording.refusals import locked_child, refuse
from casework.returns import codes
from casework.returns.cin_census import census_period

EARLY = timedelta(days=31)  # information "around" a birthday: from a month before it


def _check(list_key: str, code: str, *, field: str, what: str, year: int) -> None:
    try:
        codes.check(list_key, code, what=what, year=year)
    except ValidationError as error:
        refuse(field, error.messages[0])


def _check_contact(child: Child, birthday: int, in_touch: str, activity: str, accommodation: str) -> None:
    if birthday not in CARE_LEAVER_BIRTHDAYS:
        refuse("birthday", "Select the 17th, 18th, 19th, 20th or 21st birthday")
    if child.date_of_birth is None:
        refuse("birthday", "Record the young person's date of birth first")
    day = selectors.birthday(child.date_of_birth, birthday)
    if day > timezone.localdate() + EARLY:
        refuse("birthday", f"Record this from a month before the birthday, {day:%-d %B %Y}")
    periods = selectors.care_periods(child.pk)
    if not selectors.is_care_leaver(periods, child.date_of_birth, day):
        refuse("birthday", "The young person was not looked after for 13 weeks after their 14th birthday, some of "
                           "it after their 16th, so they are not a care leaver the return asks about")
    if birthday in (17, 18) and selectors.looked_after_on(periods, day):
        refuse("birthday", f"The young person was still looked after on their {birthday}th birthday: care leaver "
                           "information is not needed for it")
    year = codes.collection_year(day)
    _check(codes.IN_TOUCH, in_touch, field="in_touch", what="whether the council is in touch", year=year)
    if in_touch in ("DIED", "RHOM"):
        for field, value in (("activity", activity), ("accommodation", accommodation)):
            if value:
                refuse(field, "Leave the activity and accommodation empty: the young person has died or returned home")
        return
    if in_touch == "YES":
        if not activity:
            refuse("activity", "Select the young person's main activity")
        if not accommodation:
            refuse("accommodation", "Select the young person's accommodation")
    if activity:
        _check(codes.ACTIVITY, activity, field="activity", what="the main activity", year=year)
    if accommodation:
        _check(codes.ACCOMMODATION, accommodation, field="accommodation", what="the accommodation", year=year)
        if birthday == 17 and accommodation.startswith("Z"):
            refuse("accommodation", "At their 17th birthday a care leaver cannot be living with former foster carers "
                                    "(staying put starts at 18): select the accommodation they are in")


@transaction.atomic
def record_care_leaver_contact(*, child: Child, by, birthday: int, in_touch: str, activity: str = "",
                               accommodation: str = "") -> CareLeaverContact:
    """Whether the council is in touch with a care leaver around their 17th to 21st birthday, their main activity
    and their accommodation, in the DfE's codes (the SSDA903 return's OC3). Recording the same birthday again
    changes the record; the earlier version stays in the history."""
    require(by, child.pk, Need.WRITE)
    child = locked_child(child)
    _check_contact(child, birthday, in_touch, activity, accommodation)
    contact = CareLeaverContact.objects.filter(child=child, birthday=birthday).first() or CareLeaverContact(
        child=child, birthday=birthday, recorded_by=by)
    contact.in_touch, contact.activity, contact.accommodation = in_touch, activity, accommodation
    contact.full_clean(exclude=["child", "recorded_by"])
    with acting_as(by):
        contact.save()
    record_event(actor=by, action=AuditAction.RECORDED_CARE_LEAVER, child=child, detail=f"birthday {birthday}")
    return contact


OUTCOME_FIELDS = ("convicted", "health_check", "immunisations", "teeth_check", "health_assessment",
                  "substance_misuse", "intervention_received", "intervention_offered", "sdq_score", "sdq_reason")


def _check_outcomes(child: Child, year: int, values: dict) -> None:
    if year > codes.collection_year():
        refuse("year", "Select this collection year or an earlier one")
    if child.date_of_birth is None:
        refuse("year", "Record the child's date of birth first")
    start, end = census_period(year)
    until = min(end, timezone.localdate())
    if not selectors.looked_after_throughout(selectors.care_periods(child.pk), start, until):
        refuse("year", f"The child has not been looked after continuously since {start:%-d %B %Y}: these outcomes "
                       "are for children looked after for 12 months at 31 March")
    born = child.date_of_birth
    for field in ("immunisations", "teeth_check", "health_assessment", "substance_misuse"):
        if values[field] is None:
            refuse(field, f"Select whether the child's {_words(field)}")
    if selectors.birthday(born, 10) <= end and values["convicted"] is None:
        refuse("convicted", "Select whether the child was convicted of an offence in the year")
    if selectors.birthday(born, 10) > end and values["convicted"] is not None:
        refuse("convicted", "Leave convictions empty for a child under 10 at 31 March")
    under_5 = selectors.birthday(born, 5) > end
    if under_5 and values["health_check"] is None:
        refuse("health_check", "Select whether the child's health surveillance checks are up to date")
    if not under_5 and values["health_check"] is not None:
        refuse("health_check", "Leave the health surveillance checks empty for a child aged 5 or over at 31 March")
    if values["substance_misuse"]:
        if values["intervention_received"] is None:
            refuse("intervention_received", "Select whether the child received an intervention for substance misuse")
        if values["intervention_received"] and values["intervention_offered"] is not None:
            refuse("intervention_offered", "Leave 'offered an intervention' empty: the child received one")
        if values["intervention_received"] is False and values["intervention_offered"] is None:
            refuse("intervention_offered", "Select whether the child was offered an intervention and refused it")
    elif values["intervention_received"] is not None or values["intervention_offered"] is not None:
        refuse("intervention_received", "Leave the interventions empty: no substance misuse problem was identified")
    _check_sdq(born, start, end, values)


def _words(field: str) -> str:
    return {"immunisations": "immunisations are up to date", "teeth_check": "teeth were checked by a dentist",
            "health_assessment": "annual health assessment is up to date",
            "substance_misuse": "was identified as having a substance misuse problem"}[field]


def _check_sdq(born, start, end, values) -> None:
    """The questionnaire is for children aged 4 at the year's start to 16 at its end (rules 186, 188, 189)."""
    score, reason = values["sdq_score"], values["sdq_reason"]
    if score is not None and reason:
        refuse("sdq_reason", "Leave the reason empty when there is a score")
    asked = selectors.birthday(born, 4) <= end and selectors.birthday(born, 17) >= start
    if not asked and (score is not None or reason):
        refuse("sdq_score", "Leave the questionnaire empty: it is for children aged 4 to 16")
    if not asked:
        return
    if score is None and not reason:
        refuse("sdq_score", "Enter the SDQ score, or select why there is none")
    if reason:
        _check(codes.SDQ_REASON, reason, field="sdq_reason", what="why there is no SDQ score",
               year=codes.collection_year(start))
        if reason == "SDQ1" and selectors.birthday(born, 4) <= start and selectors.birthday(born, 16) >= end:
            refuse("sdq_reason", "The child was aged 4 to 16 all year: select another reason")


@transaction.atomic
def record_outcomes(*, child: Child, by, year: int, **values) -> LookedAfterOutcomes:
    """A looked-after child's outcomes for the collection year (the SSDA903 return's OC2): asked of a child looked
    after continuously for 12 months at 31 March. Recording the same year again changes the record; the earlier
    version stays in the history."""
    require(by, child.pk, Need.WRITE)
    child = locked_child(child)
    values = {field: values.get(field) for field in OUTCOME_FIELDS}
    values["sdq_reason"] = values["sdq_reason"] or ""
    _check_outcomes(child, year, values)
    outcomes = LookedAfterOutcomes.objects.filter(child=child, year=year).first() or LookedAfterOutcomes(
        child=child, year=year, recorded_by=by)
    for field, value in values.items():
        setattr(outcomes, field, value)
    outcomes.full_clean(exclude=["child", "recorded_by"])
    with acting_as(by):
        outcomes.save()
    record_event(actor=by, action=AuditAction.RECORDED_OUTCOMES, child=child, detail=f"year {year}")
    return outcomes


Eligibility = PathwayPlanReview.Eligibility
UNDER_18 = (Eligibility.ELIGIBLE, Eligibility.RELEVANT)


def _check_review(child: Child, reviewed_on, eligibility: str, personal_adviser) -> None:
    born = child.date_of_birth
    if born is None:
        refuse("reviewed_on", "Record the young person's date of birth first")
    if reviewed_on > timezone.localdate():
        refuse("reviewed_on", "The date of the review cannot be in the future")
    sixteen, eighteen, twenty_five = (selectors.birthday(born, years) for years in (16, 18, 25))
    if reviewed_on < sixteen:
        refuse("reviewed_on", f"The date of the review cannot be before the young person's 16th birthday, "
                              f"{sixteen:%-d %B %Y}: a pathway plan starts at 16")
    if reviewed_on >= twenty_five:
        refuse("reviewed_on", f"The date of the review cannot be on or after the young person's 25th birthday, "
                              f"{twenty_five:%-d %B %Y}: leaving care support ends at 25")
    if eligibility not in Eligibility.values:
        refuse("eligibility", "Select the young person's eligibility for leaving care support from the list")
    if eligibility in UNDER_18 and reviewed_on >= eighteen:
        refuse("eligibility", f"The young person was 18 on the date of the review: an eligible or relevant child is "
                              f"16 or 17 (at 18 they become a former relevant child)")
    if eligibility == Eligibility.FORMER_RELEVANT and reviewed_on < eighteen:
        refuse("eligibility", "The young person was under 18 on the date of the review: a former relevant child is "
                              "18 or over")
    if eligibility != Eligibility.QUALIFYING:  # qualifying: under a special guardianship order, for example
        periods = selectors.care_periods(child.pk)
        if not selectors.is_care_leaver(periods, born, min(reviewed_on, eighteen)):
            refuse("eligibility", "The young person was not looked after for 13 weeks after their 14th birthday, "
                                  "some of it after their 16th: select qualifying care leaver if they are one")
        looked_after = selectors.looked_after_on(periods, reviewed_on)
        if eligibility == Eligibility.ELIGIBLE and not looked_after:
            refuse("eligibility", "The young person was not looked after on the date of the review: an eligible "
                                  "child is still looked after (after leaving care at 16 or 17, a relevant child)")
        if eligibility == Eligibility.RELEVANT and looked_after:
            refuse("eligibility", "The young person was looked after on the date of the review: a relevant child has "
                                  "left care (while looked after, an eligible child)")
    if personal_adviser is not None and not get_user_model().objects.filter(
            pk=personal_adviser.pk, is_active=True, staff_profile__isnull=False).exists():
        refuse("personal_adviser", "Select the personal adviser from the council's staff in the list")


@transaction.atomic
def record_pathway_plan_review(*, child: Child, by, reviewed_on, eligibility: str,
                               personal_adviser=None) -> PathwayPlanReview:
    """A review of a care leaver's pathway plan: its date, the young person's eligibility for leaving care support
    and their personal adviser (none: not allocated). Recording the same date again changes that review; the
    earlier version stays in the history."""
    require(by, child.pk, Need.WRITE)
    child = locked_child(child)
    _check_review(child, reviewed_on, eligibility, personal_adviser)
    review = PathwayPlanReview.objects.filter(child=child, reviewed_on=reviewed_on).first() or PathwayPlanReview(
        child=child, reviewed_on=reviewed_on, recorded_by=by)
    review.eligibility, review.personal_adviser = eligibility, personal_adviser
    review.full_clean(exclude=["child", "recorded_by", "personal_adviser"])
    with acting_as(by):
        review.save()
    record_event(actor=by, action=AuditAction.RECORDED_PATHWAY_REVIEW, child=child,
                 detail=f"reviewed {reviewed_on:%Y-%m-%d}")
    return review
