"""The SSDA903 return's files about social workers and what became of children (issue 17), built beside the header
and episodes (casework.returns.ssda903 calls `leaver_files` with every child's episodes of care):

- SWEpisodes (swepisodes.csv): for each child looked after at some time in the year, every social worker who held
  their case at some time in the year (while looked after or not: the DfE's rule SW12), from the case allocations (casework.children: a reallocation ends one row and starts the
  next). SW_ID is a stable id of the worker that is not their name: XX and the number of their account (the record
  does not hold Social Work England registration numbers, which begin SW). SW_REASON is the reason recorded when the
  worker took over; a first worker, or the first after a time without one, is first contact (FCONTA). An allocation
  that ended the day it began is a correction, not an episode; an allocation that ends after 31 March is open.
- OC3 (oc3.csv): the care leaver information recorded for a birthday (17th to 21st) in the year
  (casework.care_leavers), of a young person who was looked after for 13 weeks after their 14th birthday, some of it
  after their 16th, was not looked after on a 17th or 18th birthday, and whose care did not end in adoption, death
  or a transfer to another council; not for a child in OC2. An activity or accommodation not known (or not asked,
  for one who died or returned home) is 0. The header lists those not looked after in the year too.
- OC2 (oc2.csv): the outcomes recorded for the year of each child looked after continuously for 12 months at
  31 March, as the DfE's validator tells it: looked after in the year, and no care starting after 1 April, none
  ending before 31 March, no short breaks (V3, V4). Yes is 1 and no is 0.

The files are left out while they have no row. Like the rest of the return, restricted children and items are
counted (the return is statistical), and no permission is checked here: the caller decides who may build it.
"""

import csv
import io
from datetime import date

from django.utils import timezone

from casework.care_leavers import selectors
from casework.care_leavers.services import OUTCOME_FIELDS
from casework.models import Allocation, CareLeaverContact, LookedAfterOutcomes
from casework.returns import codes
from casework.returns.cin_census import la_child_id

SW_COLUMNS = ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]
OC3_COLUMNS = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]
OC2_COLUMNS = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
               "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]
CARE_ENDED_FOR_GOOD = ("E11", "E12", "E2", "E3")  # adopted, died, care taken over by another council
CARE_CONTINUES = "X1"


def leaver_files(*, start: date, end: date, care: dict) -> tuple[dict[str, str], list]:
    """({file name: CSV text}, children the header must list too) for the collection year from `start` to `end`.
    `care` is {child: every episode of care of the child, in order} (casework.returns.ssda903.Episode)."""
    files = {}
    in_year = [child for child, episodes in care.items() if child.date_of_birth and any(
        episode.start <= end and (episode.end is None or episode.end >= start) for episode in episodes)]
    twelve_months = [child for child in in_year if _continuously_looked_after(care[child], start, end)]
    oc2_rows = _oc2_rows(twelve_months, start, end)
    oc3_rows, not_in_year = _oc3_rows(care, in_year, set(twelve_months), start, end)
    for name, columns, rows in (("swepisodes.csv", SW_COLUMNS, _sw_rows(in_year, start, end)),
                                ("oc2.csv", OC2_COLUMNS, oc2_rows), ("oc3.csv", OC3_COLUMNS, oc3_rows)):
        if rows:
            files[name] = _csv(columns, rows)
    return files, not_in_year


def _continuously_looked_after(episodes, start: date, end: date) -> bool:
    """The DfE's validator's test (lac_validator.utils): no care starting after the year's first day, none ending
    before its last, no short breaks in the year."""
    for episode in episodes:
        ended = episode.end if episode.end is not None and episode.end <= end else None
        in_year = episode.start <= end and (ended is None or ended >= start)
        if (episode.rne == "S" and start < episode.start <= end) or (
                ended is not None and episode.rec != CARE_CONTINUES and start <= ended < end) or (
                in_year and episode.status.ls_code in selectors.SHORT_BREAKS):
            return False
    return True


def _flag(value) -> str:
    return {True: "1", False: "0"}.get(value, "")


def _oc2_rows(children: list, start: date, end: date) -> list[dict]:
    recorded = {item.child_id: item for item in LookedAfterOutcomes.objects.filter(
        year=codes.collection_year(start), child__in=[child.pk for child in children])}
    rows = []
    for child in children:
        item = recorded.get(child.pk)
        if item is None:
            continue  # not recorded: the DfE's validator lists the child (rule 191), as the checks should
        row = {"CHILD": la_child_id(child), "DOB": _when(child.date_of_birth),
               "SDQ_SCORE": "" if item.sdq_score is None else str(item.sdq_score), "SDQ_REASON": item.sdq_reason}
        row.update({field.upper(): _flag(getattr(item, field)) for field in OUTCOME_FIELDS[:8]})
        rows.append(row)
    return rows


def _oc3_rows(care: dict, in_year: list, twelve_months: set, start: date, end: date) -> tuple[list[dict], list]:
    """The care leavers' rows, and those of them the header does not list yet."""
    children = {child.pk: child for child in care if child.date_of_birth and child not in twelve_months}
    rows, not_in_year, listed = [], [], {child.pk for child in in_year}
    for contact in CareLeaverContact.objects.filter(child__in=children.keys()).order_by("child_id", "birthday"):
        child = children[contact.child_id]
        day = selectors.birthday(child.date_of_birth, contact.birthday)
        episodes = care[child]
        periods = selectors.periods_of(episodes)
        if not (start <= day <= end) or not selectors.is_care_leaver(periods, child.date_of_birth, day):
            continue
        if (contact.birthday in (17, 18) and selectors.looked_after_on(periods, day)) or (
                episodes and episodes[-1].rec in CARE_ENDED_FOR_GOOD and episodes[-1].end <= end):
            continue
        rows.append({"CHILD": la_child_id(child), "DOB": _when(child.date_of_birth), "IN_TOUCH": contact.in_touch,
                     "ACTIV": contact.activity or codes.NOT_APPLICABLE,
                     "ACCOM": contact.accommodation or codes.NOT_APPLICABLE})
        if child.pk not in listed:
            not_in_year.append(child)
            listed.add(child.pk)
    return rows, not_in_year



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
