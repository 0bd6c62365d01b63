"""Demo data for issue 17's early help assessments (Ofsted's Annex A, list 2), recorded through the service as the
child's social worker would: on the first children of a worker's caseload, one completed by a school, one still open
with the council's early help service, one completed by a health visitor. Recording again changes nothing: a child
with an assessment already is left."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.early_help import services
from records.management.commands._seed_features import caseload

# (started, completed) days ago, and the organisation completing it
ASSESSMENTS = (((120, 60), "school"), ((21, None), "early_help_service"), ((200, 150), "health_visitor"))


def seed_early_help(worker) -> int:
    """An early help assessment for each of the first children on `worker`'s caseload; how many recorded."""
    today = timezone.localdate()
    children = caseload(worker).exclude(date_of_birth=None).distinct().order_by("pk")[:len(ASSESSMENTS)]
    recorded = 0
    for child, ((started, completed), organisation) in zip(children, ASSESSMENTS):
        if child.early_help_assessments.exists():
            continue
        try:
            services.record_early_help_assessment(
                child=child, by=worker, started_on=max(today - timedelta(days=started), child.date_of_birth),
                completed_on=None if completed is None else today - timedelta(days=completed),
                organisation=organisation)
        except ValidationError:  # a baby born since: the demo leaves them
            continue
        recorded += 1
    return recorded
