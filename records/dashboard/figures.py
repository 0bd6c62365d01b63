"""The team dashboard (§13): how each practitioner's recording stands, read at a glance.

Every figure is one aggregate query for the whole team (grouped by practitioner), never a query per
practitioner, so the page costs the same number of queries for a team of 3 or 30 (tests assert it).
The entries figures are read from `entry_author_completed_idx` alone. Each figure drills down to
the records behind it (`drilldown`), which go through the same permission layer as every page.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from statistics import median

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Aggregate, Case, Count, DateTimeField, DurationField, ExpressionWrapper, F, FloatField, Func, IntegerField, Min,
    OuterRef, Q, Subquery, Value, When,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

from access.models import Restriction
from casework.models import Allocation, Child
from records.models import Entry, Flag, PaperFileRemoval, RecordKind
from records.oversight.models import AuditDeficiency
from records.statutory_visits.selectors import due_for_workers, visit_count_columns, visit_totals_for_workers
from records.timeliness.services import CASE_SUMMARY_EVERY, KIND_LABELS
from records.calendar.working_days import DUE_SOON_DAYS, LONDON

WINDOWS = (30, 90)
TREND_WEEKS = 12
DRILLDOWN_LIMIT = 200
FLAG_PAGE_SIZE = 25  # a figure's flags and visits are paged, like the caseload's and the child's flags (issue 16)


class MedianSeconds(Aggregate):
    """The median of a duration, in seconds (PostgreSQL's ordered-set aggregate). The intervals are sorted as they
    are and the median turned into seconds once: EXTRACT on every row (a numeric since PostgreSQL 14) doubled the
    cost of the team's 60,000 entries."""

    template = "date_part('epoch', percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s))"
    output_field = FloatField()


def _delay():
    return ExpressionWrapper(F("completed_at") - F("event_at"), output_field=DurationField())


def _delay_seconds():
    """The delay in seconds as a float (PostgreSQL): `date_part` of the interval is a float8 (EXTRACT's numeric is
    slow), exact to the microsecond, and a median of floats sorts plain numbers, not intervals (a quarter faster
    over the team's 60,000 entries)."""
    return Func(_delay(), template="date_part('epoch', %(expressions)s)", output_field=FloatField())


@dataclass
class Figures:
    """One practitioner's (or one team's, or the service's) figures."""

    key: int | None
    name: str
    post_title: str = ""
    flags: dict = field(default_factory=dict)  # kind -> {"label", "count", "days_overdue"}
    entries: dict = field(default_factory=lambda: {days: 0 for days in WINDOWS})
    late: dict = field(default_factory=lambda: {days: 0 for days in WINDOWS})
    median_seconds: float | None = None
    summaries_due: int = 0
    restrictions_due: int = 0
    endorsements_waiting: int = 0
    paper_files_out: int = 0
    paper_files_overdue: int = 0
    deficiencies_open: int = 0
    visits_due: int = 0  # statutory visits due within DUE_SOON_DAYS days, or overdue
    visits_overdue: int = 0

    @property
    def flags_total(self) -> int:
        return sum(flag["count"] for flag in self.flags.values())

    @property
    def flag_list(self) -> list[dict]:
        return [{"kind": kind, **value} for kind, value in sorted(self.flags.items())]

    def late_share(self, days: int) -> float | None:
        return None if not self.entries[days] else 100 * self.late[days] / self.entries[days]

    @property
    def late_share_30(self):
        return self.late_share(30)

    @property
    def late_share_90(self):
        return self.late_share(90)

    @property
    def median_text(self) -> str:
        return describe_duration(self.median_seconds)

    def add(self, other: "Figures") -> None:
        for kind, value in other.flags.items():
            mine = self.flags.setdefault(kind, {"label": value["label"], "count": 0, "days_overdue": 0})
            mine["count"] += value["count"]
            mine["days_overdue"] = max(mine["days_overdue"], value["days_overdue"])
        for days in WINDOWS:
            self.entries[days] += other.entries[days]
            self.late[days] += other.late[days]
        for name in ("summaries_due", "restrictions_due", "endorsements_waiting", "paper_files_out",
                     "paper_files_overdue", "deficiencies_open", "visits_due", "visits_overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def describe_duration(seconds: float | None) -> str:
    if seconds is None:
        return "No entries"
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} minutes"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"


def _since(now, days: int) -> datetime:
    return now - timedelta(days=days)


def _open_allocations(user_ids):
    """These workers' current allocations of open cases (a case has one current allocation)."""
    return Allocation.objects.filter(ended_at__isnull=True, case__closure_date__isnull=True, worker_id__in=user_ids)


def _summary_base():
    """§5.5: what an allocated case's next summary is counted from: its last completed case summary, else its
    referral."""
    last_summary = (Entry.objects.filter(case=OuterRef("case_id"), kind=RecordKind.CASE_SUMMARY,
                                         status=Entry.Status.COMPLETED)
                    .order_by("-event_at").values("event_at")[:1])
    return Coalesce(Subquery(last_summary), Cast("case__referral_date", DateTimeField()))


def _summary_cutoff(now) -> datetime:
    return now + timedelta(days=DUE_SOON_DAYS) - CASE_SUMMARY_EVERY


def _summaries_due_rows(user_ids, now):
    """§5.5: open cases allocated to these workers whose next case summary is due within two weeks, or past."""
    return _open_allocations(user_ids).annotate(f_base=_summary_base()).filter(f_base__lt=_summary_cutoff(now))


def _allocation_counts(user_ids, now) -> list[dict]:
    """For each worker, from their current allocations of open cases in one pass: case summaries due (§5.5) and
    statutory visits due or overdue. (Two queries each joined the same 3,000 allocations to their cases.)"""
    today = timezone.localdate(now)
    return list(_open_allocations(user_ids).alias(f_base=_summary_base()).values("worker_id")
                .annotate(summaries_due=Count("case_id", filter=Q(f_base__lt=_summary_cutoff(now))),
                          **visit_count_columns(within_days=DUE_SOON_DAYS, today=today))
                .order_by())


def _restrictions_due_rows(user_ids, now):
    """§8: active restrictions on these workers' allocated children, for review within two weeks, or past."""
    horizon = timezone.localdate(now) + timedelta(days=DUE_SOON_DAYS)
    return Restriction.objects.filter(
        lifted_at__isnull=True, review_date__lte=horizon,
        child__cases__closure_date__isnull=True, child__cases__allocations__ended_at__isnull=True,
        child__cases__allocations__worker_id__in=user_ids,
    )


def _endorsements_rows(user_ids):
    """§4: completed entries waiting for these people, who supplied the information, to endorse them."""
    return Entry.objects.filter(originator_id__in=user_ids, status=Entry.Status.COMPLETED,
                                endorsement_requested_at__isnull=False, endorsed_at__isnull=True)


def _paper_files_rows(user_ids):
    """§15: paper files taken out with approval by these people and not yet returned."""
    return PaperFileRemoval.objects.filter(requested_by_id__in=user_ids, approved_at__isnull=False,
                                           returned_at__isnull=True)


def _medians(queryset, key: str | None) -> dict:
    """{key value: median seconds from event to record}; one query (PostgreSQL), or in Python elsewhere."""
    if connection.vendor == "postgresql":
        if key is None:
            return {None: queryset.aggregate(m=MedianSeconds(_delay()))["m"]}
        return {row[key]: row["m"] for row in queryset.values(key).annotate(m=MedianSeconds(_delay())).order_by()}
    delays: dict = {}
    for row in queryset.values(*([key] if key else []), "completed_at", "event_at"):
        delays.setdefault(row[key] if key else None, []).append((row["completed_at"] - row["event_at"]).total_seconds())
    return {k: median(v) for k, v in delays.items()}


def completed_entries(user_ids, now, days: int):
    return Entry.objects.filter(status=Entry.Status.COMPLETED, recorded_by_id__in=user_ids,
                                completed_at__gte=_since(now, days), completed_at__lte=now)


def figures_for(members, now=None, counts: "CompletedCounts | None" = None) -> dict[int, Figures]:
    """Every figure for each of `members` (users, with staff_profile), in a fixed number of queries. `counts`: their
    `completed_counts`, when the caller has read them for the trend too."""
    now = now or timezone.now()
    ids = [member.pk for member in members]
    result = {member.pk: Figures(key=member.pk, name=member.get_full_name() or member.username,
                                 post_title=getattr(getattr(member, "staff_profile", None), "post_title", ""))
              for member in members}
    if not ids:
        return result
    # Open flags by kind, with the oldest due time (how overdue).
    for row in (Flag.objects.filter(closed_at__isnull=True, owner_id__in=ids)
                .values("owner_id", "kind").annotate(n=Count("*"), oldest=Min("due_at")).order_by()):
        result[row["owner_id"]].flags[row["kind"]] = {
            "label": KIND_LABELS.get(row["kind"], row["kind"]), "count": row["n"],
            "days_overdue": max(0, (now - row["oldest"]).days),
        }
    # Entries completed in the last 30 and 90 days, and how many were late (§10).
    counts = counts or completed_counts(ids, now)
    for user_id, windows in counts.windows.items():
        for days, (total, late) in windows.items():
            result[user_id].entries[days], result[user_id].late[days] = total, late
    for user_id, seconds in counts.medians.items():
        result[user_id].median_seconds = seconds
    for row in _allocation_counts(ids, now):
        figures = result[row["worker_id"]]
        figures.summaries_due, figures.visits_due = row["summaries_due"], row["visits_due"]
        figures.visits_overdue = row["visits_overdue"]
    for row in _small_counts(ids, now):
        setattr(result[row["worker"]], row["figure"], row["n"])
        if row["figure"] == "paper_files_out":
            result[row["worker"]].paper_files_overdue = row["late"]
    return result


def _small_counts(ids, now) -> list[dict]:
    """The figures read from small tables, each counted by worker, in one query (UNION ALL: a round trip each was
    most of their cost): rows of the figure's name, the worker, how many, and (paper files) how many overdue."""
    today = timezone.localdate(now)
    parts = (
        # A restriction's child may be reached through more than one allocation row: counted once.
        ("restrictions_due", _restrictions_due_rows(ids, now), "child__cases__allocations__worker_id",
         Count("id", distinct=True), Value(0)),
        ("endorsements_waiting", _endorsements_rows(ids), "originator_id", Count("id"), Value(0)),
        ("deficiencies_open", AuditDeficiency.objects.filter(assigned_to_id__in=ids, done_at__isnull=True),
         "assigned_to_id", Count("id"), Value(0)),
        ("paper_files_out", _paper_files_rows(ids), "requested_by_id", Count("id"),
         Count("id", filter=Q(return_by__lt=today))),
    )
    queries = [queryset.values(worker=F(key)).annotate(figure=Value(name), n=n, late=late).order_by()
               for name, queryset, key, n, late in parts]
    return list(queries[0].union(*queries[1:], all=True))


def totals(rows, name: str, *, median_seconds=None, key=None) -> Figures:
    total = Figures(key=key, name=name)
    for row in rows:
        total.add(row)
    total.median_seconds = median_seconds
    return total


def team_median(ids, now) -> float | None:
    """The median of them all, as the dashboards read it (`completed_counts`)."""
    return completed_counts(ids, now).median_all


def team_medians(members, now) -> dict:
    """Median time from event to record per team (the service dashboard), one query."""
    ids = [member.pk for member in members]
    if not ids:
        return {}
    return _medians(completed_entries(ids, now, max(WINDOWS)), "recorded_by__staff_profile__team_id")


# --- the trend chart -------------------------------------------------------------------------

def _trend_start(now) -> datetime:
    """Monday 00:00 in London, TREND_WEEKS - 1 weeks before this week's."""
    today = timezone.localdate(now)
    return datetime.combine(today - timedelta(days=today.weekday()) - timedelta(weeks=TREND_WEEKS - 1), time.min,
                            tzinfo=LONDON)


@dataclass
class Week:
    starts: datetime
    total: int
    late: int

    @property
    def on_time_share(self) -> float | None:
        return None if not self.total else 100 * (self.total - self.late) / self.total


@dataclass
class CompletedCounts:
    """Entries completed by each worker in each window (§10: {user id: {days: (total, late)}}), the team's by London
    week over the last TREND_WEEKS weeks, and the median time from event to record over the longest window, of each
    worker ({user id: seconds}) and of them all."""

    windows: dict
    weeks: list
    medians: dict = field(default_factory=dict)
    median_all: float | None = None


# One pass, grouped by worker and span, then by worker, then for all (ROLLUP): the counts add up the spans; each
# level has its median (PostgreSQL's ordered-set aggregate, over the longest window only).
_ROLLUP = """
SELECT recorded_by_id, span, GROUPING(recorded_by_id, span) AS level, COUNT(*) AS n,
       COUNT(*) FILTER (WHERE is_late_entry) AS late,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY delay) FILTER (WHERE completed_at >= %s) AS m
FROM ({entries}) AS entries GROUP BY ROLLUP (recorded_by_id, span)
"""


def _span(moments: list[datetime]):
    """Which span between consecutive `moments` an entry was completed in: how many of the later moments are at or
    before its completion. PostgreSQL's `width_bucket` over them (a binary search) rather than a `CASE` of one
    condition a moment, cheaper for each of 60,000 entries and to build each request."""
    if connection.vendor == "postgresql":
        return Func(F("completed_at"), Value(moments[1:]), function="width_bucket", output_field=IntegerField())
    return Case(*(When(completed_at__lt=moment, then=Value(n)) for n, moment in enumerate(moments[1:])),
                default=Value(len(moments) - 1))


def completed_counts(ids, now=None) -> CompletedCounts:
    """One pass over the workers' completed entries for the windows' counts, the weekly trend and the medians. Each
    entry is put in a span between consecutive moments (the windows' starts, the weeks' Mondays in London), compared
    in the database as they are (no time zone worked out for each of 60,000 entries), and the spans added up here: no
    span crosses a window's start or a week's."""
    now = now or timezone.now()
    first = _trend_start(now)
    starts = [first + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    moments = sorted({*starts, *(_since(now, days) for days in WINDOWS)})
    counts = CompletedCounts({user_id: {days: (0, 0) for days in WINDOWS} for user_id in ids},
                             [Week(start, 0, 0) for start in starts])
    if not ids:
        return counts
    # completed_at, not id: every column read is in entry_author_completed_idx (an index-only scan).
    span = _span(moments)
    entries = Entry.objects.filter(status=Entry.Status.COMPLETED, recorded_by_id__in=ids,
                                   completed_at__gte=moments[0], completed_at__lte=now)
    if connection.vendor == "postgresql":
        sql, params = entries.values("recorded_by_id", "completed_at", "is_late_entry", span=span,
                                     delay=_delay_seconds()).order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(_ROLLUP.format(entries=sql), [_since(now, max(WINDOWS)), *params])
            rows = [dict(zip(("recorded_by_id", "span", "level", "n", "late", "m"), row)) for row in cursor.fetchall()]
        for row in rows:
            if row["level"] == 1:
                counts.medians[row["recorded_by_id"]] = row["m"]
            elif row["level"] == 3:
                counts.median_all = row["m"]
        rows = [row for row in rows if row["level"] == 0]
    else:  # (SQLite, the `make run` database: the counts by span, the medians in Python)
        rows = (entries.values("recorded_by_id", span=span)
                .annotate(n=Count("completed_at"), late=Count("completed_at", filter=Q(is_late_entry=True))).order_by())
        window = completed_entries(ids, now, max(WINDOWS))
        counts.medians, counts.median_all = _medians(window, "recorded_by_id"), _medians(window, None).get(None)
    for row in rows:
        begins = moments[row["span"]]
        mine = counts.windows[row["recorded_by_id"]]
        for days in WINDOWS:
            if begins >= _since(now, days):
                total, late = mine[days]
                mine[days] = (total + row["n"], late + row["late"])
        if begins >= first:
            week = counts.weeks[bisect_right(starts, begins) - 1]
            week.total, week.late = week.total + row["n"], week.late + row["late"]
    return counts


def trend(ids, now=None, counts: CompletedCounts | None = None) -> list[Week]:
    """Entries completed each week (Monday to Sunday, London time) over the last 12 weeks, and how many were late."""
    return (counts or completed_counts(ids, now)).weeks


CHART = {"width": 720, "height": 280, "left": 56, "right": 16, "top": 24, "bottom": 48}


def chart(weeks: list[Week]) -> dict:
    """Coordinates of a bar chart of the share of entries recorded on time each week, for an inline SVG."""
    plot_w = CHART["width"] - CHART["left"] - CHART["right"]
    plot_h = CHART["height"] - CHART["top"] - CHART["bottom"]
    slot = plot_w / max(1, len(weeks))
    bars = []
    for n, week in enumerate(weeks):
        share = week.on_time_share
        height = 0 if share is None else plot_h * share / 100
        x = CHART["left"] + n * slot + slot * 0.2
        bars.append({
            "x": round(x, 1), "width": round(slot * 0.6, 1), "y": round(CHART["top"] + plot_h - height, 1),
            "height": round(height, 1), "label_x": round(x + slot * 0.3, 1),
            "value_y": round(CHART["top"] + plot_h - height - 6, 1),
            "value": "no entries" if share is None else f"{share:.0f}%",
            "week": week, "axis_label": f"{week.starts:%d %b}",
        })
    grid = [{"y": round(CHART["top"] + plot_h - plot_h * p / 100, 1), "label": f"{p}%"} for p in (0, 25, 50, 75, 100)]
    return {**CHART, "bars": bars, "grid": grid, "axis_y": CHART["top"] + plot_h,
            "axis_end": CHART["width"] - CHART["right"], "label_y": CHART["top"] + plot_h + 20}


# --- drilling down to the records behind a figure ------------------------------------------------

FIGURES = {
    "flags": "Open flags",
    "late30": "Late entries in the last 30 days",
    "late90": "Late entries in the last 90 days",
    "entries90": "Entries completed in the last 90 days, longest from event to record first",
    "summaries": "Case summaries due",
    "restrictions": "Restrictions due for review",
    "endorsements": "Entries waiting for endorsement",
    "paper_files": "Paper files out",
    "deficiencies": "Audit deficiencies not yet put right",
    "visits": "Statutory visits due or overdue",
}


@dataclass
class DrillRow:
    child: object
    what: str
    when: object
    detail: str
    url: str | None


def _entry_rows(user, entries, detail):
    """Entries this user may read: restricted ones (§7) only with view_restricted on the child."""
    restricted_ok = Child.objects.with_restricted_access_for(user).values("pk")
    entries = entries.filter(Q(restriction__isnull=True) | Q(restriction__lifted_at__isnull=False)
                             | Q(child__in=restricted_ok))
    return [DrillRow(e.child, e.get_kind_display(), e.event_at, detail(e),
                     reverse("records:entry_detail", args=[e.child.local_id, e.pk]))
            for e in entries.select_related("child")[:DRILLDOWN_LIMIT]]


def flag_page(user, ids, *, kind: str = "", number=None, now=None) -> tuple[list[DrillRow], int, object]:
    """The open flags of these workers, `kind` only when given: (one page of those this user may see, most overdue
    first, FLAG_PAGE_SIZE a page; how many in all; the page). A count and a slice, whatever the number of flags."""
    from records.timeliness.selectors import flag_url

    now = now or timezone.now()
    flags = Flag.objects.filter(closed_at__isnull=True, owner_id__in=ids)
    if kind:
        flags = flags.filter(kind=kind)
    visible = flags.filter(child__in=Child.objects.visible_to(user).values("pk")).select_related("child")
    page = Paginator(visible.order_by("due_at", "pk"), FLAG_PAGE_SIZE).get_page(number)
    rows = [DrillRow(f.child, KIND_LABELS.get(f.kind, f.kind), f.due_at,
                     f"{max(0, (now - f.due_at).days)} days overdue", flag_url(f)) for f in page.object_list]
    return rows, flags.count(), page


def visit_page(user, ids, *, kind: str = "", number=None, now=None) -> tuple[list[DrillRow], int, object]:
    """The statutory visits due or overdue on these workers' cases: (one page of those on children this user may see,
    most overdue first; how many in all; the page). A count and a slice, whatever the number of cases. (`kind`: as
    `flag_page`'s; visits have none.)"""
    today = timezone.localdate(now or timezone.now())
    visible = Child.objects.visible_to(user).values("pk")
    total, listed = visit_totals_for_workers(ids, within_days=DUE_SOON_DAYS, today=today, children=visible)
    paginator = Paginator(due_for_workers(ids, within_days=DUE_SOON_DAYS, today=today, children=visible),
                          FLAG_PAGE_SIZE)
    paginator.count = listed  # counted with the total, in the same pass (the paginator's own count is a second one)
    page = paginator.get_page(number)
    rows = [DrillRow(v.child, v.what, v.due_on, v.detail, reverse("records:visit_new", args=[v.child.local_id]))
            for v in page.object_list]
    return rows, total, page


# The figures whose records are paged (the others list their first DRILLDOWN_LIMIT).
PAGED = {"flags": flag_page, "visits": visit_page}


def drilldown(user, figure: str, ids, *, kind: str = "", now=None) -> tuple[list[DrillRow], int]:
    """The records behind a figure, limited to children this user may see. Returns (rows, how many in all)."""
    now = now or timezone.now()
    visible = Child.objects.visible_to(user).values("pk")
    if figure == "flags":
        rows, total, _ = flag_page(user, ids, kind=kind, now=now)
        return rows, total
    if figure in ("late30", "late90", "entries90"):
        days = 30 if figure == "late30" else 90
        entries = completed_entries(ids, now, days)
        if figure != "entries90":
            entries = entries.filter(is_late_entry=True)
        total = entries.count()
        entries = entries.filter(child__in=visible).annotate(delay=_delay()).order_by("-delay" if figure == "entries90" else "-completed_at", "pk")
        return _entry_rows(user, entries, lambda e: (
            f"Recorded {timezone.localtime(e.completed_at):%d %B %Y %H:%M}, "
            f"{describe_duration((e.completed_at - e.event_at).total_seconds())} after the event")), total
    if figure == "endorsements":
        entries = _endorsements_rows(ids)
        total = entries.count()
        entries = entries.filter(child__in=visible).select_related("originator").order_by("endorsement_requested_at", "pk")
        return _entry_rows(user, entries, lambda e: (
            f"Waiting for {e.originator.get_full_name()} since "
            f"{timezone.localtime(e.endorsement_requested_at):%d %B %Y}")), total
    if figure == "summaries":
        allocations = _summaries_due_rows(ids, now)
        total = allocations.count()
        rows = []
        for a in allocations.filter(case__child__in=visible).select_related("case__child").order_by("f_base", "pk")[:DRILLDOWN_LIMIT]:
            due = a.f_base + CASE_SUMMARY_EVERY
            rows.append(DrillRow(a.case.child, "Case summary", due, f"Due {timezone.localtime(due):%d %B %Y}",
                                 reverse("casework:child_record", args=[a.case.child.local_id])))
        return rows, total
    if figure == "restrictions":
        restrictions = _restrictions_due_rows(ids, now).distinct()
        total = restrictions.count()
        rows = [DrillRow(r.child, "Restriction review", r.review_date, f"Review by {r.review_date:%d %B %Y}",
                         reverse("records:review_restriction", args=[r.child.local_id, r.pk]))
                for r in restrictions.filter(child__in=visible).select_related("child").order_by("review_date", "pk")[:DRILLDOWN_LIMIT]]
        return rows, total
    if figure == "paper_files":
        removals = _paper_files_rows(ids)
        total = removals.count()
        rows = [DrillRow(p.child, "Paper file out", p.return_by, f"To be returned by {p.return_by:%d %B %Y}",
                         reverse("casework:child_record", args=[p.child.local_id]))
                for p in removals.filter(child__in=visible).select_related("child").order_by("return_by", "pk")[:DRILLDOWN_LIMIT]]
        return rows, total
    if figure == "deficiencies":
        deficiencies = AuditDeficiency.objects.filter(assigned_to_id__in=ids, done_at__isnull=True)
        total = deficiencies.count()
        rows = [DrillRow(d.child, "Audit deficiency", d.put_right_by, f"To put right by {d.put_right_by:%d %B %Y}",
                         reverse("records:deficiency", args=[d.child.local_id, d.pk]))
                for d in deficiencies.filter(child__in=visible).select_related("child").order_by("put_right_by", "pk")[:DRILLDOWN_LIMIT]]
        return rows, total
    if figure == "visits":
        rows, total, _ = visit_page(user, ids, now=now)
        return rows, total
    raise KeyError(figure)
