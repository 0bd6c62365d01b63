"""Lost or mislaid files, documents and equipment (§15.1, §16).

Reported at once by any member of staff; the reporter's manager and the managers of the affected
children's teams are e-mailed at once (local child IDs only, never what the file held); recovery
efforts are an append-only list; whether and when the child or family was told, or why not; then
the report is closed, recovered or not. Services validate, save and audit in one transaction.

Affected children are only ever children the reporter may see. The child selectors live in
casework, which depends on access; they are imported inside the functions that need them.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from access.staff import roles
from access.audit.services import record_event
from access.models import (
    AuditAction, LossAffectedChild, LossNotification, LossRecoveryAction, LossReport,
)


def _required(value: str, message: str, field: str) -> str:
    if not (value or "").strip():
        raise ValidationError({field: message})
    return value.strip()


def children_reporter_may_name(user):
    from django.apps import apps  # access imports no other app: the model is looked up by name


    return apps.get_model("casework", "Child").objects.visible_to(user)


def managers_to_tell(*, reporter, children) -> list:
    """The reporter's team manager and the managers of the teams the affected children are allocated to."""
    from casework.models import Allocation

    ids = set()
    profile = getattr(reporter, "staff_profile", None)
    if profile is not None and profile.team_id and profile.team.manager_id:
        ids.add(profile.team.manager_id)
    if children:
        ids |= set(Allocation.objects.filter(case__child__in=children, ended_at__isnull=True,
                                             case__closure_date__isnull=True, team__manager__isnull=False)
                   .values_list("team__manager_id", flat=True))
    ids.discard(reporter.pk)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def losses_visible_to(user) -> QuerySet[LossReport]:
    """The reporter, everyone told of the loss, and the reporter's current team manager; superusers see all."""
    if not user.is_authenticated:
        return LossReport.objects.none()
    rows = LossReport.objects.select_related("reported_by__staff_profile")
    if user.is_superuser:
        return rows
    told = LossNotification.objects.filter(user=user).values("loss_id")
    return rows.filter(Q(reported_by=user) | Q(pk__in=told) | Q(reported_by__staff_profile__team__manager=user))


def may_close(user, loss: LossReport) -> bool:
    return user.is_superuser or (roles.is_team_manager(user) and losses_visible_to(user).filter(pk=loss.pk).exists())


@transaction.atomic
def report_loss(*, by, kind: str, what: str, lost_on: date, lost_where: str, circumstances: str,
                children=()) -> LossReport:
    if not by.is_authenticated or not by.is_active:
        raise PermissionDenied("Sign in to report a loss.")
    if kind not in LossReport.Kind.values:
        raise ValidationError({"kind": "Select what was lost"})
    what = _required(what, "Describe what was lost", "what")
    lost_where = _required(lost_where, "Enter where it was lost", "lost_where")
    circumstances = _required(circumstances, "Describe how it was lost", "circumstances")
    if lost_on > timezone.localdate():
        raise ValidationError({"lost_on": "The date it was lost cannot be in the future"})
    children = list(children)
    visible = set(children_reporter_may_name(by).filter(pk__in=[c.pk for c in children]).values_list("pk", flat=True))
    if any(child.pk not in visible for child in children):
        raise ValidationError({"children": "Enter only children whose records you can see"})
    loss = LossReport.objects.create(reported_by=by, kind=kind, what=what[:300], lost_on=lost_on,
                                     lost_where=lost_where[:300], circumstances=circumstances)
    for child in children:
        LossAffectedChild.objects.create(loss=loss, child=child)
    told = managers_to_tell(reporter=by, children=children)
    ids = ", ".join(sorted(child.local_id for child in children)) or "none named"
    for manager in told:
        LossNotification.objects.create(loss=loss, user=manager)
        if manager.email:
            # §15.1: the manager is told at once. Local IDs only: never names or what the file held.
            send_mail(
                f"Casework: loss reported by {by.get_full_name()}",
                f"{by.get_full_name()} reported that a {loss.get_kind_display().lower()} was lost or mislaid on "
                f"{lost_on:%d %B %Y}. Children affected (local child IDs): {ids}. Sign in to casework to read the "
                f"report and record efforts to recover it.",
                settings.DEFAULT_FROM_EMAIL, [manager.email],
            )
    for child in children:
        record_event(actor=by, action=AuditAction.REPORTED_LOSS, child=child, detail=f"loss {loss.pk}")
    if not children:
        record_event(actor=by, action=AuditAction.REPORTED_LOSS, detail=f"loss {loss.pk}")
    return loss


