"""The checks of "Check the records" (casework.returns.validation) on what the SSDA903 return reads of a looked-after
child beyond the legal statuses and placements (issue 17): the reviews, missing episodes and UASC status
(casework.looked_after), why the social worker changed (the allocations), the year's outcomes (OC2) and care leaver
information (OC3) (casework.care_leavers), and the previous permanence option (casework.adoption). Each is what the
Department's validator would reject, or what the return leaves out so that its rule names the child (191, 630).

Each check is a condition in the database for a collection year, so the list, its count and the caseload's marker
are one query each however many children there are:
- `ChildCheck`: a condition on Child (`fails(window)`), said once for the child;
- `ItemCheck`: the items that fail (`items(window)`), each said with its date and a link to its own page; the
  condition on Child is that one of them exists.

Restricted information (§7): whether a child is looked after is read from their legal statuses, which may be in the
'Restricted from user' section. A child's looked-after problems are shown only to someone who may see the child's
restricted information, or when none of the child's looked-after legal statuses is restricted (`shown_to`); the
others are counted with the records the reader cannot see, as the return counts them.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from dateutil.relativedelta import relativedelta
from django.db.models import (BooleanField, DateField, DurationField, Exists, ExpressionWrapper, F, Func, OuterRef, Q,
                              QuerySet, Subquery, Sum, Value)
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils import timezone

from casework.adoption.models import PreviousPermanence
from casework.basic_record.models import LegalStatus
from casework.care_leavers import selectors as leavers
from casework.care_leavers.models import CARE_LEAVER_BIRTHDAYS, CareLeaverContact, LookedAfterOutcomes
from casework.looked_after.models import (MISSING_KIND, REVIEW_PARTICIPATION, UNDER_FOUR, LookedAfterReview,
                                          MissingEpisode, UascStatus)
from casework.children.models import CORRECTED_ALLOCATION, workers_taken_over_from
from casework.models import Allocation, Child
from casework.recording.refusals import long_date
from casework.returns import codes
from casework.returns.cin_census import census_period
from casework.returns.models import year_label
from casework.returns.ssda903_leavers import CARE_ENDED_FOR_GOOD

SHORT_BREAKS = leavers.SHORT_BREAKS
CARE_LEAVER_DAYS = timedelta(days=91)  # 13 weeks looked after after the 14th birthday (the DfE's rule 1001)


class AddYears(Func):
    """A date `years` years later, in the database (a birthday: PostgreSQL gives 28 February for 29 February)."""

    output_field = DateField()

    def __init__(self, expression, years: int):
        super().__init__(expression)
        self.template = f"((%(expressions)s) + interval '{int(years)} years')::date"
        self.sqlite = f"date(%(expressions)s, '+{int(years)} years')"

    def as_sqlite(self, compiler, connection, **extra):  # the `make run` database
        return self.as_sql(compiler, connection, template=self.sqlite, **extra)


@dataclass(frozen=True)
class Window:
    """A collection year: its first and last days, and the last day that has happened (today, while it runs)."""

    year: int
    start: date
    end: date
    until: date

    @property
    def over(self) -> bool:
        return self.until == self.end and timezone.localdate() > self.end


def window(year: int) -> Window:
    start, end = census_period(year)
    return Window(year, start, end, max(start, min(end, timezone.localdate())))


# The legal statuses that make a child looked after (a return code, LS), of the child in the outer query ------------

def _coded(child=OuterRef("pk")) -> QuerySet[LegalStatus]:
    return LegalStatus.objects.exclude(ls_code="").filter(child_id=child)


def _cared(child=OuterRef("pk")) -> QuerySet[LegalStatus]:
    """Looked after in the full sense: not only for a series of short breaks."""
    return _coded(child).exclude(ls_code__in=SHORT_BREAKS)


def _covering(statuses: QuerySet, day) -> QuerySet:
    """Current on `day` (an end date is the day of the change: what ends that day no longer covers it)."""
    return statuses.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gt=day))


def _overlapping(statuses: QuerySet, first, last) -> QuerySet:
    return statuses.filter(start_date__lte=last).filter(Q(end_date__isnull=True) | Q(end_date__gte=first))


def looked_after_in(w: Window, child=OuterRef("pk")) -> Exists:
    return Exists(_overlapping(_coded(child), w.start, w.end))


def shown_to(user) -> Q:
    """A condition on Child: `user` may be told of the child's looked-after problems (see the module's docstring)."""
    restricted = _coded().filter(restriction__isnull=False, restriction__lifted_at__isnull=True)
    return Q(pk__in=Child.objects.with_restricted_access_for(user).values("pk")) | ~Exists(restricted)


# The checks -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChildCheck:
    name: str
    fails: Callable[[Window], Q | None]  # None: the check does not apply to this year
    problem: Callable[[Child, Window], str]
    url: Callable[[Child, Window], str]


@dataclass(frozen=True)
class ItemCheck:
    name: str
    items: Callable[[Window], QuerySet]  # the failing items, each annotated with `child_pk`
    problem: Callable[[object], str]
    url: Callable[[Child, object], str]
    link: str = "put it right"


def _uasc_not_asked(w: Window) -> Q:
    return Q(looked_after_in(w)) & ~Q(Exists(UascStatus.objects.filter(child=OuterRef("pk"))))


def _uasc_after_18(w: Window) -> Q:
    late = UascStatus.objects.filter(child=OuterRef("pk"), is_uasc=True,
                                     ceased_on__gt=AddYears(OuterRef("date_of_birth"), 18))
    return Q(looked_after_in(w)) & Q(Exists(late))


def _outcomes_due(w: Window) -> Q | None:
    """Looked after continuously for 12 months at 31 March (as the return's builder tells it: on 1 April, no care
    ending before 31 March unless another status began that day, no short breaks) and no outcomes recorded for the
    year. Asked once the year is over."""
    if not w.over:
        return None
    gaps = _cared().filter(end_date__gte=w.start, end_date__lt=w.end).exclude(
        Exists(_covering(_coded(OuterRef("child_id")), OuterRef("end_date"))))
    short = _overlapping(_coded().filter(ls_code__in=SHORT_BREAKS), w.start, w.end)
    recorded = LookedAfterOutcomes.objects.filter(child=OuterRef("pk"), year=w.year)
    return (Q(Exists(_covering(_cared(), w.start))) & ~Q(Exists(gaps)) & ~Q(Exists(short))
            & ~Q(Exists(recorded)))


def _care_leaver_due(years: int) -> Callable[[Window], Q | None]:
    """A young person whose `years`th birthday has come in the year, who was looked after for 13 weeks after their
    14th birthday, over one legal status or several (an interim care order, then a care order), and some time after
    their 16th, was not still looked after on a 17th or 18th birthday, whose care did not end in adoption, death or a
    move to another council, and whose information for that birthday is not recorded. The weeks are the sum of each
    status's days in that time (statuses that overlap would count a day twice; the return itself counts it once)."""
    def fails(w: Window) -> Q | None:
        if w.until < w.start:
            return None
        born = OuterRef("date_of_birth")
        birthday, fourteenth = AddYears(born, years), AddYears(born, 14)
        days = ExpressionWrapper(Least(Coalesce("end_date", birthday), birthday) - Greatest("start_date", fourteenth),
                                 output_field=DurationField())
        in_time = _cared().filter(start_date__lte=birthday).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=fourteenth))
        weeks = Subquery(in_time.annotate(days=days).values("child_id").annotate(total=Sum("days")).values("total"),
                         output_field=DurationField())
        after_sixteen = in_time.filter(Q(end_date__isnull=True) | Q(end_date__gt=AddYears(born, 16)))
        due = (Q(date_of_birth__gte=w.start - relativedelta(years=years),
                 date_of_birth__lte=w.until - relativedelta(years=years))
               & Q(GreaterThanOrEqual(weeks, Value(CARE_LEAVER_DAYS, output_field=DurationField())))
               & Q(Exists(after_sixteen)))
        if years in (17, 18):
            due &= ~Q(Exists(_covering(_cared(), AddYears(born, years))))
        ended = _coded().filter(reason_ceased__in=CARE_ENDED_FOR_GOOD, end_date__lte=w.end)
        recorded = CareLeaverContact.objects.filter(child=OuterRef("pk"), birthday=years)
        return due & ~Q(Exists(ended)) & ~Q(Exists(recorded))
    return fails


