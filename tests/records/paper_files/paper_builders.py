"""Paper file volumes and removals (for permission matrices and the marker test), made by the factories."""

from django.utils import timezone

from casework.models import Allocation
from records.models import PaperFileMove, PaperFileRemoval, PaperFileVolume
from records.paper_files import services as paper_files
from tests.factories import PaperFileRemovalFactory, PaperFileVolumeFactory


def paper_volume(child) -> PaperFileVolume:
    return PaperFileVolumeFactory(child=child)


def paper_removal(child, status: str) -> PaperFileRemoval:
    """A removal waiting for approval ("requested") or approved and not back ("out")."""
    volume = paper_volume(child)
    approved = status == "out"
    removal = PaperFileRemoval.objects.filter(child=child, approved_at__isnull=not approved,
                                              refused_at__isnull=True, returned_at__isnull=True).first()
    if removal is None:
        author = child.cases.first().recorded_by
        removal = PaperFileRemovalFactory(child=child, requested_by=author, approved_by=author if approved else None,
                                          volumes=[volume])
    return removal


def paper_move_awaiting(child) -> PaperFileMove:
    """Volume 1 sent by the child's team manager to another place of the same team, its arrival not yet confirmed
    (the team's other members confirm it; the sender, a superuser or another team may not)."""
    volume = paper_volume(child)
    pending = volume.moves.filter(to_team__isnull=False, arrival__isnull=True).first()
    if pending is not None:
        return pending
    team = Allocation.objects.select_related("team__manager").get(case__child=child, ended_at__isnull=True).team
    return paper_files.move_volume(volume=volume, to_location=f"Records room, {team.name}",
                                   moved_on=timezone.localdate(), by=team.manager, to_team=team)
