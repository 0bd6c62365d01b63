"""The child's adoption and permanence page and its forms (issue 17), reached from the Family and legal status tab.
Whoever may read the child's record sees the page; whoever may write on it records (`child_for_request`); anyone
else gets the same logged 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.staff import roles
from casework.adoption import services
from casework.adoption.forms import DecisionForm, MatchForm, PlacedWithForm, PreviousPermanenceForm, ReversalForm
from casework.adoption.selectors import adoption_record, placeable_siblings, placed_with
from casework.basic_record.selectors import item_history
from casework.children.authorisation import Need, child_for_request, refuse
from casework.children.form_pages import form_page

RECORD = {  # kind: (form, title, success)
    "decision": (DecisionForm, "Record the decision to place for adoption", "Decision recorded."),
    "previous-permanence": (PreviousPermanenceForm, "Previous permanence", "Previous permanence recorded."),
}
UPDATE = {
    "match": (MatchForm, "Record the match with adopters", "Match recorded."),
    "reversal": (ReversalForm, "Record that the child should no longer be placed for adoption", "Decision reversed."),
    "siblings": (PlacedWithForm, "Brothers and sisters to be placed with", "Brothers and sisters recorded."),
}


def _back(child) -> str:
    return reverse("casework:adoption", args=[child.local_id])


@login_required
def adoption(request, local_id):
    child = child_for_request(request, local_id)
    record = adoption_record(child)
    placed = placed_with(request.user, record["open_decision"]) if record["open_decision"] else None
    return render(request, "casework/adoption.html", {
        "child": child, "subnav": "family", "can_write": roles.can_write_records(request.user), "placed_with": placed,
        **record})


@login_required
@require_http_methods(["GET", "POST"])
def adoption_record_page(request, local_id, kind):
    child = child_for_request(request, local_id, Need.WRITE)
    if kind not in RECORD:
        refuse(request, local_id)
    form_class, title, success = RECORD[kind]
    context, initial = {}, {}
    if kind == "decision":
        save = lambda data: services.record_decision(child=child, by=request.user, **data)  # noqa: E731
    else:
        previous = adoption_record(child)["previous"]
        if previous is not None:
            initial = {"option": previous.option, "arranged_by": previous.arranged_by, "order_date": previous.order_date}
            context = {"history": item_history(previous)}
        save = lambda data: services.record_previous_permanence(child=child, by=request.user, **data)  # noqa: E731
    return form_page(request, child, form_class(request.POST or None, initial=initial), title=title, button="Save",
                     success=success, done=_back(child), back=_back(child), subnav="family", context=context,
                     template="casework/basic_record_form.html" if context else "form_page.html", save=save)


@login_required
@require_http_methods(["GET", "POST"])
def adoption_update(request, local_id, decision_id, kind):
    child = child_for_request(request, local_id, Need.WRITE)
    if kind not in UPDATE:
        refuse(request, local_id)
    decision = get_object_or_404(child.adoption_decisions.all(), pk=decision_id)
    form_class, title, success = UPDATE[kind]
    context = {"intro": str(decision)}
    if kind == "siblings":
        return _placed_with_page(request, child, decision, title, success)
    if kind == "match":
        initial = {"matched_on": decision.matched_on, "adopters_sex": decision.adopters_sex,
                   "adopters_legal_status": decision.adopters_legal_status,
                   "by_foster_carers": {True: "yes", False: "no"}.get(decision.by_foster_carers)}
        save = lambda data: services.record_match(decision=decision, by=request.user, **data)  # noqa: E731
    else:
        initial = {}
        save = lambda data: services.reverse_decision(decision=decision, by=request.user, **data)  # noqa: E731
    return form_page(request, child, form_class(request.POST or None, initial=initial), title=title, button="Save",
                     success=success, done=_back(child), back=_back(child), subnav="family",
                     context=context, save=save)


def _placed_with_page(request, child, decision, title, success):
    group = placed_with(request.user, decision)
    candidates = placeable_siblings(request.user, child)
    form = PlacedWithForm(request.POST if request.method == "POST" else None, candidates=candidates,
                          initial={"siblings": [sibling.local_id for sibling in group.children]})
    intro = f"{decision}."
    if group.others:
        intro += (f" The child is also to be placed with {group.others} other "
                  f"{'child whose record' if group.others == 1 else 'children whose records'} you cannot open: they "
                  "stay with the child unless you select none.")
    if not candidates:
        intro += (" No brother or sister can be chosen: each must be linked to this child's record as a brother or "
                  "sister, with a decision that they should be placed for adoption.")
    save = lambda data: services.place_with_siblings(decision=decision, by=request.user, **data)  # noqa: E731
    return form_page(request, child, form, title=title, button="Save", success=success, done=_back(child),
                     back=_back(child), subnav="family", context={"intro": intro}, save=save)
