"""When each child with an open case is next to be visited, computed in bulk (issue 16).

What kind of case a child has is read from what is already recorded, never asked twice:
- looked after: a current placement, or a current legal status that makes the child looked after, on the
  basic record (§5.1); the placement's start (else the legal status's) starts the new placement rule;
- otherwise the type of the case's plan (child in need, child protection, pathway plan for a care leaver);
  a case with no plan yet is a child in need. A looked-after child on a child protection plan has both
  rules, and the earlier date wins.

The next visit is due a rule's interval after the last completed visit of the open case in which the
child was seen (seen alone, where the rule asks), else after the referral. For a child looked after,
a visit within a week of a new placement, then every six weeks in the placement's first year, then
every three months where the placement is intended to last until the child is 18, else six-weekly still
(regulation 28). Working days skip weekends, bank holidays and closure days.

`worked_out_for_cases` works out any number of cases in a fixed number of queries (the cases with their facts
as annotations, the rules, the council's closure days); records.statutory_visits.services stores the result
in `NextVisit` whenever what it reads changes. Pages and the timeliness pass read the stored clocks: one indexed
query for the rows a page shows (and one for the rules), however many open cases there are.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.banner.selectors import LOOKED_AFTER_STATUSES as BANNER_LOOKED_AFTER_STATUSES
from casework.models import Allocation, Case, Child, LegalStatus, Placement
from records.calendar.working_days import DUE_SOON_DAYS, london_date
from records.designs.models import RecordKind
from records.entries.models import Entry
from records.entries.timescales import working_calendar
from records.plans.models import Plan
from records.statutory_visits.defaults import DEFAULTS
from records.statutory_visits.models import NextVisit, VisitRule

Code = VisitRule.Code
# Legal statuses under which a child is looked after (one list, the banner's: police protection and an emergency
# protection order count, as the SSDA903 return's L1 and L2 do).
LOOKED_AFTER_STATUSES = sorted(BANNER_LOOKED_AFTER_STATUSES)
PLAN_RULES = {Plan.Type.CHILD_IN_NEED: Code.CHILD_IN_NEED, Plan.Type.CHILD_PROTECTION: Code.CHILD_PROTECTION,
              Plan.Type.PATHWAY: Code.CARE_LEAVER}
STATUS_LABELS = {Code.CHILD_IN_NEED: "Child in need", Code.CHILD_PROTECTION: "Child protection plan",
                 Code.CARE_LEAVER: "Care leaver", "looked_after": "Looked after"}


@dataclass
class VisitDue:
    child_id: int
    case_id: int
    worker_id: int | None
    status: str  # the kind of case, in words
    rule: VisitRule
    due_on: date
    last_seen_on: date | None
    today: date
    plan_type: str = ""  # the open case's type of plan (child in need when it has no plan)
    child: Child | None = None  # attached for the rows a page shows

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.due_on).days)

    @property
    def is_overdue(self) -> bool:
        return self.today > self.due_on

    @property
    def days_left(self) -> int:
        return max(0, (self.due_on - self.today).days)

    @property
    def what(self) -> str:
        alone = ", seen alone" if self.rule.child_seen_alone else ""
        return f"Statutory visit ({self.status.lower()}: {self.rule.frequency}{alone})"

    @property
    def detail(self) -> str:
        if self.is_overdue:
            when = f"{self.days_overdue} day{'s' if self.days_overdue != 1 else ''} overdue"
        elif self.due_on == self.today:
            when = "due today"
        else:
            when = f"due in {self.days_left} day{'s' if self.days_left != 1 else ''}"
        return f"Due {self.due_on.day} {self.due_on:%B %Y}, {when}"


def seen_visits(*, alone: bool = False) -> QuerySet[Entry]:
    """The visits that count for a visit clock (§5.2): completed, the visit took place and the child was seen (seen
    alone, where the rule asks). Ofsted's Annex A reads the same (records.statutory_visits.annex_a)."""
    seen = Q(child_seen_alone=True) if alone else Q(child_seen=True)
    return Entry.objects.filter(seen, kind=RecordKind.VISIT, status=Entry.Status.COMPLETED,
                                visit_outcome=Entry.VisitOutcome.TOOK_PLACE)


def _visit_seen(*, alone: bool):
    # By child as well as case, newest first: the child's timeline index (child, -event_at) is walked from
    # the newest entry and stops at the first such visit, however long the record.
    return Subquery(
        seen_visits(alone=alone).filter(child=OuterRef("child_id"), case=OuterRef("pk"))
        .order_by("-event_at").values("event_at")[:1]
    )


