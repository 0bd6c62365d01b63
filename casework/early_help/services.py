"""Writes of a child's early help assessments (issue 17: Ofsted's Annex A, list 2). Each service checks the user may
write on the child (the one door: `require`), validates the dates and the organisation with specific errors, saves
attributed to the person acting (simple-history keeps each earlier version) and writes its audit event, in one
transaction: a refusal saves nothing."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction
from casework.children.authorisation import Need, require
from casework.early_help.models import EarlyHelpAssessment
from casework.models import Child
from casework.recording.refusals import locked_child, long_date, refuse

Organisation = EarlyHelpAssessment.Organisation


def _check(assessment: EarlyHelpAssessment) -> None:
    child, start, end = assessment.child, assessment.started_on, assessment.completed_on
    today = timezone.localdate()
    if start > today:
        refuse("started_on", "The date the assessment started cannot be in the future")
    if end is not None and end > today:
        refuse("completed_on", "The date the assessment was completed cannot be in the future")
    born = None if child.is_unborn else child.date_of_birth  # an unborn child's family may be assessed before birth
    if born is not None and start < born:
        refuse("started_on", f"The date the assessment started cannot be before the child's date of birth, "
                             f"{long_date(born)}")
    if end is not None and end < start:
        refuse("completed_on", f"The date the assessment was completed cannot be before it started, {long_date(start)}")
    if assessment.organisation not in Organisation.values:
        refuse("organisation", "Select the organisation completing the assessment from the list")
    if assessment.organisation == Organisation.OTHER:
        assessment.organisation_other = assessment.organisation_other.strip()
        if not assessment.organisation_other:
            refuse("organisation_other", "Enter the name of the organisation completing the assessment")
    else:
        assessment.organisation_other = ""  # the name is only asked for another organisation
    others = EarlyHelpAssessment.objects.filter(child=child).exclude(pk=assessment.pk)
    for other in others:
        other_end = other.completed_on or date.max
        if other.started_on <= (end or date.max) and start <= other_end:
            open_until = f"completed on {long_date(other.completed_on)}" if other.completed_on else "not yet completed"
            refuse("started_on", f"The child has another early help assessment in that time, started on "
                                 f"{long_date(other.started_on)} and {open_until}: change that one instead, or check "
                                 "the dates")


def _save(assessment: EarlyHelpAssessment, by, action: AuditAction) -> EarlyHelpAssessment:
    _check(assessment)
    assessment.full_clean(exclude=["child", "recorded_by"], validate_constraints=False)
    with acting_as(by):
        assessment.save()
    record_event(actor=by, action=action, child=assessment.child, detail=f"early help assessment {assessment.pk}")
    return assessment


@transaction.atomic
def record_early_help_assessment(*, child: Child, by, started_on: date, organisation: str,
                                 completed_on: date | None = None,
                                 organisation_other: str = "") -> EarlyHelpAssessment:
    """An early help assessment of the child: when it started, when it was completed (None: still open), and the
    organisation completing it (`organisation_other` names another organisation)."""
    require(by, child.pk, Need.WRITE)
    assessment = EarlyHelpAssessment(child=locked_child(child), recorded_by=by, started_on=started_on,
                                     completed_on=completed_on, organisation=organisation,
                                     organisation_other=organisation_other or "")
    return _save(assessment, by, AuditAction.RECORDED_EARLY_HELP)


@transaction.atomic
def change_early_help_assessment(*, assessment: EarlyHelpAssessment, by, started_on: date, organisation: str,
                                 completed_on: date | None = None,
                                 organisation_other: str = "") -> EarlyHelpAssessment:
    """Correct an early help assessment, or record its completion; the earlier version stays in the history."""
    require(by, assessment.child_id, Need.WRITE)
    child = locked_child(assessment.child)
    assessment = EarlyHelpAssessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.child, assessment.started_on, assessment.completed_on = child, started_on, completed_on
    assessment.organisation, assessment.organisation_other = organisation, organisation_other or ""
    return _save(assessment, by, AuditAction.CHANGED_EARLY_HELP)
