"""Writes to the child's plan (§5.4). Each service validates, saves and is attributed in one transaction.

Outcomes are never deleted: they are achieved, changed or ended, and each change is an
`OutcomeChange` row (with the review meeting it came from, when it came from one).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import CHANGE_REASON_MAX, change_reason
from casework.children.changes import case_facts_changed
from casework.children.authorisation import Need, require
from casework.recording.lateness import mark_update, sign_new
from casework.models import Child
from records.plans.models import KeyTask, OutcomeChange, Plan, PlanOutcome

Action = OutcomeChange.Action


def _require_open(plan: Plan) -> None:
    if not plan.case.is_open:
        raise ValidationError("This case is closed: its plan can no longer change.")


def _date_of(event_date, review, what: str):
    """§4, §10: the date of what is recorded: given, or the review meeting's own date; never in the future."""
    if event_date is None and review is not None:
        event_date = timezone.localtime(review.event_at).date()
    if event_date is None:
        raise ValidationError(f"Enter the date {what}.")
    if event_date > timezone.localdate():
        raise ValidationError(f"The date {what} cannot be in the future.")
    return event_date


def _signed(item, by):
    sign_new(item, by)  # §9 name and post title; §10 Late entry when recorded more than two working days after
    item.save()
    return item


def _require_review(child: Child, review) -> None:
    from records.models import RecordKind

    if review is not None and (review.child_id != child.pk or review.kind != RecordKind.REVIEW):
        raise ValidationError("Choose a review meeting of this child.")


@transaction.atomic
def start_plan(*, child: Child, by, purpose: str = "", plan_type: str = Plan.Type.CHILD_IN_NEED,
               event_date=None) -> Plan:
    """Start the plan of the child's open case. A purpose carries the date the plan was agreed (`event_date`):
    recorded more than two working days after it, the plan is marked "Late entry" (§4, §10)."""
    require(by, child, Need.WRITE)
    if plan_type not in Plan.Type.values:
        raise ValidationError("Select the type of plan.")
    if purpose.strip() or event_date is not None:
        event_date = _date_of(event_date, None, "the plan was agreed")
    case = child.cases.select_for_update().filter(closure_date__isnull=True).first()
    if case is None:
        raise ValidationError("This child has no open case, so a plan cannot be started.")
    if Plan.objects.filter(case=case).exists():
        raise ValidationError("This case already has a plan.")
    plan = _signed(Plan(case=case, child=child, purpose=purpose.strip(), plan_type=plan_type, created_by=by,
                        event_date=event_date), by)
    case_facts_changed([child.pk])  # the plan's type decides how often the child is visited
    return plan


PLAN_TYPE_CHANGED = "Type of plan changed: "
PLAN_TYPE_REASON_MAX = CHANGE_REASON_MAX - len(PLAN_TYPE_CHANGED)


@transaction.atomic
def change_plan_type(*, plan: Plan, by, plan_type: str, reason: str) -> Plan:
    """The plan's type changes (a child protection conference's decision, a young person leaving care), with
    the reason in its history; the child's visits follow the new type's rule."""
    require(by, plan.child, Need.WRITE)
    plan = Plan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    _require_open(plan)
    if plan_type not in Plan.Type.values or plan_type == plan.plan_type:
        raise ValidationError("Select a different type of plan.")
    if not reason.strip():
        raise ValidationError("Enter why the type of plan has changed.")
    if len(reason) > PLAN_TYPE_REASON_MAX:  # kept only in the history row: refused, never cut short
        raise ValidationError(f"Why the type of plan has changed must be {PLAN_TYPE_REASON_MAX} characters or fewer.")
    plan.plan_type = plan_type
    mark_update(plan, by=by, day=timezone.localdate())  # §9: who changed it and when (decided today: on time)
    plan._change_reason = change_reason(f"{PLAN_TYPE_CHANGED}{reason}")
    plan.save()
    case_facts_changed([plan.child_id])
    return plan


@transaction.atomic
def add_outcome(*, plan: Plan, by, text: str, kind: str = PlanOutcome.Kind.OUTCOME, review=None,
                reason: str = "", event_date=None) -> PlanOutcome:
    """A new recommendation or intended outcome, from a review meeting when `review` is given."""
    require(by, plan.child_id, Need.WRITE)
    _require_open(plan)
    _require_review(plan.child, review)
    if not text.strip():
        raise ValidationError("Enter the recommendation or outcome.")
    if kind not in PlanOutcome.Kind.values:
        raise ValidationError("Choose whether it is a recommendation or an intended outcome.")
    event_date = _date_of(event_date, review, "it was agreed")
    outcome = _signed(PlanOutcome(plan=plan, kind=kind, text=text.strip(), from_review=review, created_by=by,
                                  event_date=event_date), by)
    _signed(OutcomeChange(outcome=outcome, action=Action.ADDED, reason=reason.strip(), review=review, changed_by=by,
                          event_date=event_date), by)
    return outcome


