"""The visits Ofsted's Annex A reads (issue 17; casework.returns.annex_a_visits, handed over in records/apps.py), by
the visit clocks' own rule of a visit that counts (`seen_visits`: completed, it took place, the child was seen).

For a chunk of children, in two queries however many children and entries there are: each case's latest such visit
by the as-at date (one probe per case of the partial index of seen visits, entry_case_seen_visit_idx, newest first),
and every such visit of their cases from `since` to the as-at date (the same index, by case and date). Dates are
London days; a visit under an active restriction (§7) is marked, for the workbook to withhold what it says.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject, TruncDate

from casework.models import Case
from casework.returns.annex_a_visits import CaseVisits, Seen
from records.calendar.working_days import LONDON
from records.statutory_visits.selectors import seen_visits

FIELDS = ("day", "child_seen_alone", "withheld")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=LONDON)


def _seen(day: date, alone: bool | None, withheld: bool) -> Seen:
    return Seen(day, alone is True, withheld)


def visits_for_annex_a(first: int, last: int, *, since: date | None, as_at: date) -> dict[int, CaseVisits]:
    """{case id: CaseVisits} for the cases of the children whose ids are from `first` to `last`."""
    cutoff = _start_of(as_at + timedelta(days=1))  # the end of the as-at day in London
    cases = Case.objects.filter(child_id__gte=first, child_id__lte=last)
    visits = seen_visits().filter(event_at__lt=cutoff).annotate(
        day=TruncDate("event_at", tzinfo=LONDON),
        withheld=ExpressionWrapper(Q(restriction__isnull=False, restriction__lifted_at__isnull=True),
                                   output_field=BooleanField()))
    # The latest visit's columns as one value, all three from the same visit: the first entry of the case's part of
    # the index, read without sorting.
    latest = (visits.filter(case=OuterRef("pk")).order_by("-event_at")
              .values(last=JSONObject(**{name: name for name in FIELDS}))[:1])
    found: dict[int, CaseVisits] = {}
    for case_id, last in cases.order_by().annotate(last=Subquery(latest)).values_list("pk", "last"):
        if last is not None:
            found[case_id] = CaseVisits(last=_seen(date.fromisoformat(last["day"]), last["child_seen_alone"],
                                                   last["withheld"]))
    if since is not None:
        for case_id, *row in (visits.filter(case__in=cases.order_by().values("pk"), event_at__gte=_start_of(since))
                              .order_by("event_at", "id").values_list("case_id", *FIELDS)):
            found.setdefault(case_id, CaseVisits()).seen.append(_seen(*row))
    return found
