"""The health checks Ofsted's Annex A (casework.returns.annex_a) reads (issue 17): list 8's "Date of Last Health
Assessment" and "Date of Last Dental Check" of a child in care.

Health records are kept by the records app (records.documents: the basic record's health section), which casework may
not import (access <- casework <- records): records hands over, when it starts (records/apps.py), the function that
reads them for a chunk of children (`use_health`). With none handed over, the cells stay empty. A health record whose
copy is in the child's 'Restricted from user' section (§7) is counted, but its cell says "Restricted" instead of its
date.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from casework.handover import Handover
from casework.returns.annex_a_lists import WITHHELD


class Check(NamedTuple):
    day: date
    withheld: bool  # its copy is in the child's 'Restricted from user' section (§7)


@dataclass(frozen=True)
class ChildHealth:
    assessment: Check | None = None  # the latest initial or review health assessment by the as-at date
    dental: Check | None = None  # the latest dental check by the as-at date


# (first child id, last child id, *, as_at: date) -> {child id: ChildHealth}, for the children whose ids are in that
# range and who have either, in a fixed number of queries.
Reader = Callable[..., dict[int, ChildHealth]]
reader: Handover[Reader] = Handover("reader of health checks")
use_health = reader.give


def read(first: int, last: int, *, as_at: date) -> dict[int, ChildHealth] | None:
    """The chunk's health checks by child, or None when no reader was handed over (the cells stay empty)."""
    return reader.call_or_none(first, last, as_at=as_at)


def _cell(check: Check | None):
    return None if check is None else WITHHELD if check.withheld else check.day


def cells(found: dict | None, child_id: int) -> list:
    """List 8's two cells: the date of the last health assessment and of the last dental check."""
    health = (found or {}).get(child_id, ChildHealth())
    return [_cell(health.assessment), _cell(health.dental)]
