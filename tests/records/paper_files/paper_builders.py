"""Paper file volumes and removals, made directly (for permission matrices and the marker test)."""

from datetime import date, timedelta

from django.utils import timezone

from records.models import PaperFileRemoval, PaperFileVolume


def paper_volume(child) -> PaperFileVolume:
    author = child.cases.first().recorded_by
    volume, _ = PaperFileVolume.objects.get_or_create(
        child=child, number=1,
        defaults={"covers_from": date(2026, 1, 12), "usual_location": "Cabinet 3, Borough Hall", "recorded_by": author})
    return volume


def paper_removal(child, status: str) -> PaperFileRemoval:
    """A removal waiting for approval ("requested") or approved and not back ("out")."""
    volume = paper_volume(child)
    approved = status == "out"
    removal = PaperFileRemoval.objects.filter(child=child, approved_at__isnull=not approved,
                                              refused_at__isnull=True, returned_at__isnull=True).first()
    if removal is None:
        author = child.cases.first().recorded_by
        removal = PaperFileRemoval.objects.create(
            child=child, requested_by=author, destination="Family court", reason="Hearing",
            security_measures="Locked case", return_by=timezone.localdate() + timedelta(days=3),
            approved_by=author if approved else None, approved_at=timezone.now() if approved else None)
        removal.volumes.add(volume)
    return removal
