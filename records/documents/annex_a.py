"""The health checks Ofsted's Annex A reads (issue 17; casework.returns.annex_a_health, handed over in
records/apps.py): each child's latest health assessment (initial or review) and latest dental check by the as-at
date, from the basic record's health section.

For a chunk of children, in one query however many children and health records there are: a probe per child and
kind, newest first (a child's health records are few). A record whose copy is under an active restriction (§7) is
marked, for the workbook to withhold its date.
"""

from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject

from casework.models import Child
from casework.returns.annex_a_health import Check, ChildHealth
from records.documents.models import HealthRecord

KINDS = {
    "assessment": (HealthRecord.Kind.INITIAL_ASSESSMENT, HealthRecord.Kind.REVIEW_ASSESSMENT),
    "dental": (HealthRecord.Kind.DENTAL_CHECK,),
}


def _check(found: dict | None) -> Check | None:
    return None if found is None else Check(date.fromisoformat(found["day"]), found["withheld"])


def health_for_annex_a(first: int, last: int, *, as_at: date) -> dict[int, ChildHealth]:
    """{child id: ChildHealth} for the children whose ids are from `first` to `last` and who have either."""
    records = HealthRecord.objects.filter(child=OuterRef("pk"), carried_out_on__lte=as_at).annotate(
        withheld=ExpressionWrapper(Q(document__restriction__isnull=False,
                                     document__restriction__lifted_at__isnull=True), output_field=BooleanField()))
    latest = {name: Subquery(records.filter(kind__in=kinds).order_by("-carried_out_on", "-id")
                             .values(last=JSONObject(day="carried_out_on", withheld="withheld"))[:1])
              for name, kinds in KINDS.items()}
    children = Child.objects.filter(pk__gte=first, pk__lte=last).order_by().annotate(**latest)
    return {child_id: ChildHealth(_check(assessment), _check(dental))
            for child_id, assessment, dental in children.values_list("pk", *KINDS)
            if assessment is not None or dental is not None}
