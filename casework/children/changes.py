"""What other apps keep from a child's cases and basic record, told when it changes.

Casework may not import records, so records hands over what it keeps (the next statutory visit of each open
case: records.statutory_visits.services) in records/apps.py, as it hands over the banner's visit clock. The
services that change what that is worked out from call `case_facts_changed` inside their transaction: in
casework a case opened or closed, a placement or a legal status started, corrected or ended; in records (whose
lower features may not import the statutory visits either) a visit completed, a plan started or its type changed.
"""

from typing import Callable, Iterable

_listeners: list[Callable[[list[int]], object]] = []


def on_case_facts_changed(listener: Callable[[list[int]], object]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def case_facts_changed(child_ids: Iterable[int]) -> None:
    ids = list(child_ids)
    for listener in _listeners:
        listener(ids)