def _previous_permanence_missing(w: Window) -> Q:
    """Started to be looked after in the year (no looked-after status the day before) with no previous permanence
    option recorded: the return leaves them out of its file, and the Department's rule 630 names them."""
    before = _coded(OuterRef("child_id")).filter(start_date__lt=OuterRef("start_date")).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date")))
    started = _coded().filter(start_date__gte=w.start, start_date__lte=w.end).exclude(Exists(before))
    return Q(Exists(started)) & ~Q(Exists(PreviousPermanence.objects.filter(child=OuterRef("pk"))))


def _birthday_words(years: int):
    def problem(child: Child, w: Window) -> str:
        when = f" ({long_date(leavers.birthday(child.date_of_birth, years))})" if child.date_of_birth else ""
        return (f"Care leaver information for their {years}th birthday{when} is not recorded: whether the council is "
                "in touch, their main activity and their accommodation")
    return problem


def _url(name: str, *args):
    return lambda child, w: reverse(f"casework:{name}", args=[child.local_id, *args])


CHILD_CHECKS = (
    ChildCheck("care_uasc", _uasc_not_asked,
               lambda child, w: "Whether the child is or was an unaccompanied asylum-seeking child is not recorded",
               _url("lac_uasc")),
    ChildCheck("care_uasc_18", _uasc_after_18,
               lambda child, w: "The date they stopped being an unaccompanied asylum-seeking child is after their 18th "
                                "birthday", _url("lac_uasc")),
    ChildCheck("care_outcomes", _outcomes_due,
               lambda child, w: f"The outcomes for {year_label(w.year)} are not recorded (health, convictions, the "
                                "strengths and difficulties questionnaire): the child was looked after all year",
               lambda child, w: reverse("casework:looked_after_outcomes", args=[child.local_id, w.year])),
    *(ChildCheck(f"care_leaver_{years}", _care_leaver_due(years), _birthday_words(years),
                 _url("care_leaver_contact", years)) for years in CARE_LEAVER_BIRTHDAYS),
    ChildCheck("care_previous_permanence", _previous_permanence_missing,
               lambda child, w: "What permanence the child had before coming into care (an adoption, a special "
                                "guardianship order, a child arrangements order, or none) is not recorded",
               _url("adoption_record", "previous-permanence")),
)


