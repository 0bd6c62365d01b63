"""Writes to a case's assessments, section 47 enquiries, child protection plans (and their reviews) and child in need
plans (issue 17). Each service checks the user may write on the child, validates every rule (dates in order and
within the case, codes valid for the collection year), saves attributed to the person acting (simple-history keeps
each earlier version) and writes its audit event, in one transaction: a refusal saves nothing."""

from dataclasses import dataclass
from typing import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction
from casework.children.authorisation import Need, require
from casework.cin.models import Assessment, ChildProtectionPlan, CinPlan, ProtectionPlanReview, Section47Enquiry
from casework.models import Case
from casework.recording.refusals import long_date, refuse
from casework.returns import codes


def _within_case(item, field: str, what: str) -> None:
    """A date of what happened in the case: not in the future, not before the referral, not after the closure."""
    value, case = getattr(item, field), item.case
    if value is None:
        return
    if value > timezone.localdate():
        refuse(field, f"The {what} must be today or in the past")
    if value < case.referral_date:
        refuse(field, f"The {what} must be on or after the referral, {long_date(case.referral_date)}")
    if case.closure_date is not None and value > case.closure_date:
        refuse(field, f"The {what} must be on or before the case closed, {long_date(case.closure_date)}")


def _not_before(item, field: str, message: str, earlier: str = "start_date") -> None:
    later, first = getattr(item, field), getattr(item, earlier)
    if later is not None and first is not None and later < first:
        refuse(field, message)


def _check_code(list_key: str, code: str, *, field: str, what: str, on) -> None:
    """A code of the DfE's list for the collection year of the date `on` (today's year if None)."""
    try:
        codes.check(list_key, code, what=what, year=codes.collection_year(on))
    except ValidationError as error:
        refuse(field, error.messages[0])


def _overlapping(item, others):
    """The first of `others` whose dates overlap `item`'s (an open plan runs on)."""
    for other in others:
        if other.pk == item.pk:
            continue
        if (item.end_date is None or other.start_date <= item.end_date) and (
                other.end_date is None or item.start_date <= other.end_date):
            return other
    return None


def _check_assessment(item: Assessment) -> None:
    _within_case(item, "start_date", "start date of the assessment")
    _within_case(item, "authorised_on", "date the assessment was authorised")
    _not_before(item, "authorised_on", "The assessment cannot be authorised before it started")
    item.factors = list(dict.fromkeys(item.factors))
    if item.authorised_on is None:
        if item.factors:
            refuse("factors", "Record the factors when the assessment is authorised: enter the date it was authorised")
        if Assessment.objects.filter(case=item.case, authorised_on__isnull=True).exclude(pk=item.pk).exists():
            refuse("start_date", "The case has an assessment that is not authorised yet. Record its authorisation first")
        return
    if not item.factors:
        refuse("factors", "Select the factors identified at the assessment, or 'No factors identified'")
    if codes.NO_FACTORS in item.factors and len(item.factors) > 1:
        refuse("factors", "Select 'No factors identified' on its own, or select the factors identified")
    for code in item.factors:
        _check_code(codes.ASSESSMENT_FACTOR, code, field="factors", what="the factors identified at the assessment",
                    on=item.authorised_on)


def _check_section47(item: Section47Enquiry) -> None:
    _within_case(item, "start_date", "start date of the section 47 enquiry")
    _not_closed_after_assessment(item, "section 47 enquiry")
    if item.icpc_needed not in (True, False):
        refuse("icpc_needed", "Select whether an initial child protection conference is needed")
    if not item.icpc_needed:
        for field in ("icpc_target_date", "icpc_date"):
            if getattr(item, field):
                refuse(field, "Leave the conference dates empty: no initial child protection conference is needed")
        return
    if item.icpc_target_date is None:
        refuse("icpc_target_date", "Enter the target date of the initial child protection conference")
    _not_before(item, "icpc_target_date", "The conference's target date cannot be before the enquiry started")
    _within_case(item, "icpc_date", "date of the initial child protection conference")
    _not_before(item, "icpc_date", "The conference cannot be before the enquiry started")


def _check_protection_plan(item: ChildProtectionPlan) -> None:
    _within_case(item, "start_date", "start date of the child protection plan")
    _not_closed_after_assessment(item, "child protection plan")
    _within_case(item, "end_date", "end date of the child protection plan")
    _not_before(item, "end_date", "The plan cannot end before it started")
    item.latest_category = item.latest_category or item.initial_category
    _check_code(codes.CATEGORY_OF_ABUSE, item.initial_category, field="initial_category",
                what="the initial category of abuse", on=item.start_date)
    _check_code(codes.CATEGORY_OF_ABUSE, item.latest_category, field="latest_category",
                what="the latest category of abuse", on=item.end_date)
    # A plan that ends and restarts is a new plan: the child's plans never overlap, in this case or another.
    earlier = _overlapping(item, ChildProtectionPlan.objects.filter(case__child_id=item.case.child_id))
    if earlier is not None:
        until = f"to {long_date(earlier.end_date)}" if earlier.end_date else "that has not ended"
        refuse("start_date", f"The child has a child protection plan from {long_date(earlier.start_date)} {until}. "
                             "A new plan starts after the earlier one ends")
    if item.pk:
        for review in item.reviews.all():
            if review.review_date < item.start_date or (item.end_date and review.review_date > item.end_date):
                refuse("end_date" if item.end_date and review.review_date > item.end_date else "start_date",
                       f"The plan's review on {long_date(review.review_date)} would be outside its dates")


