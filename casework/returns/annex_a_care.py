"""What Ofsted's Annex A (casework.returns.annex_a) reads of the records of looked-after children and care leavers
beyond their legal statuses and placements (issue 17): statutory reviews (with the permanence plan and the
independent reviewing officer's last contact with the child they record) and missing or away from placement episodes
and UASC status (casework.looked_after), decisions to place for adoption and the brothers and sisters each is to be
placed with (casework.adoption), and care leavers' information at their 17th to 21st birthdays and pathway plan
reviews (casework.care_leavers). Read a chunk of children at a time, one query a kind of record, as the rest of the
workbook is. None of these records is placed in the 'Restricted from user' section (§7: only basic record items are),
so what they say is written as it is.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F

from casework.adoption.models import AdoptionDecision
from casework.care_leavers.models import CareLeaverContact, PathwayPlanReview
from casework.care_leavers.selectors import birthday
from casework.looked_after.models import PERMANENCE_PLAN, LookedAfterReview, MissingEpisode, UascStatus
from casework.returns.codes import meanings

YES, NO = "Yes", "No"
AWAY = "A"  # away from placement without authorisation ("absent"); M is missing


@dataclass
class CareRecords:
    latest_review: date | None = None
    permanence_plan: str = ""  # in words, as the latest review that said it (by the as-at date) said it
    iro_contact: date | None = None  # the latest day a review says the IRO saw or spoke with the child
    missing: int = 0  # episodes that started in the 12 months up to the as-at date
    absent: int = 0
    last_missing: dict | None = None  # the latest of those missing episodes, with its return interview
    uasc: tuple | None = None  # (is or was UASC, the date it ceased) when recorded
    decisions: list = field(default_factory=list)  # decisions to place for adoption made by the as-at date, oldest first
    contacts: list = field(default_factory=list)  # care leaver information, by birthday
    pathway_review: dict | None = None  # the latest pathway plan review by the as-at date


def care_leaver_ids():
    """Children with care leaver information: the lists name them even without a case or care in the period."""
    return CareLeaverContact.objects.values_list("child_id", flat=True)


def read(span, period) -> dict[int, CareRecords]:
    """{child id: CareRecords} for the children in `span` (a function giving the filter of a chunk's id range)."""
    found: dict[int, CareRecords] = defaultdict(CareRecords)
    plans = meanings(PERMANENCE_PLAN)[PERMANENCE_PLAN]
    for child_id, day, plan, iro in (LookedAfterReview.objects.filter(**span("child_id"), review_date__lte=period.as_at)
                                     .order_by("review_date", "id").values_list("child_id", "review_date",
                                                                                "permanence_plan", "iro_contact_on")):
        care = found[child_id]
        care.latest_review = day
        care.permanence_plan = plans.get(plan, plan) if plan else care.permanence_plan
        if iro is not None and iro <= period.as_at:
            care.iro_contact = max(iro, care.iro_contact or iro)
    for episode in (MissingEpisode.objects.filter(**span("child_id"), start_date__gt=period.year_before,
                                                  start_date__lte=period.as_at).order_by("start_date", "id")
                    .values("child_id", "kind", "end_date", "return_interview_offered", "return_interview_accepted")):
        care = found[episode["child_id"]]
        if episode["kind"] == AWAY:
            care.absent += 1
        else:
            care.missing += 1
            care.last_missing = episode
    for child_id, is_uasc, ceased in UascStatus.objects.filter(**span("child_id")).values_list(
            "child_id", "is_uasc", "ceased_on"):
        found[child_id].uasc = (is_uasc, ceased)
    for decision in (AdoptionDecision.objects.filter(**span("child_id"), decided_on__lte=period.as_at)
                     .order_by("decided_on", "id").values("child_id", "decided_on", "matched_on", "reversed_on",
                                                           "reversal_reason", family=F("sibling_group__reference"))):
        found[decision["child_id"]].decisions.append(decision)
    for contact in CareLeaverContact.objects.filter(**span("child_id")).order_by("birthday").values(
            "child_id", "birthday", "in_touch", "activity", "accommodation"):
        found[contact["child_id"]].contacts.append(contact)
    for review in (PathwayPlanReview.objects.filter(**span("child_id"), reviewed_on__lte=period.as_at)
                   .order_by("child_id", "-reviewed_on", "-id").distinct("child_id")
                   .values("child_id", "reviewed_on", "eligibility", "personal_adviser__first_name",
                           "personal_adviser__last_name", "personal_adviser__username")):
        found[review["child_id"]].pathway_review = review
    return found


def uasc(care: CareRecords, born: date | None, since: date) -> str:
    """Yes when the child was an unaccompanied asylum-seeking child at some time after `since` (the status ends on
    the date recorded, or at the latest on their 18th birthday), No when not, empty when not recorded."""
    if care.uasc is None:
        return ""
    is_uasc, ceased = care.uasc
    if not is_uasc:
        return NO
    ended = ceased or (birthday(born, 18) if born else None)
    return YES if ended is None or ended > since else NO


def return_interview(care: CareRecords, period) -> list[str]:
    """List 8's return interview after the child's last missing episode in the 12 months: whether one was offered and
    whether the child accepted it (No when none was offered); empty without such an episode, while the child was
    not back by the as-at date, and while it is not yet answered."""
    last = care.last_missing
    if last is None or period.known(last["end_date"]) is None:
        return ["", ""]
    offered, accepted = last["return_interview_offered"], last["return_interview_accepted"]
    if offered is False:
        accepted = False
    return ["" if answer is None else YES if answer else NO for answer in (offered, accepted)]


def decision(care: CareRecords, period) -> list:
    """List 10's decision, matching and reversal: the child's latest decision to place for adoption by the as-at
    date (what happened after it is not known to the lists)."""
    if not care.decisions:
        return [None, None, None, ""]
    latest = care.decisions[-1]
    reversed_on = period.known(latest["reversed_on"])
    return [latest["decided_on"], period.known(latest["matched_on"]), reversed_on,
            latest["reversal_reason"] if reversed_on else ""]


def family(care: CareRecords) -> str:
    """List 10's family identifier: the group of brothers and sisters the child's latest decision to place for adoption
    (by the as-at date) says they are to be placed with, the same for each of them; empty for a child to be placed
    alone, or when not recorded."""
    return care.decisions[-1]["family"] or "" if care.decisions else ""


def decided_in(care: CareRecords, period) -> bool:
    return any(period.overlaps(item["decided_on"], item["reversed_on"]) for item in care.decisions)


def latest_contact(care: CareRecords, born: date | None, period) -> tuple[dict, date] | None:
    """The care leaver information of the latest birthday in the 12 months up to the as-at date, with its day."""
    if born is None:
        return None
    found = None
    for contact in care.contacts:
        day = birthday(born, contact["birthday"])
        if period.year_before < day <= period.as_at:
            found = (contact, day)
    return found


ELIGIBILITY = dict(PathwayPlanReview.Eligibility.choices)
SUITABILITY = {"1": "Suitable", "2": "Unsuitable"}  # the accommodation code's last character (SSDA903 OC3)


def suitability(accommodation: str) -> str:
    """Whether the accommodation was suitable, as its code says (B1 suitable, B2 not); empty when not recorded."""
    return SUITABILITY.get(accommodation[-1:], "") if accommodation else ""


def pathway_plan(care: CareRecords, born: date | None, period) -> list:
    """List 9's personal adviser, eligibility category and latest pathway plan review date, as the latest review by
    the as-at date recorded them. An eligible or relevant child who has turned 18 since is a former relevant child
    (Children Act 1989, section 23C), whatever the review said then."""
    review = care.pathway_review
    if review is None:
        return ["", "", None]
    first, last = review["personal_adviser__first_name"] or "", review["personal_adviser__last_name"] or ""
    adviser = f"{first} {last}".strip() or review["personal_adviser__username"] or ""
    eligibility = review["eligibility"]
    if eligibility in (PathwayPlanReview.Eligibility.ELIGIBLE, PathwayPlanReview.Eligibility.RELEVANT) and born \
            and birthday(born, 18) <= period.as_at:
        eligibility = PathwayPlanReview.Eligibility.FORMER_RELEVANT
    return [adviser, ELIGIBILITY[eligibility], review["reviewed_on"]]
