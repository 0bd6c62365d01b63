"""A case transfer awaiting confirmation, made through the services (for matrices and the marker test)."""

from django.utils import timezone

from casework.transfers import services as transfers
from casework.models import PreTransferAudit
from casework.transfers.models import AUDIT_CHECKS


def awaiting_transfer(child):
    """The child's open case sent from its team to the other test team, awaiting confirmation."""
    from access.models import Team

    case = child.cases.get(closure_date__isnull=True)
    existing = transfers.awaiting_transfer(case)
    if existing is not None:
        return existing
    allocation = transfers.current_allocation(case)
    sender = allocation.team.manager
    # The audit made directly: the services' own tests cover the summary it checks for.
    PreTransferAudit.objects.create(case=case, audited_by=sender, **{name: True for name, _ in AUDIT_CHECKS})
    to_team = Team.objects.exclude(pk=allocation.team_id).filter(manager__isnull=False).order_by("name").first()
    return transfers.transfer_case(case=case, by=sender, to_team=to_team, transfer_date=timezone.localdate(),
                                   reason="Moving to long-term support")
