"""The SSDA903 return (issue 17): the Department for Education's CSV files on children looked after for a collection
year, built from the basic record's legal statuses and placements with the return's codes (casework.basic_record:
LegalStatus.ls_code, category_of_need, reason_ceased; Placement.place_code, provider_code, postcode, ofsted_urn,
change_reason).

A collection year is named by the year it starts: 2025 is the 2025-26 return, 1 April 2025 to 31 March 2026. The
files are those of 2024-25 onwards (sex as M, F or U, the codes the child's record holds).

Episodes, by the DfE's rules: a child is looked after while a legal status with a return code (LS) is current. A new
episode starts at each change of legal status code or of placement; a change of neither (a status recorded again
with the same code) is no new episode. An item's end date is the day of the change: what starts that day takes over.
The reason for a new episode (RNE) is worked out, not recorded: S when care starts, L for the legal status only, P
for the placement only, T for both; U (or B with the legal status) when the new placement is with the same carers as
the last (the same carers at the same postcode), whatever its type: foster carers who become the child's prospective
adopters (A3, A5) are a U (the DfE's rule 217). An episode that ends with another beginning the same day ceased for X1; the last of a
period of care for the reason recorded on its legal status (REC). The reason for a placement change is the ending
placement's, given on the episode that ceased with it when the next one changes placement. Every episode open at
some time in the year is in the file; what happened after 31 March is left out (an episode that ends later is open).

Restricted children and items are counted: the return is statistical. Who may build it is decided by the caller:
this function reads every child and checks no permission (the performance and information role builds returns).

Files built: Header and Episodes; Reviews, Missing and UASC from casework.looked_after (ssda903_looked_after, each
left out when it has no row); AD1, PlacedAdoption and PrevPerm from casework.adoption (ssda903_adoption);
SWEpisodes, OC2 and OC3 from the allocations and casework.care_leavers (ssda903_leavers, each left out when it has
no row; the header also lists the care leavers in OC3 who were not looked after in the year). Left out: DoLo
(deprivation of liberty orders are not recorded). The Header's MOTHER and MC_DOB are the child's record's "Is she
a mother?" and the date her first child was born (empty while not asked).
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from casework.basic_record.models import LegalStatus, Placement
from casework.models import Child
from casework.returns.cin_census import census_period, la_child_id
from casework.returns.ssda903_adoption import adoption_rows
from casework.returns.ssda903_leavers import leaver_files
from casework.returns.ssda903_looked_after import looked_after_files

HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLUMNS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                   "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
CARE_CONTINUES = "X1"  # the episode ended and another began the same day


@dataclass
class Episode:
    start: date
    status: LegalStatus
    placement: Placement | None
    end: date | None = None
    rne: str = "S"
    rec: str = ""
    place_change: str = ""


def build_ssda903(*, year: int, la_number: str) -> dict[str, str]:
    """{file name: CSV text} for collection year `year`. `la_number` is the council's 3-digit DfE number: the files
    do not carry it (the Department's upload does), but the builder takes it as the CIN census builder does."""
    start, end = census_period(year)
    statuses, placements = _items(end)
    header, episodes, included, returned = [], [], [], []
    care = {}  # each child's episodes, for casework.returns.ssda903_leavers
    children = Child.objects.filter(pk__in=statuses.keys()).select_related(
        "household", "previous_permanence").order_by("pk")
    for child in children.iterator(chunk_size=2000):
        care[child] = _episodes(statuses[child.pk], placements.get(child.pk, []))
        in_year = [episode for episode in care[child]
                   if episode.start <= end and (episode.end is None or episode.end >= start)]
        if not in_year or child.date_of_birth is None:
            continue
        header.append(_header_row(child))
        included.append(child)
        episodes.extend(_episode_row(child, episode, end) for episode in in_year)
        returned.append((child, in_year))
    more = looked_after_files(included, episodes, start=start, end=end)  # (a UASC child's HOME_POST is left empty)
    leavers_files, care_leavers = leaver_files(start=start, end=end, care=care)
    header.extend(dict(_header_row(child), MOTHER="", MC_DOB="") for child in care_leavers)  # not looked after now
    files = {"header.csv": _csv(HEADER_COLUMNS, header), "episodes.csv": _csv(EPISODE_COLUMNS, episodes)}
    files.update((name, _csv(columns, rows)) for name, columns, rows in more if rows)
    # AD1, PlacedAdoption and PrevPerm, from the adoption and permanence record (casework.returns.ssda903_adoption).
    for name, (columns, rows) in adoption_rows(start=start, end=end, returned=returned).items():
        files[name] = _csv(columns, rows)
    files.update(leavers_files)
    return files


def _items(end: date) -> tuple[dict[int, list], dict[int, list]]:
    """Each child's looked-after legal statuses and placements that started by the end of the year (two queries)."""
    statuses, placements = {}, {}
    for status in LegalStatus.objects.exclude(ls_code="").filter(start_date__lte=end).order_by("start_date", "id"):
        statuses.setdefault(status.child_id, []).append(status)
    for placement in Placement.objects.filter(child_id__in=statuses.keys(), start_date__lte=end).order_by(
            "start_date", "id"):
        placements.setdefault(placement.child_id, []).append(placement)
    return statuses, placements


def _current(items: list, day: date):
    """The item current on `day` (started by it, not yet ended: an end is the day of the change); the latest
    started when several are."""
    current = None
    for item in items:
        if item.start_date <= day and (item.end_date is None or item.end_date > day):
            current = item
    return current


def _same_carers(one: Placement | None, other: Placement | None) -> bool:
    # The carers, not the placement's type or URN: those change when foster carers become adopters (rule 217).
    fields = ("carer_or_provider", "postcode")
    return one is not None and other is not None and all(getattr(one, f) == getattr(other, f) for f in fields)


def _episodes(statuses: list[LegalStatus], placements: list[Placement]) -> list[Episode]:
    """The child's episodes, in order, by the rules in the module's docstring."""
    days = sorted({item.start_date for item in statuses + placements}
                  | {item.end_date for item in statuses + placements if item.end_date})
    episodes: list[Episode] = []
    last = None  # the episode current on the previous day of change, or None when not looked after
    for day in days:
        status, placement = _current(statuses, day), _current(placements, day)
        if last is not None and status is not None and status.ls_code == last.status.ls_code \
                and placement == last.placement:
            continue  # neither the legal status code nor the placement changed
        if last is not None:
            last.end = day
            last.rec = CARE_CONTINUES if status is not None else last.status.reason_ceased
        if status is None:
            last = None
            continue
        episode = Episode(start=day, status=status, placement=placement)
        if last is not None:
            new_status = status.ls_code != last.status.ls_code
            if placement == last.placement:
                episode.rne = "L"
            elif _same_carers(placement, last.placement):
                episode.rne = "B" if new_status else "U"
            else:
                episode.rne = "T" if new_status else "P"
            if episode.rne != "L" and last.placement is not None:
                last.place_change = last.placement.change_reason
        episodes.append(episode)
        last = episode
    return episodes


def _when(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _header_row(child) -> dict:
    return {"CHILD": la_child_id(child), "SEX": child.sex, "DOB": _when(child.date_of_birth),
            "ETHNIC": child.ethnicity, "UPN": child.upn or child.upn_unknown_reason, "MOTHER": {True: "1", False: "0"}.get(child.is_mother, ""),
            "MC_DOB": _when(child.mothers_child_born)}


def _episode_row(child, episode: Episode, end: date) -> dict:
    ended = episode.end is not None and episode.end <= end  # an end after the year is not yet known to the return
    placement = episode.placement
    return {
        "CHILD": la_child_id(child), "DECOM": _when(episode.start), "RNE": episode.rne,
        "LS": episode.status.ls_code, "CIN": episode.status.category_of_need,
        "PLACE": placement.place_code if placement else "",
        "PLACE_PROVIDER": placement.provider_code if placement else "",
        "DEC": _when(episode.end) if ended else "", "REC": episode.rec if ended else "",
        "REASON_PLACE_CHANGE": episode.place_change if ended else "",
        "HOME_POST": child.household.postcode if child.household_id else "",
        "PL_POST": placement.postcode if placement else "",
        "URN": placement.ofsted_urn if placement else "",
    }


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
