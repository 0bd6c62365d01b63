"""Writes to a looked-after child's reviews, missing and away from placement episodes and UASC status (issue 17).
Each service checks the user may write on the child, validates every rule the SSDA903 return holds these to (dates
while the child is looked after, codes of the DfE's list for the collection year, no overlapping episodes), saves
attributed to the person acting (simple-history keeps each earlier version) and writes its audit event, in one
transaction: a refusal saves nothing. Nothing is deleted: a wrong item is corrected."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction
from casework.basic_record.models import LegalStatus
from casework.children.authorisation import Need, require
from casework.looked_after.models import (
    MISSING_KIND, PERMANENCE_PLAN, REVIEW_PARTICIPATION, UNDER_FOUR, LookedAfterReview, MissingEpisode, UascStatus,
)
from casework.models import Child
from casework.recording.refusals import locked_child, long_date, refuse
from casework.returns import codes

SHORT_BREAKS = ("V3", "V4")  # looked after only for a series of short breaks: no statutory reviews (rule 399)


def birthday(child: Child, years: int) -> date:
    """The child's birthday at `years` (29 February counts as 1 March in other years, as the DfE's rules do)."""
    born = child.date_of_birth
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def _in_the_past(child: Child, field: str, value: date | None, what: str) -> None:
    if value is None:
        return
    if value > timezone.localdate():
        refuse(field, f"The {what} must be today or in the past")
    if child.date_of_birth and value < child.date_of_birth:
        refuse(field, f"The {what} must be on or after the child's date of birth, {long_date(child.date_of_birth)}")


def _looked_after_codes(child: Child, day: date) -> set[str]:
    """The return's legal status codes (LS) the child was looked after under on `day` (a status ending that day
    counts: the DfE's episode ends on it)."""
    return set(LegalStatus.objects.filter(child=child, start_date__lte=day).exclude(ls_code="")
               .filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).values_list("ls_code", flat=True))


def _check_code(list_key: str, code: str, *, field: str, what: str, on: date | None) -> None:
    """A code of the DfE's list for the collection year of `on`."""
    try:
        codes.check(list_key, code, what=what, year=codes.collection_year(on))
    except ValidationError as error:
        refuse(field, error.messages[0])


def _save(item, by, action: AuditAction):
    item.full_clean(exclude=["child", "recorded_by"])
    with acting_as(by):
        item.save()
    record_event(actor=by, action=action, child=item.child, detail=f"{item._meta.verbose_name} {item.pk}")
    return item


# --- Reviews --------------------------------------------------------------------------------------------------

def _check_review(review: LookedAfterReview) -> None:
    child, day = review.child, review.review_date
    _in_the_past(child, "review_date", day, "date of the review")
    looked_after = _looked_after_codes(child, day)
    if not looked_after:
        refuse("review_date", f"The child was not looked after on {long_date(day)}. Record their legal status first, "
                              "or check the date of the review")
    if looked_after <= set(SHORT_BREAKS):
        refuse("review_date", "The child was looked after only for short breaks on this date: the return has no "
                              "statutory review for short breaks")
    _check_code(REVIEW_PARTICIPATION, review.participation, field="participation",
                what="how the child took part in the review", on=day)
    fourth = birthday(child, 4)
    if review.participation == UNDER_FOUR and day > fourth:
        refuse("participation", f"The child was 4 or older at the review ({long_date(fourth)} was their 4th birthday). "
                                "Select how they took part")
    if review.participation != UNDER_FOUR and day < fourth:
        refuse("participation", "The child was under 4 at the review: select 'Child under 4 at the time of "
                                "the review'")
    if review.permanence_plan:
        _check_code(PERMANENCE_PLAN, review.permanence_plan, field="permanence_plan", what="the permanence plan",
                    on=day)
    _in_the_past(child, "iro_contact_on", review.iro_contact_on, "date the independent reviewing officer last saw "
                                                                  "or spoke with the child")
    if review.iro_contact_on is not None and review.iro_contact_on > day:
        refuse("iro_contact_on", "The independent reviewing officer's last contact with the child must be on or "
                                 "before the date of the review")
    if child.looked_after_reviews.filter(review_date=day).exclude(pk=review.pk).exists():
        refuse("review_date", "A review on this date is already recorded for the child")


@transaction.atomic
def record_review(*, child: Child, by, review_date: date, participation: str, permanence_plan: str = "",
                  iro_contact_on: date | None = None) -> LookedAfterReview:
    """A statutory review of the looked-after child, held on `review_date`, how the child took part, and (when the
    review says) the permanence plan and when the independent reviewing officer last saw or spoke with the child."""
    require(by, child.pk, Need.WRITE)
    review = LookedAfterReview(child=locked_child(child), recorded_by=by, review_date=review_date,
                               participation=participation, permanence_plan=permanence_plan,
                               iro_contact_on=iro_contact_on)
    _check_review(review)
    return _save(review, by, AuditAction.RECORDED_LOOKED_AFTER)


@transaction.atomic
def change_review(*, review: LookedAfterReview, by, review_date: date, participation: str, permanence_plan: str = "",
                  iro_contact_on: date | None = None) -> LookedAfterReview:
    """Correct what a review records."""
    require(by, review.child_id, Need.WRITE)
    child = locked_child(review.child)
    review = LookedAfterReview.objects.select_for_update().get(pk=review.pk)
    review.child, review.review_date, review.participation = child, review_date, participation
    review.permanence_plan, review.iro_contact_on = permanence_plan, iro_contact_on
    _check_review(review)
    return _save(review, by, AuditAction.CHANGED_LOOKED_AFTER)


