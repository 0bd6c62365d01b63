"""Placing information in the child's 'Restricted from user' section (§7), and managers' reviews (§8).

Each service writes its audit event (restricted, kept, lifted) in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from access.audit.services import record_event
from access.models import AuditAction, Restriction
from casework.children.restrictions import check_restriction, create_restriction
from casework.children.authorisation import Need, require
from records.entries.services import write_to_completed_entry
from records.models import Entry


@transaction.atomic
def restrict_entry(*, entry: Entry, by, reason: str, reason_detail: str, advised_by, review_date) -> Restriction:
    require(by, entry.child_id, Need.VIEW_RESTRICTED)
    rules = {"child": entry.child, "by": by, "reason": reason, "reason_detail": reason_detail,
             "advised_by": advised_by, "review_date": review_date}
    check_restriction(**rules)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.restriction_id and entry.restriction.is_active:
        raise ValidationError("This entry is already restricted.")
    restriction = create_restriction(**rules)
    if entry.status == Entry.Status.COMPLETED:
        write_to_completed_entry(entry, restriction=restriction)
    else:
        entry.restriction = restriction
        entry.save()
    record_event(actor=by, action=AuditAction.RESTRICTED, child=entry.child, detail=f"entry {entry.pk}: {reason}")
    return restriction


@transaction.atomic
def review_restriction(*, restriction: Restriction, by, keep: bool, reason_detail: str = "",
                       next_review_date=None, originator=None, originator_views: str = "") -> Restriction:
    """§8: a manager keeps a restriction (its reason still valid) or lifts it after consulting the originator,
    a member of staff named here, and records what they said."""
    require(by, restriction.child_id, (Need.MANAGE, Need.VIEW_RESTRICTED))
    restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
    if not restriction.is_active:
        raise ValidationError("This restriction has already been lifted.")
    now = timezone.now()
    restriction.last_reviewed_at, restriction.last_reviewed_by = now, by
    if keep:
        if not reason_detail.strip():
            raise ValidationError("Say why the reason for the restriction is still valid.")
        if next_review_date is None or next_review_date <= timezone.localdate():
            raise ValidationError("Give a next review date in the future.")
        restriction.reason_detail = reason_detail.strip()
        restriction.review_date = next_review_date
        action = AuditAction.KEPT_RESTRICTION
    else:
        if originator is None or not originator.is_active or not hasattr(originator, "staff_profile"):
            raise ValidationError("Before lifting, choose the member of staff who originated the information "
                                  "and was consulted.")
        if not originator_views.strip():
            raise ValidationError("Before lifting, consult the originator and record what they said.")
        restriction.lifted_at, restriction.lifted_by = now, by
        restriction.originator, restriction.originator_views = originator, originator_views.strip()
        action = AuditAction.LIFTED_RESTRICTION
    restriction.save()
    record_event(actor=by, action=action, child=restriction.child, detail=f"restriction {restriction.pk}"
                 + (f": originator consulted, user {restriction.originator_id}" if not keep else ""))
    return restriction


def restrictions_due_for_review(user, *, within_days: int = 14, readable=None):
    """§8: active restrictions, on children this manager may see restricted information about, due soon or past due.
    `readable`: that rule as a test of the row's child, when the caller has one (records.my_work)."""
    from datetime import timedelta

    from casework.models import Child

    if readable is None:
        readable = Q(child__in=Child.objects.with_restricted_access_for(user).values("pk"))
    horizon = timezone.localdate() + timedelta(days=within_days)
    return (
        Restriction.objects.filter(readable, lifted_at__isnull=True, review_date__lte=horizon)
        .select_related("child", "restricted_by", "advised_by").order_by("review_date")
    )
