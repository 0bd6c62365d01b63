"""Pages for transferring a case to another team (§15.2): the pre-transfer audit, the transfer, the
receiving manager's confirmation, and managers' list of transfers in and out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.form_flow import run_service
from access.staff import roles
from casework.models import Child
from casework.transfers import services as transfers
from casework.children.authorisation import Need, child_for_request, refuse
from casework.transfers.forms import ConfirmTransferForm, PreTransferAuditForm, TransferForm


def _open_case(child):
    return child.cases.filter(closure_date__isnull=True).first()


def _page(child) -> str:
    return reverse("casework:transfer", args=[child.local_id])


def _sender_case(request, local_id):
    """The child and open case, for the manager of the team that holds it; others get the usual 404."""
    child = child_for_request(request, local_id, Need.MANAGE)
    case = _open_case(child)
    if case is None or not transfers.may_send(request.user, case):
        refuse(request, local_id)
    return child, case


@login_required
def transfer_page(request, local_id):
    """The child's transfers: awaiting confirmation, confirmed, and what the current manager can do next."""
    child = child_for_request(request, local_id, Need.MANAGE)
    case = _open_case(child)
    rows = list(transfers.transfers_for_child(child))
    awaiting = next((t for t in rows if t.is_awaiting_confirmation), None)
    return render(request, "casework/transfer.html", {
        "child": child, "case": case, "transfers": rows, "awaiting": awaiting,
        "can_send": case is not None and awaiting is None and transfers.may_send(request.user, case),
        "can_confirm": awaiting is not None and transfers.may_confirm(request.user, awaiting),
        "audit": transfers.usable_audit(case) if case is not None else None,
        "summary_written": case is not None and transfers.has_completed_summary(case),
        "audit_valid_days": transfers.AUDIT_VALID_DAYS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def transfer_audit(request, local_id):
    child, case = _sender_case(request, local_id)
    form = PreTransferAuditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        notes = data.pop("notes")
        if run_service(form, lambda: transfers.record_pre_transfer_audit(case=case, by=request.user, notes=notes, **data)):
            messages.success(request, "Pre-transfer audit recorded. You can now transfer the case.")
            return redirect(_page(child))
    return render(request, "casework/transfer_form.html", {
        "child": child, "form": form, "title": "Pre-transfer audit of the record", "button": "Record the audit",
        "back": _page(child), "intro": "Before a case moves to another team, check that all relevant information "
                                        "and documents are on the child's record.",
        "summary_written": transfers.has_completed_summary(case),
    })


@login_required
@require_http_methods(["GET", "POST"])
def transfer_new(request, local_id):
    child, case = _sender_case(request, local_id)
    audit = transfers.usable_audit(case)
    awaiting = transfers.awaiting_transfer(case)
    if audit is None or awaiting is not None:
        # Refused without the pre-transfer audit (§15.2), or while a transfer awaits confirmation.
        return render(request, "casework/transfer_refused.html", {"child": child, "awaiting": awaiting,
                                                                   "back": _page(child)})
    from_team = transfers.current_allocation(case).team
    form = TransferForm(request.POST or None, from_team=from_team, audit=audit)
    if request.method == "POST" and form.is_valid() and "change" not in request.POST:
        data = form.cleaned_data
        if request.POST.get("confirmed") != "yes":  # §15.2: a check page before anything is sent
            carried = [(name, value) for name, value in request.POST.items()
                       if name not in ("csrfmiddlewaretoken", "confirmed", "change")]
            return render(request, "casework/transfer_check.html", {
                "child": child, "form": form, "data": data, "from_team": from_team, "carried": carried,
                "title": "Check the transfer before you send it", "back": _page(child)})
        if run_service(form, lambda: transfers.transfer_case(case=case, by=request.user, to_team=data["to_team"],
                                                      transfer_date=data["transfer_date"], reason=data["reason"])):
            messages.success(request, f"Case transferred to {data['to_team'].name}. It is awaiting their confirmation "
                                      "that the record arrived.")
            return redirect(_page(child))
    return render(request, "casework/transfer_form.html", {
        "child": child, "form": form, "title": "Transfer the case to another team", "button": "Transfer the case",
        "back": _page(child), "audit": audit,
    })


@login_required
@require_http_methods(["GET", "POST"])
def transfer_confirm(request, local_id, transfer_id):
    child = child_for_request(request, local_id, Need.MANAGE)
    transfer = get_object_or_404(transfers.transfers_for_child(child), pk=transfer_id)
    if not transfers.may_confirm(request.user, transfer):
        refuse(request, local_id)
    if not transfer.is_awaiting_confirmation:
        messages.error(request, "This transfer has already been confirmed.")
        return redirect(_page(child))
    form = ConfirmTransferForm(request.POST or None, transfer=transfer,
                               has_paper_files=child.paper_volumes.exists())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: transfers.confirm_transfer(
                transfer=transfer, by=request.user, notes=data["notes"],
                paper_files_location=data.get("paper_files_location", ""),
                paper_files_moved_on=data.get("paper_files_moved_on"))):
            messages.success(request, "Confirmed: the record arrived. The case is with your team, awaiting allocation.")
            return redirect("casework:allocate", local_id=child.local_id)
    return render(request, "casework/transfer_form.html", {
        "child": child, "form": form, "title": "Confirm the record arrived", "button": "Confirm the record arrived",
        "back": _page(child), "transfer": transfer,
    })


@login_required
def transfer_list(request):
    """Managers see transfers out of and into their teams; the sender sees the confirmation here (§15.2)."""
    if not roles.is_team_manager(request.user):
        refuse(request)
    rows = list(transfers.transfers_for_manager(request.user)[:200])
    # Each child by name and linked while the manager may open the record; once a confirmed transfer has ended
    # the sending team's access, by local ID only (the name is part of the record they no longer see).
    visible = set(Child.objects.visible_to(request.user).filter(pk__in={t.case.child_id for t in rows})
                  .values_list("pk", flat=True))
    for row in rows:
        row.may_open = row.case.child_id in visible
    return render(request, "casework/transfers.html", {
        "awaiting": [t for t in rows if t.is_awaiting_confirmation],
        "confirmed": [t for t in rows if not t.is_awaiting_confirmation], "nav": "transfers",
    })
