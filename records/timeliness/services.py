"""The timeliness engine (§4, §5.2, §5.5, §10): which work is overdue, as flags.

Each kind of flag is a small `FlagKind`: a queryset of what is overdue now, with the subject
(an entry or a case), the child, who should do the work and when it was due. `run_flag_pass`
makes the open flags of each kind equal to that set, in SQL, one transaction per kind:

- it opens a flag for what is overdue and has none (INSERT ... SELECT, ON CONFLICT DO NOTHING:
  the partial unique indexes make two passes at once, or a pass run twice, harmless);
- it closes the open flags whose work is no longer overdue (one UPDATE).

The result depends only on the data and `now`, never on when or how often the pass runs, so a
worker killed mid-pass leaves whole kinds done or untouched, and the next pass converges.
Adding a kind is one more FlagKind in KINDS and, for a new kind of subject, one more column on
Flag (records.models.FLAG_SUBJECTS).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Callable

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.db.models import Case as DjangoCase
from django.db.models import (
    Count, DateField, DateTimeField, Exists, ExpressionWrapper, F, Func, Max, OuterRef, Q, QuerySet,
    Subquery, Value, When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from access.models import RecordsInformation, Restriction, SubjectAccessRequest
from casework.models import Allocation, Case
from records.calendar.working_days import LONDON
from records.designs.models import VISIT_AND_CONTACT_KINDS
from records.entries.services import working_calendar
from records.models import (
    AuditDeficiency, AuditSample, AuditSchedule, Entry, Flag, PaperFileMove, PaperFileRemoval, RecordKind,
)
from records.sharing.subject_access import NEAR_DAYS, OPEN_STATUSES
from records.statutory_visits.models import NextVisit
from records.statutory_visits.services import refresh_all as refresh_visit_clocks

CASE_SUMMARY_EVERY = relativedelta(months=3)  # §5.5
TOLD_ABOUT_RECORDS_WORKING_DAYS = 20  # §3: told about their records within 20 working days of referral


@dataclass(frozen=True)
class FlagKind:
    code: str
    label: str
    subject: str  # one of records.models.FLAG_SUBJECTS: the column the flag points at
    overdue: Callable  # (now) -> queryset with f_subject, f_child, f_owner, f_due
    # When the due time itself can move (an extended deadline), a flag whose due time no longer
    # matches is closed and a new one opened with the new due time: flags are never edited.
    match_due: bool = False
    # A subject with one open flag per due time (a team's schedule, one per month missed): `overdue`
    # returns the rows as a list, worked out in Python, and each is matched by subject and due time.
    per_due: bool = False


def _entry_rows(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        f_subject=F("id"), f_child=F("child_id"), f_owner=F("recorded_by_id"), f_due=F("due_at")
    ).values("f_subject", "f_child", "f_owner", "f_due")


def basic_details_overdue(now):
    """§5.2: a visit whose basic details are not recorded by the end of the second working day."""
    return _entry_rows(
        Entry.objects.filter(kind=RecordKind.VISIT, basic_details_recorded_at__isnull=True, due_at__lte=now)
        .exclude(status=Entry.Status.COMPLETED)
    )


def write_up_overdue(now):
    """§4, §10: a visit or contact whose full write-up is not completed by its due time (same-day ones: below)."""
    return _entry_rows(
        Entry.objects.filter(kind__in=VISIT_AND_CONTACT_KINDS, due_at__lte=now, same_day_reason="")
        .exclude(status=Entry.Status.COMPLETED)
    )


def draft_overdue(now):
    """§10: any other draft entry (a decision, an assessment, a summary) left unfinished past its due time."""
    return _entry_rows(
        Entry.objects.filter(status=Entry.Status.DRAFT, due_at__lte=now, same_day_reason="")
        .exclude(kind__in=VISIT_AND_CONTACT_KINDS)
    )


def same_day_overdue(now):
    """§4: an entry to be recorded the same day (safeguarding, Emergency Duty Team), not completed by the
    end of the event's day. It replaces the write-up and draft flags for that entry."""
    return _entry_rows(
        Entry.objects.exclude(same_day_reason="").filter(due_at__lte=now).exclude(status=Entry.Status.COMPLETED)
    )


