"""Writes of the banner's alerts: a practitioner adds one, and ends it (kept in the alert history, never deleted).
Each writes its audit event in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction
from casework.banner.models import Alert
from casework.children.authorisation import Need, require


@transaction.atomic
def add_alert(*, child, by, kind: str, wording: str) -> Alert:
    require(by, child, Need.WRITE)
    wording = (wording or "").strip()
    if kind not in Alert.Kind.values:
        raise ValidationError("Select the kind of alert")
    if not wording:
        raise ValidationError("Enter what the alert says")
    with acting_as(by):
        alert = Alert.objects.create(child=child, kind=kind, wording=wording, added_by=by)
    record_event(actor=by, action=AuditAction.ADDED_ALERT, child=child, detail=f"alert {alert.pk}: {kind}")
    return alert


@transaction.atomic
def end_alert(*, alert: Alert, by, reason: str) -> Alert:
    require(by, alert.child_id, Need.WRITE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Enter why the alert no longer applies")
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.ended_at is not None:
        raise ValidationError("This alert has already ended.")
    alert.ended_at, alert.ended_by, alert.end_reason = timezone.now(), by, reason
    with acting_as(by):
        alert.save()
    record_event(actor=by, action=AuditAction.ENDED_ALERT, child_id=alert.child_id, detail=f"alert {alert.pk}")
    return alert