def _current(model, value="start_date", **filters):
    return (model.objects.filter(child=OuterRef("child_id"), end_date__isnull=True, start_date__isnull=False,
                                 **filters).order_by("-start_date", "-id").values(value)[:1])


FACTS = ("pk", "child_id", "referral_date", "v_plan_type", "v_placed_on", "v_looked_after_on", "v_seen_at",
         "v_seen_alone_at", "v_worker_id", "v_long_term")


def open_case_facts(cases: QuerySet[Case]) -> list[SimpleNamespace]:
    """Open cases, each with what its visit rules read, from one query (plain rows: no model objects)."""
    worker = Allocation.objects.filter(case=OuterRef("pk"), ended_at__isnull=True).values("worker_id")[:1]
    rows = (
        cases.filter(closure_date__isnull=True)
        .annotate(
            v_plan_type=Coalesce(F("plan__plan_type"), Value(Plan.Type.CHILD_IN_NEED)),
            v_placed_on=Subquery(_current(Placement)),
            v_long_term=Subquery(_current(Placement, "long_term")),
            v_looked_after_on=Subquery(_current(LegalStatus, status__in=LOOKED_AFTER_STATUSES)),
            v_seen_at=_visit_seen(alone=False), v_seen_alone_at=_visit_seen(alone=True),
            v_worker_id=Subquery(worker),
        )
        .values_list(*FACTS)
    )
    return [SimpleNamespace(**dict(zip(FACTS, row))) for row in rows]


def rules() -> dict[str, VisitRule]:
    """The council's rules; a rule missing from the table (never deleted in the admin) counts at its default."""
    found = {rule.code: rule for rule in VisitRule.objects.all()}
    for code, interval, unit, alone, source in DEFAULTS:
        found.setdefault(code, VisitRule(code=code, interval=interval, unit=unit, child_seen_alone=alone, source=source))
    return found


class _Clock:
    """Adds a rule's interval to a date; builds the working calendar (one query) only when a rule needs it."""

    def __init__(self):
        self._calendar = None

    def add(self, day: date, rule: VisitRule) -> date:
        if rule.unit == VisitRule.Unit.WORKING_DAYS:
            if self._calendar is None:
                self._calendar = working_calendar()
            return self._calendar.add_working_days(day, rule.interval)
        if rule.unit == VisitRule.Unit.MONTHS:
            return day + relativedelta(months=rule.interval)
        return day + timedelta(days=rule.interval * (7 if rule.unit == VisitRule.Unit.WEEKS else 1))


def _last_seen(case, rule: VisitRule) -> date | None:
    moment = case.v_seen_alone_at if rule.child_seen_alone else case.v_seen_at
    return london_date(moment) if moment else None


def _looked_after_due(case, found: dict, clock: _Clock) -> tuple[VisitRule, date, date | None]:
    """Regulation 28: within a week of the placement's start, six-weekly in its first year, then three-monthly
    only where the placement is intended to last until the child is 18 (a long-term placement); otherwise
    six-weekly still. A child looked after by legal status alone, with no placement recorded, stays six-weekly."""
    placed_on = case.v_placed_on or case.v_looked_after_on
    new = found[Code.NEW_PLACEMENT]
    seen = _last_seen(case, new)
    if seen is None or seen < placed_on:
        return new, clock.add(placed_on, new), seen
    first_year = found[Code.LOOKED_AFTER_FIRST_YEAR]
    seen = max(_last_seen(case, first_year) or placed_on, placed_on)
    if seen < placed_on + relativedelta(years=1) or not case.v_long_term:
        return first_year, clock.add(seen, first_year), seen
    later = found[Code.LOOKED_AFTER]
    seen = max(_last_seen(case, later) or placed_on, placed_on)
    return later, clock.add(seen, later), seen