def _reviews(w: Window) -> QuerySet:
    """Reviews in the year without a participation code of the year's list, or with one that does not fit the
    child's age at the review (under 4: 'Child under 4'; the service's rule, the Department's rules 440 and 441)."""
    fourth = AddYears(F("child__date_of_birth"), 4)
    valid = codes.valid_codes(REVIEW_PARTICIPATION, w.year).values("code")
    wrong = (~Q(participation__in=valid) | Q(participation=UNDER_FOUR, review_date__gt=fourth)
             | (~Q(participation=UNDER_FOUR) & Q(review_date__lt=fourth)))
    return LookedAfterReview.objects.filter(wrong, review_date__gte=w.start, review_date__lte=w.end).annotate(
        child_pk=F("child_id"), day=F("review_date"))


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _missing(w: Window) -> QuerySet:
    """Episodes open in the year that do not say whether the child was missing or away (rule 1006), that started
    when the child was not looked after (578, 581), or that are still open though the child's care has ended (577)."""
    today = timezone.localdate()
    in_care_then = Exists(_coded(OuterRef("child_id")).filter(start_date__lte=OuterRef("start_date")).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date"))))
    in_care_now = Exists(_coded(OuterRef("child_id")).filter(start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)))
    valid = codes.valid_codes(MISSING_KIND, w.year).values("code")
    return (MissingEpisode.objects.filter(start_date__lte=w.end).exclude(end_date__lt=w.start)
            .annotate(child_pk=F("child_id"), day=F("start_date"), no_kind=_flag(~Q(kind__in=valid)),
                      outside=_flag(~Q(in_care_then)), open_after=_flag(Q(end_date__isnull=True) & ~Q(in_care_now)))
            .filter(Q(no_kind=True) | Q(outside=True) | Q(open_after=True)))


