"""Paper file volumes and removals (for permission matrices and the marker test), made by the factories."""

from records.models import PaperFileRemoval, PaperFileVolume
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
