"""The banner's alerts: their history (current and ended) for everyone who may see the child, adding and ending
them for those who write on the record."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.staff import roles
from casework.banner import services
from casework.banner.forms import AlertForm, EndAlertForm
from casework.banner.models import Alert
from casework.children.authorisation import Need, child_for_request
from casework.children.form_pages import form_page


@login_required
def alerts(request, local_id):
    child = child_for_request(request, local_id)
    rows = list(Alert.objects.filter(child=child).select_related(
        "added_by__staff_profile", "ended_by__staff_profile").order_by("ended_at", "-added_at", "-id")[:200])
    return render(request, "casework/alerts.html", {
        "child": child, "alerts": rows, "subnav": "alerts", "can_write": roles.can_write_records(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def alert_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    back = reverse("casework:alerts", args=[child.local_id])
    return form_page(
        request, child, AlertForm(request.POST or None), title="Add an alert", button="Add the alert",
        success="Alert added.", done=back, back=back,
        save=lambda data: services.add_alert(child=child, by=request.user, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_end(request, local_id, alert_id):
    child = child_for_request(request, local_id, Need.WRITE)
    alert = get_object_or_404(Alert.objects.filter(child=child, ended_at__isnull=True), pk=alert_id)
    back = reverse("casework:alerts", args=[child.local_id])
    return form_page(
        request, child, EndAlertForm(request.POST or None), title="End an alert", button="End the alert",
        success="Alert ended. It stays in the alert history.", done=back, back=back,
        context={"intro": f"{alert.get_kind_display()}: {alert.wording}"},
        save=lambda data: services.end_alert(alert=alert, by=request.user, reason=data["reason"]),
    )
