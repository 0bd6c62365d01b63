"""Visits for the statutory visit tests: completed visits in which the child was (or was not) seen."""

from datetime import date, datetime, time

from records.calendar.working_days import LONDON
from tests.factories import CompletedEntryFactory


def visit_on(child, by, day: date, *, seen=True, alone=False, status="completed", **fields):
    """A completed visit to `child` on `day` (London, mid-morning) that took place (`fields`: any other, as its case
    or its outcome)."""
    fields = {"visit_outcome": "took_place", **fields, "child_seen": seen, "child_seen_alone": alone if seen else None}
    if not seen:
        fields["reason_child_not_seen"] = "At school"
    return CompletedEntryFactory(child=child, recorded_by=by, kind="visit", status=status,
                                 event_at=datetime.combine(day, time(10), tzinfo=LONDON), **fields)
