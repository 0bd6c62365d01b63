"""The visits Ofsted's Annex A (casework.returns.annex_a) reads (issue 17): list 4's "Child Seen During Continuous
Assessment", list 6's "Date Child Was Last Seen", list 7's last statutory visit and whether the child was seen alone,
and list 8's last social work visit.

Visits are entries kept by the records app, which casework may not import (access <- casework <- records): records
hands over, when it starts (records/apps.py), the function that reads them for a chunk of children (`use_visits`),
with the rule of records.statutory_visits for a visit that counts (completed, it took place, the child was seen). With
none handed over, the cells stay empty. A visit under an active restriction (§7) is counted, but a cell read from it
says "Restricted" instead of its date or whether the child was seen alone.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from casework.handover import Handover
from casework.returns.annex_a_lists import WITHHELD

YES, NO = "Yes", "No"


class Seen(NamedTuple):
    """A visit in which the child was seen (a tuple: a chunk may read tens of thousands)."""

    day: date  # in London
    alone: bool
    withheld: bool  # in the child's 'Restricted from user' section (§7)


@dataclass
class CaseVisits:
    """A case's visits in which the child was seen."""

    last: Seen | None = None  # the latest by the as-at date, however long ago
    seen: list[Seen] = field(default_factory=list)  # every one from the reader's `since` to the as-at date, oldest first


# (first child id, last child id, *, since: date | None, as_at: date) -> {case id: CaseVisits}, for the children
# whose ids are in that range, in a fixed number of queries; `since` None: no `seen` lists are asked for.
Reader = Callable[..., dict[int, CaseVisits]]
reader: Handover[Reader] = Handover("reader of visits")
use_visits = reader.give


def read(first: int, last: int, *, since: date | None, as_at: date) -> dict[int, CaseVisits] | None:
    """The chunk's visits by case, or None when no reader was handed over (the cells stay empty)."""
    return reader.call_or_none(first, last, since=since, as_at=as_at)


def _latest(visits: CaseVisits | None, first: date, last: date) -> Seen | None:
    if visits is None:
        return None
    if visits.last is not None and first <= visits.last.day <= last:
        return visits.last
    return next((seen for seen in reversed(visits.seen) if first <= seen.day <= last), None)


def seen_between(found: dict | None, case_id: int, first: date, last: date) -> str:
    """Yes when the child was seen on a visit of the case from `first` to `last`, No when not; "Restricted" when the
    only such visits are restricted (§7)."""
    if found is None:
        return ""
    seen = [visit for visit in getattr(found.get(case_id), "seen", []) if first <= visit.day <= last]
    if any(not visit.withheld for visit in seen):
        return YES
    return WITHHELD if seen else NO


def last_seen(found: dict | None, case_ids, first: date, last: date) -> tuple:
    """The day of the latest visit of these cases from `first` to `last` in which the child was seen, and whether
    they were seen alone (each "Restricted" when that visit is restricted; None and "" when there is none)."""
    if found is None:
        return None, ""
    latest = max((seen for case_id in case_ids if (seen := _latest(found.get(case_id), first, last)) is not None),
                 key=lambda seen: seen.day, default=None)
    if latest is None:
        return None, ""
    if latest.withheld:
        return WITHHELD, WITHHELD
    return latest.day, YES if latest.alone else NO
