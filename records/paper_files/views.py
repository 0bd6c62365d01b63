"""The Paper files tab of a child's record (§1, §15): volumes, moves, removals and their return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.form_flow import run_service
from access.staff import roles
from casework.children.authorisation import Need, child_for_request, refuse
from records.paper_files import services as paper_files
from records.models import PaperFileMove
from records.paper_files.forms import (
    ConfirmArrivalForm, DecideRemovalForm, MoveVolumeForm, RemovalRequestForm, ReturnForm, VolumeForm,
)


def _tab(child) -> str:
    return reverse("records:paper_files", args=[child.local_id])


def _form_page(request, child, form, *, title, button, caption="", intro=""):
    return render(request, "form_page.html", {
        "child": child, "form": form, "title": title, "button": button, "back": _tab(child),
        "subnav": "paper_files", "caption": caption, "intro": intro,
    })


def _save(form, request, action, success: str):
    """Run a service with the form's data; the rules it refuses become errors on the form. True when saved."""
    if not run_service(form, action):
        return False
    messages.success(request, success)
    return True


@login_required
def paper_files_tab(request, local_id):
    child = child_for_request(request, local_id)
    removals = list(paper_files.removals_for_child(child))
    volumes = list(paper_files.volumes_for_child(child))
    return render(request, "records/paper_files.html", {
        "child": child, "subnav": "paper_files",
        "volumes": volumes,
        "can_confirm": {move.pk for volume in volumes for move in volume.moves.all()
                        if paper_files.may_confirm_arrival(request.user, move)},
        "waiting": [r for r in removals if r.status == "requested"],
        "out": [r for r in removals if r.status == "out"],
        "past": [r for r in removals if r.status in ("returned", "refused")],
        "can_write": roles.can_write_records(request.user),
        "can_decide": paper_files.may_decide_removal(request.user, child),
    })


@login_required
@require_http_methods(["GET", "POST"])
def volume_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = VolumeForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, request, lambda: paper_files.add_volume(
                child=child, by=request.user, number=data["number"], covers_from=data["covers_from"],
                covers_to=data["covers_to"], usual_location=data["usual_location"], notes=data["notes"]),
                f"Volume {data['number']} recorded."):
            return redirect(_tab(child))
    return _form_page(request, child, form, title="Record a paper file volume", button="Save the volume")


@login_required
@require_http_methods(["GET", "POST"])
def volume_move(request, local_id, volume_id):
    child = child_for_request(request, local_id, Need.WRITE)
    volume = get_object_or_404(child.paper_volumes.all(), pk=volume_id)
    form = MoveVolumeForm(request.POST or None, volume=volume)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, request, lambda: paper_files.move_volume(
                volume=volume, to_location=data["to_location"], moved_on=data["moved_on"], by=request.user,
                to_team=data["to_team"], reason=data["reason"]),
                f"The move of volume {volume.number} is recorded. Someone in {data['to_team'].name} confirms it arrived."):
            return redirect(_tab(child))
    return _form_page(request, child, form, title=f"Move volume {volume.number} to a new location",
                      button="Record the move")


@login_required
@require_http_methods(["GET", "POST"])
def move_confirm(request, local_id, move_id):
    """§15.2: someone at the receiving end confirms a volume arrived (never the sender)."""
    child = child_for_request(request, local_id)
    moves = PaperFileMove.objects.filter(volume__child=child).select_related("volume", "to_team", "recorded_by")
    move = get_object_or_404(moves, pk=move_id)
    if not move.is_awaiting_arrival and move.to_team_id:
        messages.error(request, "The arrival of this volume has already been confirmed.")
        return redirect(_tab(child))
    if not paper_files.may_confirm_arrival(request.user, move):
        refuse(request, local_id)
    form = ConfirmArrivalForm(request.POST or None, move=move)
    if request.method == "POST" and form.is_valid():
        if _save(form, request, lambda: paper_files.confirm_arrival(move=move, by=request.user),
                 f"Arrival of volume {move.volume.number} confirmed."):
            return redirect(_tab(child))
    return _form_page(request, child, form, title=f"Confirm volume {move.volume.number} arrived", button="Confirm",
                      intro=f"Sent on {move.moved_on:%-d %B %Y} from {move.from_location} by "
                            f"{move.recorded_by.get_full_name()}, to {move.to_location} ({move.to_team.name}).")


@login_required
@require_http_methods(["GET", "POST"])
def removal_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = RemovalRequestForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, request, lambda: paper_files.request_removal(
                child=child, by=request.user, volumes=data["volumes"], destination=data["destination"],
                reason=data["reason"], security_measures=data["security_measures"], return_by=data["return_by"]),
                "Request sent. A manager of the child's team must approve it before the file leaves."):
            return redirect(_tab(child))
    return _form_page(request, child, form, title="Ask to take a paper file out", button="Ask for approval")


@login_required
@require_http_methods(["GET", "POST"])
def removal_decide(request, local_id, removal_id):
    child = child_for_request(request, local_id)
    if not paper_files.may_decide_removal(request.user, child):
        refuse(request, local_id)
    removal = get_object_or_404(paper_files.removals_for_child(child), pk=removal_id)
    form = DecideRemovalForm(request.POST or None)
    if removal.status != "requested":
        messages.error(request, "This request has already been decided.")
        return redirect(_tab(child))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        if _save(form, request,
                 (lambda: paper_files.approve_removal(removal=removal, by=request.user)) if approve else
                 (lambda: paper_files.refuse_removal(removal=removal, by=request.user,
                                                      reason=form.cleaned_data["refusal_reason"])),
                 "Approved. Those who may need the file have been told it is out." if approve else "Request refused."):
            return redirect(_tab(child))
    return render(request, "records/paper_removal_decide.html", {
        "child": child, "removal": removal, "form": form, "back": _tab(child), "subnav": "paper_files",
    })


@login_required
@require_http_methods(["GET", "POST"])
def removal_return(request, local_id, removal_id):
    child = child_for_request(request, local_id, Need.WRITE)
    removal = get_object_or_404(paper_files.removals_for_child(child).filter(approved_at__isnull=False), pk=removal_id)
    if removal.returned_at:
        messages.error(request, "The return of this file has already been recorded.")
        return redirect(_tab(child))
    form = ReturnForm(request.POST or None, removal=removal)
    if request.method == "POST" and form.is_valid():
        if _save(form, request, lambda: paper_files.record_return(
                removal=removal, by=request.user, returned_on=form.cleaned_data["returned_on"]),
                "The file's return is recorded."):
            return redirect(_tab(child))
    return _form_page(request, child, form, title="Record that the paper file is back", button="Record the return")
