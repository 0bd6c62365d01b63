"""Senior leadership's pages for approving form designs (§2), outside the technical admin.

A senior leader reads what a submitted design changes against the version in use and approves it or
sends it back with a reason. The decision goes through services.approve and services.reject, so who may
decide, that nobody approves their own submission, the audit event and the history stay in one place.
Anyone else gets the 404 of every refusal. Administrators keep drafting designs in the Django admin.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from access.form_flow import run_service
from casework.children.authorisation import refuse
from records.designs import selectors, services
from records.designs.forms import APPROVE, DecisionForm


def _require_senior_leader(request) -> None:
    if not services.can_decide_designs(request.user):
        refuse(request)


@login_required
def design_approvals(request):
    _require_senior_leader(request)
    return render(request, "records/designs/approvals.html", {
        "nav": "design_approvals", "waiting": selectors.awaiting_with_differences(),
    })


def _decide(form, request, design) -> bool:
    """Run the service the decision asks for; a rule it refuses becomes an error on the form."""
    reason, about = form.cleaned_data["reason"], f"{design.get_kind_display()} design, version {design.version}"
    if form.cleaned_data["decision"] == APPROVE:
        service, done = services.approve, f"{about}, is approved and now in use."
    else:
        service, done = services.reject, f"{about}, was sent back to the administrators with your reason."
    try:
        saved = run_service(form, lambda: service(design=design, by=request.user, comment=reason))
    except PermissionDenied as error:  # a rule of the service's, for example that nobody approves their own
        form.add_error(None, str(error))
        return False
    if saved:
        messages.success(request, done)
    return saved


@login_required
@require_http_methods(["GET", "POST"])
def design_approval(request, design_id):
    _require_senior_leader(request)
    design = selectors.design_for_decision(design_id)
    awaiting = design.status == services.Status.SUBMITTED
    form = DecisionForm(request.POST or None) if awaiting else None
    if request.method == "POST":
        if not awaiting:
            messages.error(request, "A decision has already been made on this design.")
            return redirect(selectors.approval_url())
        if form.is_valid() and _decide(form, request, design):
            return redirect(selectors.approval_url())
    in_use, difference = selectors.difference_for(design) if awaiting else (None, None)
    return render(request, "records/designs/approval.html", {
        "nav": "design_approvals", "design": design, "in_use": in_use, "difference": difference, "form": form,
        "back": selectors.approval_url(),
    })
