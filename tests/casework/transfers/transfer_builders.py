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


def transferred(child, to_team, **confirm):
    """The child's open case moved to `to_team` the only way a case changes team (§15.2): the sending manager's
    audit and transfer, then the receiving manager's confirmation. Returns the confirmed transfer."""
    case = child.cases.get(closure_date__isnull=True)
    sender = transfers.current_allocation(case).team.manager
    PreTransferAuditFactory(case=case, audited_by=sender)
    transfer = CaseTransferFactory(case=case, by=sender, to_team=to_team)
    return transfers.confirm_transfer(transfer=transfer, by=to_team.manager, **confirm)