def _missing_words(episode) -> str:
    what = f"The missing or away from placement episode from {long_date(episode.day)}"
    if episode.no_kind:
        return f"{what} does not say whether the child was missing or away from placement"
    if episode.outside:
        return f"{what} started on a day the child was not looked after"
    return f"{what} has no end date, but the child is no longer looked after"


def _worker_changes(w: Window) -> QuerySet:
    """Allocations in the year of a child looked after in it, where one social worker took over from another with
    no reason recorded (the return's SW_REASON; the Department's rule SW15). A first worker, or the first after a
    time with none, is first contact and needs none; an allocation ended the day it began is a correction."""
    earlier = workers_taken_over_from(OuterRef("case__child_id"), OuterRef("started_at"))
    return (Allocation.objects.filter(worker__isnull=False, sw_change_reason="", started_at__date__lte=w.end)
            .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=w.start)).exclude(CORRECTED_ALLOCATION)
            .filter(Exists(earlier), looked_after_in(w, OuterRef("case__child_id")))
            .annotate(child_pk=F("case__child_id"), day=F("started_at__date")))


ITEM_CHECKS = (
    ItemCheck("care_reviews", _reviews,
              lambda review: f"How the child took part in the looked-after review of {long_date(review.day)} is not "
                             "recorded, or does not fit their age at the review",
              lambda child, review: reverse("casework:lac_review_change", args=[child.local_id, review.pk])),
    ItemCheck("care_missing", _missing, _missing_words,
              lambda child, episode: reverse("casework:lac_missing_change", args=[child.local_id, episode.pk])),
    ItemCheck("care_worker_change", _worker_changes,
              lambda allocation: f"Why the social worker changed on {long_date(allocation.day)} is not recorded (the "
                                 "team manager gives the reason when allocating the case)",
              lambda child, allocation: reverse("casework:allocation_reason", args=[child.local_id, allocation.pk]),
              "give the reason"),
)


def child_conditions(w: Window) -> list[tuple[ChildCheck, Q]]:
    return [(check, condition) for check in CHILD_CHECKS if (condition := check.fails(w)) is not None]


def care_gaps(w: Window) -> Q:
    """A condition on Child: their record fails one of these checks for the year (restricted children included)."""
    condition = Q(pk__in=[])
    for _, fails in child_conditions(w):
        condition |= fails
    for check in ITEM_CHECKS:
        condition |= Q(Exists(check.items(w).filter(child_pk=OuterRef("pk"))))
    return condition


@dataclass(frozen=True)
class CareProblem:
    text: str
    url: str
    link: str = "put it right"


def care_problems(children: list[Child], w: Window) -> dict[int, list[CareProblem]]:
    """{child pk: what is wrong} for a page of children from `validation.gaps_visible_to` (annotated with each child
    check and `care_shown`): one query per item check, whatever the number of children."""
    shown = {child.pk: child for child in children if child.care_shown}
    found = {pk: [CareProblem(check.problem(child, w), check.url(child, w))
                  for check, _ in child_conditions(w) if getattr(child, check.name)] for pk, child in shown.items()}
    if not shown:
        return found
    for check in ITEM_CHECKS:
        for item in check.items(w).filter(child_pk__in=list(shown)).order_by("day", "pk"):
            child = shown[item.child_pk]
            found[child.pk].append(CareProblem(check.problem(item), check.url(child, item), check.link))
    return found
