"""The SSDA903 return's adoption files (issue 17), from the child's adoption and permanence record
(casework.adoption), for the children the return's Header holds (ssda903.build_ssda903 hands them over with their
episodes in the year):

- AD1: each child adopted in the year (an episode that ceased for E11 or E12 in it), with the decision that they
  should be placed for adoption (DATE_INT), the match (DATE_MATCH) and the adopters (FOSTER_CARE, NB_ADOPTR,
  SEX_ADOPTR, LS_ADOPTR), from the child's decision that was not reversed.
- PlacedAdoption: each decision that the child should be placed for adoption current at some time in the year
  (made by its end, not reversed before its start), with the decision reversed (DATE_PLACED_CEASED and
  REASON_PLACED_CEASED) when that was in the year; a reversal after the year is not yet known to it.
- PrevPerm: each child who started to be looked after in the year (an episode with RNE S), with the previous
  permanence option recorded (PREV_PERM, LA_PERM, DATE_PERM). A child without one recorded is left out, so the
  Department's rule 630 names them.

One query (the decisions); the previous permanence comes with the children (select_related)."""

from datetime import date

from casework.adoption.models import AdoptionDecision
from casework.returns.cin_census import la_child_id

AD1_COLUMNS = ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
PLACED_COLUMNS = ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"]
PREV_PERM_COLUMNS = ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"]
ADOPTED = ("E11", "E12")


def _when(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def adoption_rows(*, start: date, end: date, returned: list) -> dict[str, tuple[list[str], list[dict]]]:
    """{file name: (columns, rows)} for the year `start` to `end`; `returned` is [(child, its episodes in the year)]
    in the Header's order."""
    decisions = {}
    for decision in AdoptionDecision.objects.filter(child_id__in=[child.pk for child, _ in returned],
                                                    decided_on__lte=end).order_by("decided_on", "id"):
        decisions.setdefault(decision.child_id, []).append(decision)
    ad1, placed, prev_perm = [], [], []
    for child, episodes in returned:
        ids = {"CHILD": la_child_id(child), "DOB": _when(child.date_of_birth)}
        theirs = decisions.get(child.pk, [])
        for decision in theirs:
            if decision.reversed_on is not None and decision.reversed_on < start:
                continue  # reversed before the year: not current in it
            reversed_in_year = decision.reversed_on is not None and decision.reversed_on <= end
            placed.append({**ids, "DATE_PLACED": _when(decision.decided_on),
                           "DATE_PLACED_CEASED": _when(decision.reversed_on) if reversed_in_year else "",
                           "REASON_PLACED_CEASED": decision.reversal_reason if reversed_in_year else ""})
        adopted = any(e.rec in ADOPTED and e.end is not None and start <= e.end <= end for e in episodes)
        current = next((d for d in reversed(theirs) if d.reversed_on is None), None)
        if adopted and current is not None:
            ad1.append({**ids, "DATE_INT": _when(current.decided_on), "DATE_MATCH": _when(current.matched_on),
                        "FOSTER_CARE": {True: "1", False: "0"}.get(current.by_foster_carers, ""),
                        "NB_ADOPTR": current.number_of_adopters, "SEX_ADOPTR": current.adopters_sex,
                        "LS_ADOPTR": current.adopters_legal_status})
        previous = getattr(child, "previous_permanence", None)
        if previous is not None and any(e.rne == "S" and start <= e.start <= end for e in episodes):
            prev_perm.append({**ids, "PREV_PERM": previous.option, "LA_PERM": previous.arranged_by,
                              "DATE_PERM": _when(previous.order_date)})
    return {"ad1.csv": (AD1_COLUMNS, ad1), "placed_adoption.csv": (PLACED_COLUMNS, placed),
            "prev_perm.csv": (PREV_PERM_COLUMNS, prev_perm)}