def _due(case, found: dict, clock: _Clock, today: date) -> VisitDue:
    candidates = []
    looked_after = case.v_placed_on is not None or case.v_looked_after_on is not None
    if looked_after:
        candidates.append(("Looked after", *_looked_after_due(case, found, clock)))
    if not looked_after or case.v_plan_type == Plan.Type.CHILD_PROTECTION:
        rule = found[PLAN_RULES.get(case.v_plan_type, Code.CHILD_IN_NEED)]
        seen = _last_seen(case, rule)
        candidates.append((STATUS_LABELS[rule.code], rule, clock.add(seen or case.referral_date, rule), seen))
    status, rule, due_on, seen = min(candidates, key=lambda candidate: candidate[2])
    if looked_after and len(candidates) > 1:
        status = "Looked after, child protection plan"
    return VisitDue(child_id=case.child_id, case_id=case.pk, worker_id=case.v_worker_id, status=status, rule=rule,
                    due_on=due_on, last_seen_on=seen, today=today, plan_type=case.v_plan_type)


def worked_out_for_cases(cases: QuerySet[Case], *, today: date | None = None) -> list[VisitDue]:
    """The next visit due of each open case in `cases`, worked out from the record now, in a fixed number of
    queries (children not attached). Only `records.statutory_visits.services` calls it, to keep `NextVisit`;
    pages read what it stored."""
    today = today or timezone.localdate()
    found, clock = rules(), _Clock()
    return [_due(case, found, clock, today) for case in open_case_facts(cases)]


# --- Reading the stored clocks (NextVisit): one indexed query, whatever the number of open cases --------------

def _from_stored(row: NextVisit, found: dict, today: date, *, worker_id=None, child=None) -> VisitDue:
    return VisitDue(child_id=row.child_id, case_id=row.case_id, worker_id=worker_id, status=row.status,
                    rule=found[row.rule_code], due_on=row.due_on, last_seen_on=row.last_seen_on, today=today,
                    plan_type=row.plan_type, child=child)


def _open(rows: QuerySet[NextVisit]) -> QuerySet[NextVisit]:
    return rows.filter(case__closure_date__isnull=True)


def _within(rows: QuerySet[NextVisit], today: date, within_days: int | None) -> QuerySet[NextVisit]:
    return rows if within_days is None else rows.filter(due_on__lte=today + timedelta(days=within_days))


def due_for_cases(cases: QuerySet[Case], *, today: date | None = None, within_days: int | None = None) -> list[VisitDue]:
    """The next visit due of each open case in `cases` (only those due within `within_days` days, or overdue,
    when given), most overdue first, as stored. Children are not attached."""
    today = today or timezone.localdate()
    found = rules()
    rows = _within(_open(NextVisit.objects.filter(case__in=cases)), today, within_days).order_by("due_on", "case_id")
    return [_from_stored(row, found, today) for row in rows]


class VisitsDue:
    """Visits due, most overdue first (within a day, by the child's name), read a slice at a time: a page of a
    list costs one query for the slice and one for the rules (none for an empty slice), however many cases there
    are."""

    def __init__(self, rows: QuerySet[NextVisit], today: date):
        self.rows = rows.select_related("child").order_by("due_on", "child__last_name", "child__first_name", "case_id")
        self.today = today

    def __getitem__(self, index):
        if isinstance(index, slice):
            rows = list(self.rows[index])
            found = rules() if rows else {}
            return [_from_stored(row, found, self.today, child=row.child) for row in rows]
        row = self.rows[index]
        found = rules()
        return _from_stored(row, found, self.today, child=row.child)

    def __iter__(self):
        return iter(self[:])

    def count(self) -> int:
        return self.rows.count()


def visits_due_for(user, *, within_days: int = DUE_SOON_DAYS, allocated_to=None, today: date | None = None,
                   visible=None) -> list[VisitDue]:
    """Every visit of `visits_due_tray` (below), as a list."""
    return list(visits_due_tray(user, within_days=within_days, allocated_to=allocated_to, today=today, visible=visible))


def visits_due_tray(user, *, within_days: int = DUE_SOON_DAYS, allocated_to=None, today: date | None = None,
                    visible=None) -> VisitsDue:
    """Visits overdue or due within `within_days` days for the children this user may see, most overdue first.

    `allocated_to`: only the cases allocated to that worker now (a practitioner's own work). `visible`: the ids
    (or a queryset of ids) of the children the user may see, or that rule as a test of the row's child (a `Q`), when
    the caller has it already."""
    today = today or timezone.localdate()
    if visible is None:
        visible = Child.objects.visible_to(user).values("pk")
    if not isinstance(visible, Q):
        visible = Q(child__in=visible)
    rows = _within(_open(NextVisit.objects.filter(visible)), today, within_days)
    if allocated_to is not None:
        allocated = Allocation.objects.filter(ended_at__isnull=True, worker=allocated_to).values("case_id")
        rows = rows.filter(case__in=allocated)
    return VisitsDue(rows, today)