@transaction.atomic
def change_outcome(*, outcome: PlanOutcome, by, action: str, reason: str, text: str = "", review=None,
                   event_date=None) -> PlanOutcome:
    """Confirm, change the wording of, achieve or end an outcome; the reason and the earlier text are kept."""
    require(by, outcome.plan.child_id, Need.WRITE)
    outcome = PlanOutcome.objects.select_for_update().select_related("plan__case").get(pk=outcome.pk)
    _require_open(outcome.plan)
    _require_review(outcome.plan.child, review)
    if not outcome.is_current:
        raise ValidationError("This outcome has already been achieved or ended.")
    text, reason = text.strip(), reason.strip()
    if action == Action.CONFIRMED:
        if review is None:
            raise ValidationError("An outcome is confirmed by a review meeting: choose the review.")
    elif action == Action.CHANGED:
        if not text:
            raise ValidationError("Enter the new wording of the outcome.")
        if text == outcome.text:
            raise ValidationError("The wording has not changed: change it, or choose another action.")
    elif action in (Action.ACHIEVED, Action.ENDED):
        pass
    else:
        raise ValidationError("Choose what happens to the outcome.")
    if action != Action.CONFIRMED and not reason:
        raise ValidationError("Enter the reason for the change.")
    event_date = _date_of(event_date, review, "it was decided")
    _signed(OutcomeChange(outcome=outcome, action=action, reason=reason, review=review, changed_by=by,
                          previous_text=outcome.text if action == Action.CHANGED else "", event_date=event_date), by)
    if action != Action.CONFIRMED:
        mark_update(outcome, by=by, day=event_date)  # §4: the outcome updated late says so too
    if action == Action.CHANGED:
        outcome.text = text
    elif action in (Action.ACHIEVED, Action.ENDED):
        outcome.status = PlanOutcome.Status.ACHIEVED if action == Action.ACHIEVED else PlanOutcome.Status.ENDED
        outcome.closed_at = timezone.now()
    # Whole in OutcomeChange.reason; the history column holds 100 characters.
    outcome._change_reason = change_reason(f"{Action(action).label}: {reason}" if reason else Action(action).label)
    outcome.save()
    return outcome


@transaction.atomic
def record_review(*, review, by, decisions: dict, new_outcomes: list[str]) -> list[OutcomeChange]:
    """What a review meeting decided about the plan: `decisions` maps each outcome to (action, text, reason);
    `new_outcomes` are its new recommendations. All or nothing."""
    require(by, review.child_id, Need.WRITE)
    plan = Plan.objects.filter(case=review.case).first()
    if plan is None:
        raise ValidationError("Start the plan before recording what the review decided about it.")
    if not decisions and not new_outcomes:
        raise ValidationError("Record at least one decision about an outcome, or a new recommendation.")
    changes = []
    for outcome, (action, text, reason) in decisions.items():
        if outcome.plan_id != plan.pk:
            raise ValidationError("Choose only outcomes of this child's plan.")
        change_outcome(outcome=outcome, by=by, action=action, text=text, reason=reason, review=review)
        changes.append(outcome)
    for text in new_outcomes:
        add_outcome(plan=plan, by=by, text=text, kind=PlanOutcome.Kind.RECOMMENDATION, review=review)
    return changes


@transaction.atomic
def add_key_task(*, outcome: PlanOutcome, by, description: str, due_on, assigned_to=None,
                 assigned_to_other: str = "", event_date=None) -> KeyTask:
    require(by, outcome.plan.child_id, Need.WRITE)
    outcome = PlanOutcome.objects.select_related("plan__case").get(pk=outcome.pk)
    _require_open(outcome.plan)
    if not outcome.is_current:
        raise ValidationError("Key tasks are added only to outcomes still being worked on.")
    if not description.strip():
        raise ValidationError("Enter the key task.")
    if (assigned_to is None) == (not assigned_to_other.strip()):
        raise ValidationError("Choose a member of staff or name the person or agency who will do it, not both.")
    if due_on is None or due_on < timezone.localdate():
        raise ValidationError("The date the key task is due must be today or in the future.")
    event_date = _date_of(event_date, None, "the key task was agreed")
    return _signed(KeyTask(outcome=outcome, description=description.strip(), assigned_to=assigned_to,
                           assigned_to_other=assigned_to_other.strip(), due_on=due_on, created_by=by,
                           event_date=event_date), by)


@transaction.atomic
def complete_key_task(*, task: KeyTask, by, completed_on) -> KeyTask:
    require(by, task.outcome.plan.child_id, Need.WRITE)
    task = KeyTask.objects.select_for_update().select_related("outcome__plan__case").get(pk=task.pk)
    _require_open(task.outcome.plan)
    if task.completed_on is not None:
        raise ValidationError("This key task is already done.")
    if completed_on is None or completed_on > timezone.localdate():
        raise ValidationError("The date it was done cannot be in the future.")
    if completed_on < timezone.localtime(task.created_at).date():
        raise ValidationError("The date it was done cannot be before the task was set.")
    task.completed_on, task.completed_by = completed_on, by
    mark_update(task, by=by, day=completed_on)  # §10: recorded done more than two working days after it was done
    task.save()
    return task
