"""Reporting a lost or mislaid file, document or device (§15.1, §16), and following the report up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.form_flow import run_service
from casework.losses import services as losses
from casework.losses.forms import CloseLossForm, FamilyToldForm, LossReportForm, RecoveryActionForm


def _loss(request, loss_id):
    """A report this user may see (reporter, managers told of it); otherwise the same 404 as an unknown one."""
    loss = losses.losses_visible_to(request.user).filter(pk=loss_id).first()
    if loss is None:
        raise Http404("Not found")
    return loss


def _form_page(request, form, *, title, button, loss=None, intro=""):
    return render(request, "casework/losses/loss_form.html", {
        "form": form, "title": title, "button": button, "loss": loss, "intro": intro,
        "back": reverse("casework:loss_detail", args=[loss.pk]) if loss else reverse("casework:losses"),
        "nav": "loss_report" if loss is None else "",
    })


@login_required
@require_http_methods(["GET", "POST"])
def loss_report(request):
    form = LossReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}
        if run_service(form, lambda: result.update(loss=losses.report_loss(
                by=request.user, kind=data["kind"], what=data["what"], lost_on=data["lost_on"],
                lost_where=data["lost_where"], circumstances=data["circumstances"], children=data["children"]))):
            told = result["loss"].notifications.count()
            messages.success(request, f"Loss reported. {told} manager{'s' if told != 1 else ''} told by e-mail."
                              if told else "Loss reported. No manager could be told automatically: tell yours now.")
            return redirect("casework:loss_detail", loss_id=result["loss"].pk)
    return _form_page(request, form, title="Report a lost or mislaid file, document or device", button="Report the loss",
                      intro="Report it straight away. Your manager, and the managers of the children "
                            "affected, are told at once.")


@login_required
def loss_list(request):
    rows = list(losses.losses_visible_to(request.user).order_by("-reported_at", "-id")[:200])
    return render(request, "casework/losses/losses.html", {
        "open_rows": [r for r in rows if r.is_open], "closed_rows": [r for r in rows if not r.is_open],
        "nav": "losses",
    })


@login_required
def loss_detail(request, loss_id):
    from django.apps import apps  # access imports no other app: the model is looked up by name

    loss = _loss(request, loss_id)
    affected = [row.child for row in loss.affected.select_related("child").order_by("child__local_id")]
    visible = set(apps.get_model("casework", "Child").objects.visible_to(request.user).filter(pk__in=[c.pk for c in affected]).values_list("pk", flat=True))
    return render(request, "casework/losses/loss_detail.html", {
        "loss": loss, "affected": [(child, child.pk in visible) for child in affected],
        "actions": list(loss.actions.select_related("recorded_by")),
        "told": list(loss.notifications.select_related("user__staff_profile").order_by("notified_at", "id")),
        "can_close": loss.is_open and losses.may_close(request.user, loss),
    })


def _follow_up(request, loss_id, form_class, *, title, button, action, success):
    loss = _loss(request, loss_id)
    if not loss.is_open:
        messages.error(request, "This report is closed.")
        return redirect("casework:loss_detail", loss_id=loss.pk)
    form = form_class(request.POST or None, loss=loss)
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: action(loss, form.cleaned_data)):
            messages.success(request, success)
            return redirect("casework:loss_detail", loss_id=loss.pk)
    return _form_page(request, form, title=title, button=button, loss=loss)


@login_required
@require_http_methods(["GET", "POST"])
def loss_action(request, loss_id):
    return _follow_up(request, loss_id, RecoveryActionForm, title="Record an effort to recover it",
                      button="Record the action", success="Recovery action recorded.",
                      action=lambda loss, d: losses.record_recovery_action(
                          loss=loss, by=request.user, taken_on=d["taken_on"], action=d["action"]))


@login_required
@require_http_methods(["GET", "POST"])
def loss_family(request, loss_id):
    return _follow_up(request, loss_id, FamilyToldForm, title="Was the child or family told?",
                      button="Save", success="Recorded whether the child or family was told.",
                      action=lambda loss, d: losses.record_family_told(
                          loss=loss, by=request.user, told=d["told"], told_on=d["told_on"],
                          not_told_reason=d["not_told_reason"]))


@login_required
@require_http_methods(["GET", "POST"])
def loss_close(request, loss_id):
    loss = _loss(request, loss_id)
    if not losses.may_close(request.user, loss):
        raise Http404("Not found")
    return _follow_up(request, loss_id, CloseLossForm, title="Close the report", button="Close the report",
                      success="Report closed.",
                      action=lambda loss, d: losses.close_loss(loss=loss, by=request.user, outcome=d["outcome"],
                                                               notes=d["notes"]))
