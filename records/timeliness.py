"""The timeliness engine (§4, §5.2, §5.5, §10): which work is overdue, as flags.

Each kind of flag is a small `FlagKind`: a queryset of what is overdue now, with the subject
(an entry or a case), the child, who should do the work and when it was due. `run_flag_pass`
makes the open flags of each kind equal to that set, in SQL, one transaction per kind:

- it opens a flag for what is overdue and has none (INSERT ... SELECT, ON CONFLICT DO NOTHING:
  the partial unique indexes make two passes at once, or a pass run twice, harmless);
- it closes the open flags whose work is no longer overdue (one UPDATE).

The result depends only on the data and `now`, never on when or how often the pass runs, so a
worker killed mid-pass leaves whole kinds done or untouched, and the next pass converges.
Adding a kind (restrictions due for review, paper files not returned, subject access requests
near their deadline) is one more FlagKind in KINDS.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from casework.models import Allocation, Case
from records.models import Entry, Flag, RecordKind

CONTACT_KINDS = [kind.value for kind in RecordKind if kind.value.startswith("contact_")]
VISIT_AND_CONTACT_KINDS = [RecordKind.VISIT.value, *CONTACT_KINDS]
CASE_SUMMARY_EVERY = relativedelta(months=3)  # §5.5


@dataclass(frozen=True)
class FlagKind:
    code: str
    label: str
    subject: str  # "entry" or "case": the column the flag points at
    overdue: Callable  # (now) -> queryset with f_subject, f_child, f_owner, f_due


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
    """§4, §10: a visit or contact whose full write-up is not completed by its due time."""
    return _entry_rows(
        Entry.objects.filter(kind__in=VISIT_AND_CONTACT_KINDS, due_at__lte=now).exclude(status=Entry.Status.COMPLETED)
    )


def draft_overdue(now):
    """§10: any other draft entry (a decision, an assessment, a summary) left unfinished past its due time."""
    return _entry_rows(
        Entry.objects.filter(status=Entry.Status.DRAFT, due_at__lte=now).exclude(kind__in=VISIT_AND_CONTACT_KINDS)
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


KINDS = [
    FlagKind("basic_details_overdue", "Basic details of a visit not recorded", "entry", basic_details_overdue),
    FlagKind("write_up_overdue", "Write-up not completed", "entry", write_up_overdue),
    FlagKind("draft_overdue", "Draft left unfinished", "entry", draft_overdue),
    FlagKind("case_summary_due", "Case summary due (every three months)", "case", case_summary_due),
]
KIND_LABELS = {kind.code: kind.label for kind in KINDS}


def _open_missing(kind: FlagKind, now) -> int:
    sql, params = kind.overdue(now).query.sql_with_params()
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


def _close_done(kind: FlagKind, now) -> int:
    still_overdue = kind.overdue(now).filter(f_subject=OuterRef(f"{kind.subject}_id"))
    return (
        Flag.objects.filter(kind=kind.code, closed_at__isnull=True)
        .exclude(Exists(still_overdue))
        .update(closed_at=now, closed_reason="Closed by the timeliness pass: the work was done or is no longer due")
    )


def run_flag_pass(now=None) -> dict[str, tuple[int, int]]:
    """Open and close flags so that they match what is overdue at `now`. Returns {kind: (opened, closed)}."""
    now = now or timezone.now()
    result = {}
    for kind in KINDS:
        with transaction.atomic():
            closed = _close_done(kind, now)
            opened = _open_missing(kind, now)
        result[kind.code] = (opened, closed)
    return result


def overdue_by(flag, now=None) -> timedelta:
    return (now or timezone.now()) - flag.due_at


def open_flags() -> QuerySet[Flag]:
    return Flag.objects.filter(closed_at__isnull=True).select_related("child", "entry", "owner")


def describe(flag) -> str:
    return KIND_LABELS.get(flag.kind, flag.kind)
