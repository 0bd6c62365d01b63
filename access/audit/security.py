"""§14: sign-ins, sign-outs, failed attempts, lockouts and changes to what staff may do, as AuditEvent rows.

These events come from Django's auth and admin and from django-axes, so they are wired to their
signals in access/signals.py; each function here writes one row. A failed attempt or a lockout
proves nobody's identity: its actor is the named system user, the account (if any) is the
subject, and the username typed is kept in the detail.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from simple_history.models import HistoricalRecords

from access.audit.history import history_user, system_user
from access.sign_in.inactivity import describe
from access.sign_in.lockout import client_ip
from access.audit.services import record_event
from access.models import AuditAction

_MAX_TYPED_USERNAME = 150  # people sometimes type their password in the username box: keep it short


def _address(request) -> str:
    address = getattr(request, "axes_ip_address", None)
    if address is None and request is not None:
        address = client_ip(request)
    return address or "an unknown address"


def _account(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def signed_in(request, user) -> None:
    record_event(actor=user, action=AuditAction.SIGNED_IN, subject_user=user, detail=f"from {_address(request)}")


def signed_out(request, user) -> None:
    if user is None:
        return
    reason = getattr(request, "casework_sign_out_reason", "")
    detail = "after inactivity" if reason == "inactive" else "signed out"
    record_event(actor=user, action=AuditAction.SIGNED_OUT, subject_user=user, detail=detail)


def sign_in_failed(request, credentials: dict) -> None:
    username = str(credentials.get("username") or "")[:_MAX_TYPED_USERNAME]
    record_event(
        actor=system_user(), action=AuditAction.SIGN_IN_FAILED, subject_user=_account(username),
        detail=f"username {username!r} from {_address(request)}",
    )


def locked_out(request, username: str | None, ip_address: str | None) -> None:
    # django-axes signals every refused attempt once the limit is reached; the lockout is the first.
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is not None and failures > settings.AXES_FAILURE_LIMIT:
        return
    typed = str(username or "")[:_MAX_TYPED_USERNAME]
    record_event(
        actor=system_user(), action=AuditAction.LOCKED_OUT, subject_user=_account(typed),
        detail=f"username {typed!r} from {ip_address or 'an unknown address'} after {settings.AXES_FAILURE_LIMIT} "
               f"failed attempts, for {describe(int(settings.AXES_COOLOFF_TIME.total_seconds()))}",
    )


def _actor():
    """Whoever is making the change: the signed-in user of this request (the admin), or the system user."""
    return history_user(request=getattr(HistoricalRecords.context, "request", None))


def groups_changed(*, user, groups, added: bool) -> None:
    """A user added to or removed from groups: roles and teams are what staff may do and see."""
    for group in groups:
        record_event(
            actor=_actor(), action=AuditAction.ADDED_TO_GROUP if added else AuditAction.REMOVED_FROM_GROUP,
            subject_user=user, subject_group=group, detail=group.name,
        )


def user_permissions_changed(*, user, permissions, added: bool) -> None:
    for permission in permissions:
        record_event(
            actor=_actor(), action=AuditAction.GRANTED_PERMISSION if added else AuditAction.WITHDREW_PERMISSION,
            subject_user=user, detail=f"{permission.content_type.app_label}.{permission.codename}",
        )


def group_permissions_changed(*, group, permissions, added: bool) -> None:
    for permission in permissions:
        record_event(
            actor=_actor(), action=AuditAction.GRANTED_PERMISSION if added else AuditAction.WITHDREW_PERMISSION,
            subject_group=group, detail=f"{permission.content_type.app_label}.{permission.codename}",
        )


FLAGS = ("is_active", "is_staff", "is_superuser")


def account_flags_changed(*, user, before: dict) -> None:
    """Active, staff (may use the admin) and superuser (may do everything): each change is a permission change."""
    for flag in FLAGS:
        if flag in before and before[flag] != getattr(user, flag):
            record_event(
                actor=_actor(), action=AuditAction.CHANGED_ACCOUNT, subject_user=user,
                detail=f"{flag} {'on' if getattr(user, flag) else 'off'}",
            )
