"""Keeping each open case's next statutory visit (`NextVisit`) equal to what the record says now.

The services that change what a clock is worked out from say so after their change, inside their transaction,
through `casework.children.changes.case_facts_changed` (records/apps.py hands it `refresh_children`; casework and
the lower records features may not import this one): completing a visit (records.entries), starting a plan or
changing its type (records.plans), opening or closing a case and starting, correcting or ending a placement or a
legal status (casework). A visit rule or a closure day saved in the admin calls `refresh_all` (records/admin.py),
and so does every `migrate`. The hourly timeliness pass calls `refresh_all` first, as a safety net: it writes only
what differs, so a pass with nothing changed writes nothing, and running it twice changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from casework.models import Case
from records.statutory_visits.models import NextVisit
from records.statutory_visits.selectors import worked_out_for_cases

FIELDS = ("child_id", "due_on", "rule_code", "status", "last_seen_on", "plan_type")
BATCH = 2000


def _stored(due) -> tuple:
    return (due.child_id, due.due_on, due.rule.code, due.status, due.last_seen_on, due.plan_type)


def _write(cases, *, delete_missing_from) -> tuple[int, int]:
    """Make the stored clocks of `cases` (a Case queryset) what the record says; stored rows in
    `delete_missing_from` (a NextVisit queryset) whose case is no longer open are removed. (written, removed)"""
    now = timezone.now()
    wanted = {due.case_id: _stored(due) for due in worked_out_for_cases(cases)}
    stored = {row[0]: tuple(row[1:]) for row in delete_missing_from.values_list("case_id", *FIELDS)}
    changed = [NextVisit(case_id=case_id, worked_out_at=now, **dict(zip(FIELDS, values)))
               for case_id, values in wanted.items() if stored.get(case_id) != values]
    gone = [case_id for case_id in stored if case_id not in wanted]
    with transaction.atomic():
        for start in range(0, len(changed), BATCH):
            NextVisit.objects.bulk_create(changed[start:start + BATCH], update_conflicts=True, unique_fields=["case"],
                                          update_fields=[*FIELDS, "worked_out_at"])
        removed = NextVisit.objects.filter(case_id__in=gone).delete()[0] if gone else 0
    return len(changed), removed


def refresh_children(child_ids) -> tuple[int, int]:
    """After a change to what these children's clocks are worked out from: their open cases' next visits."""
    child_ids = list(child_ids)
    return _write(Case.objects.filter(child_id__in=child_ids),
                  delete_missing_from=NextVisit.objects.filter(child_id__in=child_ids))


def refresh_all() -> tuple[int, int]:
    """Every open case's next visit (after a rule or a closure day changed; the hourly safety net)."""
    return _write(Case.objects.all(), delete_missing_from=NextVisit.objects.all())
