"""The rules every 'Restricted from user' placement follows (§7), whatever is restricted: an entry, a
document or an item of the basic record. Each caller locks its own row, refuses what is already
restricted, points it at the new Restriction and writes its audit event."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from access.staff import roles
from access.models import Restriction


def check_restriction(*, child, by, reason: str, reason_detail: str, advised_by, review_date) -> None:
    """On a manager's advice, with a reason and a future review date. Who may restrict (Need.VIEW_RESTRICTED)
    each restricting service checks first, through `casework.children.authorisation.require`."""
    if not roles.is_team_manager(advised_by):
        raise ValidationError("Choose the manager whose advice you took.")
    if review_date is None or review_date <= timezone.localdate():
        raise ValidationError("The review date must be in the future.")
    if reason not in Restriction.Reason.values:
        raise ValidationError("Select why this should not be shared with the child")
    if reason == Restriction.Reason.OTHER and not reason_detail.strip():
        raise ValidationError("Write out the reason.")


def create_restriction(*, child, by, reason: str, reason_detail: str, advised_by, review_date) -> Restriction:
    return Restriction.objects.create(child=child, reason=reason, reason_detail=reason_detail.strip(),
                                      advised_by=advised_by, restricted_by=by, review_date=review_date)
