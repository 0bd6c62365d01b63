"""The child's plan (§5.4): the plan page, and the forms that start and change it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.staff import roles
from records.plans import selectors
from records.plans import services
from casework.children.authorisation import Need, child_for_request, refuse
from records.plans.forms import (
    KeyTaskDoneForm, KeyTaskForm, OutcomeChangeForm, OutcomeForm, PlanStartForm, PlanTypeForm, ReviewDecisionsForm,
)
from records.plans.models import KeyTask, PlanOutcome
from casework.children.selectors import may_see_restricted


@login_required
def plan(request, local_id):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    page = selectors.plan_page(child, may_see_restricted=sees_restricted)
    ask = []
    if page.hidden_restricted:
        from records.entries.selectors import whom_to_ask

        ask = whom_to_ask(child)
    can_write = roles.can_write_records(request.user)
    return render(request, "records/plans/plan.html", {
        "child": child, "page": page, "ask": ask, "subnav": "plan",
        "can_write": can_write and page.plan is not None and page.plan.case.is_open,
        # A new open case (after an earlier one closed with its plan) starts its own plan.
        "can_start": can_write and (page.plan is None or not page.plan.case.is_open)
        and child.cases.filter(closure_date__isnull=True, plan__isnull=True).exists(),
    })


def _open_plan(request, child):
    plan = selectors.plan_for_child(child)
    if plan is None or not plan.case.is_open:
        refuse(request, child.local_id)
    return plan


def _reviews(request, child):
    return selectors.review_entries(request.user, child, may_see_restricted=may_see_restricted(request.user, child))


def _form_page(request, child, form, *, title, button, caption=""):
    return render(request, "records/plans/plan_form.html", {
        "child": child, "form": form, "title": title, "button": button, "caption": caption, "subnav": "plan",
        "back": reverse("records:plan", args=[child.local_id]),
    })


def _attempt(form, write) -> bool:
    try:
        write()
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def plan_start(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = PlanStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _attempt(
            form, lambda: services.start_plan(child=child, by=request.user, purpose=form.cleaned_data["purpose"],
                                              plan_type=form.cleaned_data["plan_type"],
                                              event_date=form.cleaned_data["event_date"])):
        messages.success(request, "Plan started. Add its recommendations or intended outcomes.")
        return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Start the plan", button="Start the plan")


@login_required
@require_http_methods(["GET", "POST"])
def plan_type_change(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    plan = _open_plan(request, child)
    form = PlanTypeForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: services.change_plan_type(
            plan=plan, by=request.user, plan_type=form.cleaned_data["plan_type"], reason=form.cleaned_data["reason"])):
        messages.success(request, "The type of plan is changed. How often the child is visited follows it.")
        return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Change the type of plan", button="Change the type of plan",
                      caption=f"Now: {plan.get_plan_type_display()}")


@login_required
@require_http_methods(["GET", "POST"])
def outcome_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    plan = _open_plan(request, child)
    form = OutcomeForm(request.POST or None, reviews=_reviews(request, child))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.add_outcome(plan=plan, by=request.user, text=data["text"], kind=data["kind"],
                                                       review=data["review"], event_date=data["event_date"])):
            messages.success(request, "Added to the plan.")
            return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Add a recommendation or outcome", button="Add it to the plan")


def _current_outcome(request, child, plan, outcome_id) -> PlanOutcome:
    return get_object_or_404(plan.outcomes.filter(status=PlanOutcome.Status.CURRENT), pk=outcome_id)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_change(request, local_id, outcome_id):
    child = child_for_request(request, local_id, Need.WRITE)
    plan = _open_plan(request, child)
    outcome = _current_outcome(request, child, plan, outcome_id)
    form = OutcomeChangeForm(request.POST or None, outcome=outcome, reviews=_reviews(request, child),
                             initial={"text": outcome.text})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.change_outcome(outcome=outcome, by=request.user, action=data["action"],
                                                          text=data["text"], reason=data["reason"], review=data["review"],
                                                          event_date=data["event_date"])):
            messages.success(request, "The plan has been updated. The earlier version is kept.")
            return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Change, achieve or end an outcome", button="Save",
                      caption=outcome.text)


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, local_id, outcome_id):
    child = child_for_request(request, local_id, Need.WRITE)
    plan = _open_plan(request, child)
    outcome = _current_outcome(request, child, plan, outcome_id)
    form = KeyTaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.add_key_task(
                outcome=outcome, by=request.user, description=data["description"], due_on=data["due_on"],
                assigned_to=data["assigned_to"], assigned_to_other=data["assigned_to_other"],
                event_date=data["event_date"])):
            messages.success(request, "Key task added.")
            return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Add a key task", button="Add the key task", caption=outcome.text)


@login_required
@require_http_methods(["GET", "POST"])
def task_done(request, local_id, task_id):
    child = child_for_request(request, local_id, Need.WRITE)
    plan = _open_plan(request, child)
    task = get_object_or_404(KeyTask.objects.filter(outcome__plan=plan, completed_on__isnull=True), pk=task_id)
    form = KeyTaskDoneForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: services.complete_key_task(task=task, by=request.user,
                                                             completed_on=form.cleaned_data["completed_on"])):
            messages.success(request, "Key task marked as done.")
            return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Mark a key task as done", button="Save", caption=task.description)


@login_required
@require_http_methods(["GET", "POST"])
def plan_review(request, local_id, pk):
    """A review meeting's decisions on the plan: outcomes confirmed, changed, achieved or ended, and new ones."""
    child = child_for_request(request, local_id, Need.WRITE)
    plan = _open_plan(request, child)
    review = get_object_or_404(_reviews(request, child).filter(case=plan.case), pk=pk)
    current = plan.outcomes.filter(status=PlanOutcome.Status.CURRENT)
    form = ReviewDecisionsForm(request.POST or None, outcomes=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.record_review(review=review, by=request.user, decisions=data["decisions"],
                                                         new_outcomes=data["new"])):
            messages.success(request, "The review's decisions are on the plan.")
            return redirect("records:plan", local_id=child.local_id)
    return _form_page(request, child, form, title="Record the review's decisions on the plan", button="Update the plan",
                      caption=f"Review of {review.event_at:%d %B %Y}")