# --- Missing and away from placement episodes -----------------------------------------------------------------

def _check_missing(episode: MissingEpisode) -> None:
    child, start, end = episode.child, episode.start_date, episode.end_date
    _check_code(MISSING_KIND, episode.kind, field="kind", what="whether the child was missing or away from placement",
                on=start)
    _in_the_past(child, "start_date", start, "date it started")
    _in_the_past(child, "end_date", end, "date it ended")
    if end is not None and end < start:
        refuse("end_date", "The episode cannot end before it started")
    # The return counts an episode only while the child is looked after, and closes it when care ends (rules 577,
    # 578, 581): it starts while the child is looked after, and ends while they still are, or goes on now.
    if not _looked_after_codes(child, start):
        refuse("start_date", f"The child was not looked after on {long_date(start)}. Record their legal status first, "
                             "or check the date")
    if end is not None and not _looked_after_codes(child, end):
        refuse("end_date", f"The child was not looked after on {long_date(end)}: the episode ends on or before the day "
                           "they stopped being looked after")
    if end is None and not _looked_after_codes(child, timezone.localdate()):
        refuse("end_date", "The child is not looked after now: enter the date the episode ended")
    # The return interview is offered once the child is back, and is accepted (or not) only once offered.
    if end is None and episode.return_interview_offered is not None:
        refuse("return_interview_offered", "A return interview is offered once the child is back: enter the date "
                                           "the episode ended, or answer 'Not yet'")
    if episode.return_interview_accepted is not None and episode.return_interview_offered is not True:
        refuse("return_interview_accepted", "The child cannot accept a return interview that was not offered: "
                                            "answer 'Not yet, or not offered', or say it was offered")
    # One at a time (rule 574): an episode starts on or after the day the one before it ended.
    for other in child.missing_episodes.exclude(pk=episode.pk):
        if (other.end_date is None or other.end_date > start) and (end is None or end > other.start_date):
            until = f"to {long_date(other.end_date)}" if other.end_date else "that has not ended"
            refuse("start_date", f"The child has an episode from {long_date(other.start_date)} {until}. Episodes do "
                                 "not overlap: end or correct that one first")


@transaction.atomic
def record_missing(*, child: Child, by, kind: str, start_date: date, end_date: date | None = None,
                   return_interview_offered: bool | None = None,
                   return_interview_accepted: bool | None = None) -> MissingEpisode:
    """An episode of the looked-after child being missing (M) or away from placement without authorisation (A),
    open (no end date) while it goes on; once the child is back, whether they were offered a return interview and
    accepted it (None: not yet)."""
    require(by, child.pk, Need.WRITE)
    episode = MissingEpisode(child=locked_child(child), recorded_by=by, kind=kind, start_date=start_date,
                             end_date=end_date, return_interview_offered=return_interview_offered,
                             return_interview_accepted=return_interview_accepted)
    _check_missing(episode)
    return _save(episode, by, AuditAction.RECORDED_LOOKED_AFTER)


@transaction.atomic
def change_missing(*, episode: MissingEpisode, by, kind: str, start_date: date, end_date: date | None = None,
                   return_interview_offered: bool | None = None,
                   return_interview_accepted: bool | None = None) -> MissingEpisode:
    """End an episode when the child is back, record the return interview, or correct it."""
    require(by, episode.child_id, Need.WRITE)
    child = locked_child(episode.child)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    episode.child, episode.kind, episode.start_date, episode.end_date = child, kind, start_date, end_date
    episode.return_interview_offered = return_interview_offered
    episode.return_interview_accepted = return_interview_accepted
    _check_missing(episode)
    return _save(episode, by, AuditAction.CHANGED_LOOKED_AFTER)


# --- Unaccompanied asylum-seeking child -------------------------------------------------------------------------

def _check_uasc(status: UascStatus) -> None:
    child = status.child
    if status.is_uasc not in (True, False):
        refuse("is_uasc", "Select whether the child is or was an unaccompanied asylum-seeking child")
    if not status.is_uasc:
        if status.ceased_on is not None:
            refuse("ceased_on", "Leave the date empty: the child was not an unaccompanied asylum-seeking child")
        return
    _in_the_past(child, "ceased_on", status.ceased_on, "date the child stopped being an unaccompanied asylum-seeking "
                                                       "child")
    eighteenth = birthday(child, 18) if child.date_of_birth else None
    if status.ceased_on and eighteenth and status.ceased_on > eighteenth:  # rule 304
        refuse("ceased_on", f"A child stops being an unaccompanied asylum-seeking child at the latest on their 18th "
                            f"birthday, {long_date(eighteenth)}")


@transaction.atomic
def record_uasc(*, child: Child, by, is_uasc: bool, ceased_on: date | None = None) -> UascStatus:
    """Whether the child is or was an unaccompanied asylum-seeking child, and the day they stopped being one (empty
    while they still are: the return gives their 18th birthday). Recorded once, then changed."""
    require(by, child.pk, Need.WRITE)
    child = locked_child(child)
    status = UascStatus.objects.select_for_update().filter(child=child).first()
    action = AuditAction.CHANGED_LOOKED_AFTER if status else AuditAction.RECORDED_LOOKED_AFTER
    status = status or UascStatus(child=child, recorded_by=by)
    status.child, status.is_uasc, status.ceased_on = child, is_uasc, ceased_on
    _check_uasc(status)
    return _save(status, by, action)