def case_summary_due(now):
    """§5.5: an open case with no completed case summary in the last three months."""
    cutoff = now - CASE_SUMMARY_EVERY
    period = now - cutoff  # the length of the last three calendar months
    last_summary = (
        Entry.objects.filter(case=OuterRef("pk"), kind=RecordKind.CASE_SUMMARY, status=Entry.Status.COMPLETED)
        .values("case").annotate(last=Max("event_at")).values("last")
    )
    worker = Allocation.objects.filter(case=OuterRef("pk"), ended_at__isnull=True).values("worker_id")[:1]
    base = Coalesce(Subquery(last_summary), Cast("referral_date", DateTimeField()))
    return (
        Case.objects.filter(closure_date__isnull=True)
        .annotate(f_base=base)
        .filter(f_base__lt=Value(cutoff, output_field=DateTimeField()))
        .annotate(
            f_subject=F("id"), f_child=F("child_id"), f_owner=Subquery(worker),
            f_due=ExpressionWrapper(F("f_base") + Value(period), output_field=DateTimeField()),
        )
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


class EndOfLondonDay(Func):
    """The moment a date ends in Europe/London (midnight at the start of the next day), as a timestamp."""

    output_field = DateTimeField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "((%(expressions)s + 1)::timestamp AT TIME ZONE 'Europe/London')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite (the `make run` database) has no time zones: UTC midnight, an hour early in summer.
        return self.as_sql(compiler, connection, template="datetime(%(expressions)s, '+1 day')", **extra)


def subject_access_due(now):
    """A subject access request still open within NEAR_DAYS days of its deadline, or past it.

    Due at the end of the deadline day; owned by the manager who took the request.
    """
    horizon = timezone.localdate(now) + timedelta(days=NEAR_DAYS)
    return (
        SubjectAccessRequest.objects.filter(status__in=OPEN_STATUSES)
        .annotate(f_deadline=Coalesce("extended_to", "due_on", output_field=DateField()))
        .filter(f_deadline__lte=horizon)
        .annotate(f_subject=F("id"), f_child=F("child_id"), f_owner=F("created_by_id"),
                  f_due=EndOfLondonDay("f_deadline"))
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def _ended(date_field: str, now) -> Q:
    """The day in `date_field` has ended in London by `now` (such work is due at the end of that day)."""
    return Q(**{f"{date_field}__lt": timezone.localdate(now)})


def restriction_review_due(now):
    """§8: a restriction still in force after its review date; the manager whose advice was taken reviews it."""
    return (
        Restriction.objects.filter(_ended("review_date", now), lifted_at__isnull=True)
        .annotate(f_subject=F("id"), f_child=F("child_id"), f_owner=F("advised_by_id"),
                  f_due=EndOfLondonDay("review_date"))
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def audit_deficiency_overdue(now):
    """§13: a deficiency found by a record audit and not put right by its date."""
    return (
        AuditDeficiency.objects.filter(_ended("put_right_by", now), done_at__isnull=True)
        .annotate(f_subject=F("id"), f_child=F("child_id"), f_owner=F("assigned_to_id"),
                  f_due=EndOfLondonDay("put_right_by"))
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def paper_file_not_returned(now):
    """§15: a paper file taken out with a manager's approval and not back by the agreed return date."""
    return (
        PaperFileRemoval.objects.filter(_ended("return_by", now), approved_at__isnull=False, returned_at__isnull=True)
        .annotate(f_subject=F("id"), f_child=F("child_id"), f_owner=F("requested_by_id"),
                  f_due=EndOfLondonDay("return_by"))
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def paper_file_arrival_unconfirmed(now):
    """§15.2: a volume sent to another location whose arrival nobody there has confirmed within five working days
    (the due day is stored when it is sent); the sender checks that it arrived."""
    return (
        PaperFileMove.objects.filter(_ended("arrival_due_on", now), to_team__isnull=False, arrival__isnull=True)
        .annotate(f_subject=F("id"), f_child=F("volume__child_id"), f_owner=F("recorded_by_id"),
                  f_due=EndOfLondonDay("arrival_due_on"))
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def _allocated_worker():
    return Allocation.objects.filter(case=OuterRef("pk"), ended_at__isnull=True).values("worker_id")[:1]


def told_about_records_due(now):
    """§3: an open case whose family, and the child when old enough to understand, have not been told about
    their records within 20 working days of the referral (the Sharing tab records it). The allocated
    worker tells them; due at the end of the 20th working day after the referral, in London."""
    told_since_referral = RecordsInformation.objects.filter(child=OuterRef("child_id"),
                                                            told_on__gte=OuterRef("referral_date"))
    family_told = told_since_referral.filter(told_whom__in=RecordsInformation.FAMILY_TOLD)
    child_told = told_since_referral.filter(told_whom__in=RecordsInformation.CHILD_TOLD_OR_TOO_YOUNG)
    untold = Case.objects.filter(closure_date__isnull=True).exclude(Exists(family_told) & Exists(child_told))
    # 20 working days are at least four weeks: only referrals older than that can be overdue.
    today = timezone.localdate(now)
    calendar = working_calendar()
    due = {}
    # Oldest referral first (order_by: the model's ordering would make DISTINCT one row per case). A later referral
    # is never due earlier, so the referrals due are those up to the first one not yet due: one condition on the
    # date, not one for each of hundreds of days.
    for referral_date in (untold.filter(referral_date__lte=today - timedelta(days=28))
                          .values_list("referral_date", flat=True).order_by("referral_date").distinct()):
        due_at = calendar.due_at(datetime.combine(referral_date, time(12), tzinfo=LONDON),
                                 TOLD_ABOUT_RECORDS_WORKING_DAYS)
        if due_at > now:
            break
        due[referral_date] = due_at
    return _cases_due(untold, [(Q(referral_date=day), moment) for day, moment in due.items()],
                      chosen=Q(referral_date__lte=max(due)) if due else None)


def _cases_due(cases: QuerySet, due: list[tuple[Q, datetime]], chosen: Q | None = None):
    """The cases matching one of the conditions, each due at that condition's moment, owned by the allocated
    worker: for kinds whose due time is worked out in Python (working days, visit rules). `chosen`, when given, is
    one condition equal to "one of the conditions" (cheaper for the database than hundreds of them)."""
    # Typed in SQL: the pass inserts these rows with raw SQL, where an untyped parameter is text.
    f_due = Cast(DjangoCase(*[When(condition, then=Value(moment)) for condition, moment in due],
                            default=Value(None), output_field=DateTimeField()) if due else Value(None),
                 DateTimeField())
    if chosen is None:
        # (an empty IN would be no SQL at all; the pass needs a query that finds nothing)
        chosen = Q(pk__lt=0)
        for condition, _ in due:
            chosen |= condition
    return (
        cases.filter(chosen)
        .annotate(f_subject=F("id"), f_child=F("child_id"), f_owner=Subquery(_allocated_worker()), f_due=f_due)
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def statutory_visit_overdue(now):
    """Issue 16: an open case whose next statutory visit (records.statutory_visits, as stored in NextVisit) was
    due before today, in London; due at the end of the due day. A visit recorded moves the due day, so the flag
    closes and, if the new day has passed too, a new one opens with it."""
    return (
        NextVisit.objects.filter(_ended("due_on", now), case__closure_date__isnull=True)
        .annotate(f_subject=F("case_id"), f_child=F("child_id"),
                  f_owner=Subquery(Allocation.objects.filter(case=OuterRef("case_id"), ended_at__isnull=True)
                                   .values("worker_id")[:1]),
                  f_due=EndOfLondonDay("due_on"))
        .values("f_subject", "f_child", "f_owner", "f_due")
    )


def _month_start(day):
    return day.replace(day=1)


def _months(first, end):
    """The first days of the months from `first`'s month up to, not including, `end`'s month."""
    month = _month_start(first)
    while month < end:
        yield month
        month = month + relativedelta(months=1)


def audit_sample_missing(now) -> list[dict]:
    """§13: every calendar month since a team's audit schedule began, up to last month, whose samples drew
    fewer records than the schedule asks (samples whose period falls in the month count, so a late draw
    puts it right). One flag per month missed, for the team's manager, due at the end of that month in
    London: a month is not forgotten because a later month came. Two queries, whatever the number of teams."""
    this_month = _month_start(timezone.localdate(now))
    schedules = list(AuditSchedule.objects.filter(starts_on__lt=this_month)
                     .values("pk", "team_id", "team__manager_id", "starts_on", "records_per_month"))
    if not schedules:
        return []
    samples: dict[int, list] = {}
    for row in (AuditSample.objects.filter(team_id__in={s["team_id"] for s in schedules},
                                           period_start__lt=this_month,
                                           period_end__gte=min(s["starts_on"] for s in schedules))
                .annotate(n=Count("audits")).values("team_id", "period_start", "period_end", "n")):
        samples.setdefault(row["team_id"], []).append(row)
    rows = []
    for schedule in schedules:
        for month in _months(schedule["starts_on"], this_month):
            month_end = month + relativedelta(months=1)
            drawn = sum(row["n"] for row in samples.get(schedule["team_id"], ())
                        if row["period_start"] < month_end and row["period_end"] >= month)
            if drawn < schedule["records_per_month"]:
                rows.append({"f_subject": schedule["pk"], "f_child": None, "f_owner": schedule["team__manager_id"],
                             "f_due": datetime.combine(month_end, time.min, tzinfo=LONDON)})
    return rows


KINDS = [
    FlagKind("basic_details_overdue", "Basic details of a visit not recorded", "entry", basic_details_overdue),
    FlagKind("write_up_overdue", "Write-up not completed", "entry", write_up_overdue),
    FlagKind("draft_overdue", "Draft left unfinished", "entry", draft_overdue),
    FlagKind("same_day_overdue", "Same-day record not completed", "entry", same_day_overdue),
    FlagKind("case_summary_due", "Case summary due (every three months)", "case", case_summary_due),
    FlagKind("subject_access_due", "Subject access request near or past its deadline", "subject_access_request",
             subject_access_due, match_due=True),
    FlagKind("restriction_review_due", "Restriction past its review date", "restriction", restriction_review_due,
             match_due=True),
    FlagKind("audit_deficiency_overdue", "Audit deficiency not put right in time", "audit_deficiency",
             audit_deficiency_overdue, match_due=True),
    FlagKind("paper_file_not_returned", "Paper file not returned", "paper_file_removal", paper_file_not_returned,
             match_due=True),
    FlagKind("paper_file_arrival_unconfirmed", "Paper file arrival not confirmed", "paper_file_move",
             paper_file_arrival_unconfirmed),
    FlagKind("told_about_records_due", "Child and family not yet told about their records", "case",
             told_about_records_due),
    FlagKind("statutory_visit_overdue", "Statutory visit overdue", "case", statutory_visit_overdue, match_due=True),
    # Each month missed is a flag of its own, open until that month's sample is drawn: the month is the due time.
    FlagKind("audit_sample_missing", "A month's audit sample not drawn", "audit_schedule", audit_sample_missing,
             per_due=True),
]
KIND_LABELS = {kind.code: kind.label for kind in KINDS}


def _open_missing_per_due(kind: FlagKind, now, rows: list[dict]) -> int:
    """Open a flag for each (subject, due time) that has none open; the unique index on kind, subject and due
    time makes a pass run twice, or two at once, harmless."""
    column = f"{kind.subject}_id"
    statement = (
        f"INSERT INTO records_flag (kind, {column}, child_id, owner_id, due_at, opened_at, closed_reason) "
        f"SELECT %s, %s, %s, %s, %s, %s, '' WHERE NOT EXISTS (SELECT 1 FROM records_flag f WHERE f.kind = %s "
        f"AND f.{column} = %s AND f.due_at = %s AND f.closed_at IS NULL) ON CONFLICT DO NOTHING"
    )
    opened = 0
    moment = connection.ops.adapt_datetimefield_value  # as the ORM stores them (SQLite: UTC, no offset)
    with connection.cursor() as cursor:
        for row in rows:
            due = moment(row["f_due"])
            cursor.execute(statement, [kind.code, row["f_subject"], row["f_child"], row["f_owner"], due, moment(now),
                                       kind.code, row["f_subject"], due])
            opened += cursor.rowcount
    return opened


def _close_done_per_due(kind: FlagKind, now, rows: list[dict]) -> int:
    still_overdue = Q(pk__in=[])
    for row in rows:
        still_overdue |= Q(**{f"{kind.subject}_id": row["f_subject"]}, due_at=row["f_due"])
    return (
        Flag.objects.filter(kind=kind.code, closed_at__isnull=True).exclude(still_overdue)
        .update(closed_at=now, closed_reason="Closed by the timeliness pass: the work was done or is no longer due")
    )


def _open_missing(kind: FlagKind, now, overdue: QuerySet) -> int:
    sql, params = overdue.query.sql_with_params()
    column = f"{kind.subject}_id"
    statement = (
        f"INSERT INTO records_flag (kind, {column}, child_id, owner_id, due_at, opened_at, closed_reason) "
        f"SELECT %s, s.f_subject, s.f_child, s.f_owner, s.f_due, %s, '' FROM ({sql}) AS s "
        f"WHERE NOT EXISTS (SELECT 1 FROM records_flag f WHERE f.kind = %s AND f.{column} = s.f_subject "
        f"AND f.closed_at IS NULL) ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [kind.code, now, *params, kind.code])
        return cursor.rowcount


def _close_done(kind: FlagKind, now, overdue: QuerySet) -> int:
    still_overdue = overdue.filter(f_subject=OuterRef(f"{kind.subject}_id"))
    if kind.match_due:
        still_overdue = still_overdue.filter(f_due=OuterRef("due_at"))
    return (
        Flag.objects.filter(kind=kind.code, closed_at__isnull=True)
        .exclude(Exists(still_overdue))
        .update(closed_at=now, closed_reason="Closed by the timeliness pass: the work was done or is no longer due")
    )


def run_flag_pass(now=None) -> dict[str, tuple[int, int]]:
    """Open and close flags so that they match what is overdue at `now`. Returns {kind: (opened, closed)}."""
    now = now or timezone.now()
    result = {}
    # The safety net under the services that keep each open case's next statutory visit: it writes only what
    # differs from what is stored, so with nothing changed it writes nothing.
    refresh_visit_clocks()
    for kind in KINDS:
        overdue = kind.overdue(now)  # built once: some kinds work out due times in Python first
        with transaction.atomic():
            if kind.per_due:  # rows worked out in Python, one flag per (subject, due time)
                closed = _close_done_per_due(kind, now, overdue)
                opened = _open_missing_per_due(kind, now, overdue)
            else:
                closed = _close_done(kind, now, overdue)
                opened = _open_missing(kind, now, overdue)
        result[kind.code] = (opened, closed)
    return result


def overdue_by(flag, now=None) -> timedelta:
    return (now or timezone.now()) - flag.due_at


def open_flags() -> QuerySet[Flag]:
    return Flag.objects.filter(closed_at__isnull=True).select_related("child", "entry", "owner")


def describe(flag) -> str:
    return KIND_LABELS.get(flag.kind, flag.kind)