def _check_cin_plan(item: CinPlan) -> None:
    _within_case(item, "start_date", "start date of the child in need plan")
    _not_closed_after_assessment(item, "child in need plan")
    _within_case(item, "end_date", "end date of the child in need plan")
    _not_before(item, "end_date", "The plan cannot end before it started")
    earlier = _overlapping(item, CinPlan.objects.filter(case=item.case))
    if earlier is not None:
        refuse("start_date", f"The case has a child in need plan from {long_date(earlier.start_date)} in these dates. "
                             "End it, or correct its dates, first")


def _not_closed_after_assessment(item, what: str) -> None:
    """A case closed after assessment (no further action, or early help) had no enquiry and no plan (rule 2990)."""
    if item.case.closure_reason in codes.CLOSED_AFTER_ASSESSMENT:
        refuse("start_date", f"The case closed after its assessment, so it has no {what}. "
                             "If the case went further, correct its reason for closure first")


@dataclass(frozen=True)
class Kind:
    """What the services need of each kind of item: its model, the fields a person gives, its rules."""

    model: type[Model]
    fields: tuple[str, ...]
    check: Callable


KINDS = {
    "assessment": Kind(Assessment, ("start_date", "authorised_on", "factors"), _check_assessment),
    "section-47": Kind(Section47Enquiry, ("start_date", "icpc_needed", "icpc_target_date", "icpc_date"),
                       _check_section47),
    "protection-plan": Kind(ChildProtectionPlan, ("start_date", "end_date", "initial_category", "latest_category"),
                            _check_protection_plan),
    "cin-plan": Kind(CinPlan, ("start_date", "end_date"), _check_cin_plan),
}


def _save(item, kind: Kind, by, fields: dict) -> None:
    for name in kind.fields:
        setattr(item, name, fields.get(name))
    if "factors" in kind.fields:
        item.factors = list(fields.get("factors") or [])
    kind.check(item)
    item.full_clean(exclude=["case", "recorded_by"])
    with acting_as(by):
        item.save()


def _locked(case_id) -> Case:
    """The case and its child, locked: one writer at a time checks the overlaps of the child's plans."""
    return Case.objects.select_for_update().select_related("child").get(pk=case_id)


def _audit(by, case: Case, action: AuditAction, item) -> None:
    record_event(actor=by, action=action, child=case.child, detail=f"{item._meta.verbose_name} {item.pk}")


@transaction.atomic
def record_item(*, case: Case, by, kind: str, **fields):
    """A new assessment, section 47 enquiry, child protection plan or child in need plan on the case."""
    require(by, case.child_id, Need.WRITE)
    kind_ = KINDS[kind]
    case = _locked(case.pk)
    item = kind_.model(case=case, recorded_by=by)
    _save(item, kind_, by, fields)
    _audit(by, case, AuditAction.ADDED_TO_CASE, item)
    return item


@transaction.atomic
def change_item(*, item, by, **fields):
    """Correct or bring up to date one of the case's items (authorise an assessment, end a plan, ...)."""
    require(by, item.case.child_id, Need.WRITE)
    kind_ = next(kind for kind in KINDS.values() if isinstance(item, kind.model))
    case = _locked(item.case_id)
    item = kind_.model.objects.select_for_update().get(pk=item.pk)
    item.case = case
    _save(item, kind_, by, fields)
    _audit(by, case, AuditAction.CHANGED_ON_CASE, item)
    return item


@transaction.atomic
def record_review(*, plan: ChildProtectionPlan, by, review_date) -> ProtectionPlanReview:
    """A review conference of a child protection plan, held on `review_date` while the plan ran."""
    require(by, plan.case.child_id, Need.WRITE)
    plan = ChildProtectionPlan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    if review_date > timezone.localdate():
        refuse("review_date", "The date of the review must be today or in the past")
    if review_date < plan.start_date:
        refuse("review_date", f"The review must be on or after the plan started, {long_date(plan.start_date)}")
    if plan.end_date is not None and review_date > plan.end_date:
        refuse("review_date", f"The review must be on or before the plan ended, {long_date(plan.end_date)}")
    if plan.reviews.filter(review_date=review_date).exists():
        refuse("review_date", "A review on this date is already recorded for this plan")
    with acting_as(by):
        review = ProtectionPlanReview.objects.create(plan=plan, review_date=review_date, recorded_by=by)
    _audit(by, plan.case, AuditAction.ADDED_TO_CASE, review)
    return review
