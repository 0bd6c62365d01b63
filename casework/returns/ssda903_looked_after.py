"""The SSDA903 return's Reviews, Missing and UASC files (issue 17), from what casework.looked_after records: rows for
the children of the year's Header (casework.returns.ssda903 builds it and turns the rows into CSV), one query a file.

- Reviews: each statutory review held in the collection year, with how the child took part (PN0 to PN7).
- Missing: each episode of being missing (M) or away from placement without authorisation (A) open at some time in
  the year. One still open at 31 March, or that ended after it, has no end date: what happened after the year is
  not known to its return (as for episodes).
- UASC: each child who was an unaccompanied asylum-seeking child at some time in the year, with the date the status
  ceased (DUC): the date recorded, or while they still are (or when it ceased after the year), their 18th birthday,
  the day it ends at the latest, as the DfE's rules 205B and 304 expect. A child whose status ceased before the year
  is left out (rule 104). The Department's tool marks the Header's children listed here UASC (its UASC column), and
  their episodes have no home postcode (rule 406).
  The 2025-26 and 2026-27 rules keep this file (UASC is not a column of the Header or Episodes CSV files).

Restricted children are counted, as in the rest of the return: it is statistical; the caller decides who builds it.
"""

from datetime import date

from casework.looked_after.models import LookedAfterReview, MissingEpisode, UascStatus
from casework.looked_after.services import birthday
from casework.returns.cin_census import la_child_id

REVIEW_COLUMNS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
MISSING_COLUMNS = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
UASC_COLUMNS = ["CHILD", "SEX", "DOB", "DUC"]


def looked_after_files(children: list, episodes: list[dict], *, start: date,
                       end: date) -> list[tuple[str, list[str], list[dict]]]:
    """(file name, columns, rows) of each file, for `children` (the Header's) and the year `start` to `end`.

    The Episodes rows of a child in the UASC file lose their home postcode: the Department wants no distance from
    home for an unaccompanied asylum-seeking child (rule 406), whose home is not in this country."""
    by_pk = {child.pk: child for child in children}
    uasc = uasc_rows(by_pk, start=start, end=end)
    asylum_seeking = {row["CHILD"] for row in uasc}
    for row in episodes:
        if row["CHILD"] in asylum_seeking:
            row["HOME_POST"] = ""
    return [("reviews.csv", REVIEW_COLUMNS, review_rows(by_pk, start=start, end=end)),
            ("missing.csv", MISSING_COLUMNS, missing_rows(by_pk, start=start, end=end)),
            ("uasc.csv", UASC_COLUMNS, uasc)]


def _when(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _child_columns(child) -> dict:
    return {"CHILD": la_child_id(child), "DOB": _when(child.date_of_birth)}


def review_rows(children: dict, *, start: date, end: date) -> list[dict]:
    """The reviews held in the year of the children {pk: child}, in order."""
    reviews = LookedAfterReview.objects.filter(child_id__in=children.keys(), review_date__range=(start, end))
    return [{**_child_columns(children[review.child_id]), "REVIEW": _when(review.review_date),
             "REVIEW_CODE": review.participation}
            for review in reviews.order_by("child_id", "review_date", "id")]


def missing_rows(children: dict, *, start: date, end: date) -> list[dict]:
    """The missing and away from placement episodes open at some time in the year, in order."""
    episodes = MissingEpisode.objects.filter(child_id__in=children.keys(), start_date__lte=end).exclude(
        end_date__lt=start)
    return [{**_child_columns(children[episode.child_id]), "MISSING": episode.kind,
             "MIS_START": _when(episode.start_date),
             "MIS_END": _when(episode.end_date) if episode.end_date and episode.end_date <= end else ""}
            for episode in episodes.order_by("child_id", "start_date", "id")]


def uasc_rows(children: dict, *, start: date, end: date) -> list[dict]:
    """The children who were unaccompanied asylum-seeking children at some time in the year."""
    rows = []
    for status in UascStatus.objects.filter(child_id__in=children.keys(), is_uasc=True).order_by("child_id"):
        child = children[status.child_id]
        ceased = status.ceased_on if status.ceased_on and status.ceased_on <= end else birthday(child, 18)
        if ceased >= start:
            rows.append({"CHILD": la_child_id(child), "SEX": child.sex, "DOB": _when(child.date_of_birth),
                         "DUC": _when(ceased)})
    return rows
