"""Closing a child's cases and bringing their retention date into the past, for the retention tests."""

from datetime import timedelta

from django.utils import timezone

from casework.children.services import close_case
from records.retention.models import ChildRetention
from tests.conftest import complete_closing_summary


def close_every_case(child, by, *, on=None):
    for case in child.cases.filter(closure_date__isnull=True):
        complete_closing_summary(case, by)
        close_case(case=case, by=by, closure_date=on or timezone.localdate(), closure_reason="RC7", closure_notes="")
    return ChildRetention.objects.get(child=child)


def past_its_date(child, by, *, days=1):
    """The child's cases closed, and their retention date `days` ago (as if the years had gone by)."""
    close_every_case(child, by)
    ChildRetention.objects.filter(child=child).update(retain_until=timezone.localdate() - timedelta(days=days))
    return ChildRetention.objects.get(child=child)