def _open(loss: LossReport) -> LossReport:
    loss = LossReport.objects.select_for_update().get(pk=loss.pk)
    if not loss.is_open:
        raise ValidationError("This report is closed.")
    return loss


def _ensure_visible(user, loss) -> None:
    if not losses_visible_to(user).filter(pk=loss.pk).exists():
        raise PermissionDenied("Only the reporter and the managers told of the loss can record this.")


@transaction.atomic
def record_recovery_action(*, loss: LossReport, by, taken_on: date, action: str) -> LossRecoveryAction:
    _ensure_visible(by, loss)
    loss = _open(loss)
    action = _required(action, "Describe what was done to recover it", "action")
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": "The date of the action cannot be in the future"})
    if taken_on < loss.lost_on:
        raise ValidationError({"taken_on": "The date of the action cannot be before the loss"})
    row = LossRecoveryAction.objects.create(loss=loss, taken_on=taken_on, action=action, recorded_by=by)
    record_event(actor=by, action=AuditAction.RECORDED_LOSS_RECOVERY_ACTION, detail=f"loss {loss.pk}")
    return row


@transaction.atomic
def record_family_told(*, loss: LossReport, by, told: str, told_on: date | None = None,
                       not_told_reason: str = "") -> LossReport:
    """§15.1: the service user should be advised: when they were told, or why not."""
    _ensure_visible(by, loss)
    loss = _open(loss)
    if told == LossReport.FamilyTold.YES:
        if told_on is None:
            raise ValidationError({"told_on": "Enter the date the child or family was told"})
        if told_on > timezone.localdate():
            raise ValidationError({"told_on": "The date they were told cannot be in the future"})
        if told_on < loss.lost_on:
            raise ValidationError({"told_on": "The date they were told cannot be before the loss"})
        loss.family_told, loss.family_told_on, loss.family_not_told_reason = told, told_on, ""
    elif told == LossReport.FamilyTold.NO:
        reason = _required(not_told_reason, "Enter why the child or family has not been told", "not_told_reason")
        loss.family_told, loss.family_told_on, loss.family_not_told_reason = told, None, reason
    else:
        raise ValidationError({"told": "Select whether the child or family has been told"})
    loss.family_recorded_by = by
    loss.save()
    record_event(actor=by, action=AuditAction.RECORDED_FAMILY_TOLD_OF_LOSS, detail=f"loss {loss.pk}: {told}")
    return loss


@transaction.atomic
def close_loss(*, loss: LossReport, by, outcome: str, notes: str = "") -> LossReport:
    if not may_close(by, loss):
        raise PermissionDenied("Only a manager told of the loss closes the report.")
    loss = _open(loss)
    if outcome not in LossReport.Outcome.values:
        raise ValidationError({"outcome": "Select whether it was recovered"})
    if loss.affected.exists() and not loss.family_told:
        raise ValidationError("Record whether the child or family was told, or why not, before closing the report.")
    if not loss.actions.exists():
        raise ValidationError("Record at least one effort to recover it before closing the report.")
    loss.outcome, loss.closed_at, loss.closed_by, loss.closing_notes = outcome, timezone.now(), by, (notes or "").strip()
    loss.save()
    record_event(actor=by, action=AuditAction.CLOSED_LOSS_REPORT, detail=f"loss {loss.pk}: {outcome}")
    return loss


