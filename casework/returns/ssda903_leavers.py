"""The SSDA903 return's files about social workers and what became of children (issue 17), built beside the header
and episodes (casework.returns.ssda903 calls `leaver_files` with every child's episodes of care):

- SWEpisodes (swepisodes.csv): for each child looked after at some time in the year, every social worker who held
  their case at some time in the year (while looked after or not: the DfE's rule SW12), from the case allocations (casework.children: a reallocation ends one row and starts the
  next). SW_ID is a stable id of the worker that is not their name: XX and the number of their account (the record
  does not hold Social Work England registration numbers, which begin SW). SW_REASON is the reason recorded when the
  worker took over; a first worker, or the first after a time without one, is first contact (FCONTA). An allocation
  that ended the day it began is a correction, not an episode; an allocation that ends after 31 March is open.

The files are left out while they have no row. Like the rest of the return, restricted children and items are
counted (the return is statistical), and no permission is checked here: the caller decides who may build it.
"""

import csv
import io
from datetime import date

from django.utils import timezone

from casework.models import Allocation
from casework.returns import codes
from casework.returns.cin_census import la_child_id

SW_COLUMNS = ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]


def leaver_files(*, start: date, end: date, care: dict) -> tuple[dict[str, str], list]:
    """({file name: CSV text}, children the header must list too) for the collection year from `start` to `end`.
    `care` is {child: every episode of care of the child, in order} (casework.returns.ssda903.Episode)."""
    files = {}
    in_year = [child for child, episodes in care.items() if child.date_of_birth and any(
        episode.start <= end and (episode.end is None or episode.end >= start) for episode in episodes)]
    sw_rows = _sw_rows(in_year, start, end)
    if sw_rows:
        files["swepisodes.csv"] = _csv(SW_COLUMNS, sw_rows)
    return files, []



def _when(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def sw_id(worker_id: int) -> str:
    """The worker's id in the return: stable, and not their name."""
    return f"XX{worker_id:06d}"


def _sw_rows(children: list, start: date, end: date) -> list[dict]:
    """The social worker episodes of `children` in the year, in one query."""
    by_child: dict[int, list] = {}
    allocations = (Allocation.objects.filter(case__child__in=[child.pk for child in children], worker__isnull=False)
                   .values_list("case__child_id", "worker_id", "started_at", "ended_at", "sw_change_reason")
                   .order_by("started_at", "id"))
    for child_id, worker_id, started, ended, reason in allocations:
        began = timezone.localdate(started)
        finished = timezone.localdate(ended) if ended else None
        if finished is not None and finished <= began:
            continue  # ended the day it began: a correction
        by_child.setdefault(child_id, []).append((worker_id, began, finished, reason))
    rows = []
    for child in children:
        last_end = None
        for index, (worker_id, began, finished, reason) in enumerate(by_child.get(child.pk, [])):
            if not reason and (index == 0 or (last_end is not None and last_end < began)):
                reason = codes.FIRST_CONTACT
            last_end = finished
            if began > end or (finished is not None and finished < start):
                continue
            rows.append({"CHILD": la_child_id(child), "DOB": _when(child.date_of_birth), "SW_ID": sw_id(worker_id),
                         "SW_DECOM": _when(began), "SW_DEC": _when(finished) if finished and finished <= end else "",
                         "SW_REASON": reason})
    return rows


def _csv(columns: list[str], rows: list[dict]) -> str:
    """The text of a file: its column names, then a line a row."""
    text = io.StringIO()
    csv.DictWriter(text, fieldnames=columns, lineterminator="\n").writerows([dict(zip(columns, columns)), *rows])
    return text.getvalue()
