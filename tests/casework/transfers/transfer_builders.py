"""A case transfer awaiting confirmation, made by the factories (for matrices and the marker test)."""

from access.models import Team
from casework.transfers import services as transfers
from tests.factories import CaseTransferFactory, PreTransferAuditFactory


def awaiting_transfer(child):
    """The child's open case sent from its team to the other test team, awaiting confirmation."""
    case = child.cases.get(closure_date__isnull=True)
    existing = transfers.awaiting_transfer(case)
    if existing is not None:
        return existing
    allocation = transfers.current_allocation(case)
    sender = allocation.team.manager
    PreTransferAuditFactory(case=case, audited_by=sender)
    to_team = Team.objects.exclude(pk=allocation.team_id).filter(manager__isnull=False).order_by("name").first()
    return CaseTransferFactory(case=case, by=sender, to_team=to_team)