def next_visit_due(child, *, today: date | None = None) -> VisitDue | None:
    """The child's next statutory visit, for their banner; None without an open case. The caller has
    already fetched the child through the permission layer (child_for_request)."""
    today = today or timezone.localdate()
    row = _open(NextVisit.objects.filter(child=child)).order_by("due_on", "case_id").first()
    return _from_stored(row, rules(), today, child=child) if row is not None else None


def banner_clock_columns() -> dict:
    """For the child's banner (casework.banner, handed over in records/apps.py): the open case's type of plan,
    which makes the status "Child protection plan", and its next statutory visit, as subqueries of the banner's
    one child query (the earliest due of the child's open cases)."""
    first = _open(NextVisit.objects.filter(child=OuterRef("pk"))).order_by("due_on", "case_id")
    return {"visit_plan_kind": Subquery(first.values("plan_type")[:1]),
            "visit_due_on": Subquery(first.values("due_on")[:1])}


def due_by_child(children, *, today: date | None = None) -> dict[int, VisitDue]:
    """{child id: next visit due} for a page of children already read through the permission layer."""
    by_id = {child.pk: child for child in children}
    if not by_id:
        return {}
    today = today or timezone.localdate()
    found = rules()
    result = {}
    for row in _open(NextVisit.objects.filter(child_id__in=list(by_id))).order_by("-due_on", "-case_id"):
        result[row.child_id] = _from_stored(row, found, today, child=by_id[row.child_id])  # the earliest wins
    return result


def _for_workers(worker_ids, today: date, within_days: int) -> QuerySet[NextVisit]:
    allocated = Allocation.objects.filter(ended_at__isnull=True, worker_id__in=list(worker_ids))
    worker = allocated.filter(case_id=OuterRef("case_id")).values("worker_id")[:1]
    return (_within(_open(NextVisit.objects.filter(case__in=allocated.values("case_id"))), today, within_days)
            .annotate(worker_id=Subquery(worker)))


def visit_count_columns(*, within_days: int, today: date) -> dict:
    """The two visit counts of the team dashboard's column (visits due within `within_days` days or overdue, of
    which overdue), as aggregates over current allocations of open cases, each joined to its case's clock: for a
    query that counts other things of the same allocations in the same pass (`records.dashboard.figures`)."""
    return {"visits_due": Count("case_id", filter=Q(case__next_visit__due_on__lte=today + timedelta(days=within_days))),
            "visits_overdue": Count("case_id", filter=Q(case__next_visit__due_on__lt=today))}


def _allocations_due(worker_ids, today: date, within_days: int) -> QuerySet[Allocation]:
    """The current allocations to these workers of open cases with a visit due within `within_days` days or overdue.
    From the workers' allocations, each joined to its case's clock (a case has one current allocation: casework's
    constraint), not from every clock with a subquery for its worker."""
    return Allocation.objects.filter(ended_at__isnull=True, worker_id__in=list(worker_ids),
                                     case__closure_date__isnull=True,
                                     case__next_visit__due_on__lte=today + timedelta(days=within_days))


def visit_totals_for_workers(worker_ids, *, within_days: int = DUE_SOON_DAYS, today: date | None = None,
                             children: QuerySet[Child]) -> tuple[int, int]:
    """(How many visits are due within `within_days` days or overdue on the open cases allocated to these workers
    now; how many of them on `children`, from the permission layer), in one query: the dashboard drill-down's total
    and its list's count."""
    today = today or timezone.localdate()
    counts = _allocations_due(worker_ids, today, within_days).aggregate(
        total=Count("case_id"), listed=Count("case_id", filter=Q(case__child__in=children.values("pk"))))
    return counts["total"], counts["listed"]


def due_for_workers(worker_ids, *, within_days: int = DUE_SOON_DAYS, today: date | None = None,
                    children: QuerySet[Child] | None = None) -> VisitsDue:
    """Visits overdue or due within `within_days` days on the open cases allocated to these workers, most overdue
    first (the team dashboard's drill-down; `children`: only these, from the permission layer)."""
    today = today or timezone.localdate()
    rows = _for_workers(worker_ids, today, within_days)
    if children is not None:
        rows = rows.filter(child__in=children.values("pk"))
    return VisitsDue(rows, today)
