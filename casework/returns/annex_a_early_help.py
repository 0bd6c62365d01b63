"""What Ofsted's Annex A (casework.returns.annex_a) reads of children's early help assessments for its list 2
(issue 17; casework.early_help): every assessment open at some time in the six months up to the as-at date (started
by the as-at date and not completed by the day six months before it: the six months are the days after it, as list
1's are), one row each. Read a chunk of children at
a time, one query, as the rest of the workbook is. Early help assessments are not placed in the 'Restricted from
user' section (§7: only basic record items are), so what they say is written as it is; a child with restricted
information elsewhere is listed like any other."""

from collections import defaultdict
from datetime import date

from django.db.models import Q

from casework.early_help.models import EarlyHelpAssessment

OTHER = EarlyHelpAssessment.Organisation.OTHER
WORDS = dict(EarlyHelpAssessment.Organisation.choices)


def _in_window(period):
    """The assessments list 2 asks about: open on some day after the day six months before the as-at date, up to it."""
    return EarlyHelpAssessment.objects.filter(started_on__lte=period.as_at).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gt=period.six_months_before))


def child_ids(period):
    """The children list 2 names, as a query for the workbook's union of every list's children."""
    return _in_window(period).values_list("child_id", flat=True)


def read(span, period) -> dict[int, list[dict]]:
    """{child id: [assessment, oldest first]} for the children in `span` (a function giving the filter of a chunk's
    id range), each with `organisation` in words (one query)."""
    found: dict[int, list[dict]] = defaultdict(list)
    for row in (_in_window(period).filter(**span("child_id")).order_by("started_on", "id")
                .values("child_id", "started_on", "completed_on", "organisation", "organisation_other")):
        row["organisation"] = row["organisation_other"] if row["organisation"] == OTHER else WORDS.get(
            row["organisation"], row["organisation"])
        found[row["child_id"]].append(row)
    return found


def cells(assessment: dict, period) -> list:
    """Its start date, its completion date (empty while not completed by the as-at date) and who completed it."""
    completed: date | None = assessment["completed_on"]
    return [assessment["started_on"], period.known(completed), assessment["organisation"]]
