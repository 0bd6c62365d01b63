"""Per-child permissions, kept in guardian's direct foreign-key tables.

Grants and withdrawals go through these functions so that each one writes an audit event in the
same transaction and respects the difference between allocation grants and explicit ones.
"""

from django.db import transaction

from access.audit.services import record_event
from access.models import AuditAction, ChildGroupObjectPermission, ChildUserObjectPermission, GrantSource
from access.permissions.selectors import permission as _permission

VIEW_CHILD = "view_child"
VIEW_RESTRICTED = "view_restricted"

# The audit action for giving and for withdrawing each per-child permission.
GRANTED = {VIEW_CHILD: AuditAction.GRANTED_VIEW_CHILD, VIEW_RESTRICTED: AuditAction.GRANTED_VIEW_RESTRICTED}
WITHDREW = {VIEW_CHILD: AuditAction.WITHDREW_VIEW_CHILD, VIEW_RESTRICTED: AuditAction.WITHDREW_VIEW_RESTRICTED}


@transaction.atomic
def grant_to_user(*, user, child, codename: str, source: str, by, reason: str = "") -> None:
    """Give `user` a per-child permission. An explicit grant is never downgraded to an allocation one."""
    permission = _permission(codename)
    row, created = ChildUserObjectPermission.objects.get_or_create(
        user=user, permission=permission, content_object=child, defaults={"source": source, "reason": reason}
    )
    if not created:
        if source == GrantSource.EXPLICIT and row.source != GrantSource.EXPLICIT:
            row.source, row.reason = GrantSource.EXPLICIT, reason
            row.save()
        else:
            return
    record_event(
        actor=by, action=GRANTED[codename], child=child, subject_user=user, detail=f"{source}: {reason}".strip()
    )


@transaction.atomic
def grant_to_group(*, group, child, codename: str, source: str, by, reason: str = "") -> None:
    permission = _permission(codename)
    row, created = ChildGroupObjectPermission.objects.get_or_create(
        group=group, permission=permission, content_object=child, defaults={"source": source, "reason": reason}
    )
    if not created:
        return
    record_event(
        actor=by, action=GRANTED[codename], child=child, subject_group=group, detail=f"{source}: {reason}".strip()
    )


@transaction.atomic
def withdraw_allocation_grants_from_user(*, user, child, by) -> None:
    """On reallocation: remove what the allocation gave; explicit grants stay (history keeps the rows)."""
    rows = ChildUserObjectPermission.objects.filter(user=user, content_object=child, source=GrantSource.ALLOCATION)
    for row in rows.select_related("permission"):
        codename = row.permission.codename
        row.delete()
        record_event(
            actor=by, action=WITHDREW[codename], child=child, subject_user=user, detail="reallocated"
        )


@transaction.atomic
def withdraw_allocation_grants_from_group(*, group, child, by) -> None:
    rows = ChildGroupObjectPermission.objects.filter(group=group, content_object=child, source=GrantSource.ALLOCATION)
    for row in rows.select_related("permission"):
        codename = row.permission.codename
        row.delete()
        record_event(
            actor=by, action=WITHDREW[codename], child=child, subject_group=group, detail="reallocated"
        )


@transaction.atomic
def withdraw_referral_grants_of_team(*, team, child, by) -> None:
    """§15.2: when a confirmed transfer moves the case away, the sending team's access ends for everyone in it,
    including whoever recorded the referral there; explicit grants stay (history keeps the rows)."""
    rows = ChildUserObjectPermission.objects.filter(content_object=child, source=GrantSource.REFERRAL,
                                                    user__staff_profile__team=team)
    for row in rows.select_related("permission", "user"):
        codename = row.permission.codename
        row.delete()
        record_event(actor=by, action=WITHDREW[codename], child=child, subject_user=row.user, detail="transferred")
