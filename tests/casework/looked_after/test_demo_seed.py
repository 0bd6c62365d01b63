"""Issue 17: the demo's looked-after children get reviews, missing episodes and a UASC child through the services
(records/management/commands/_seed_reviews_missing.py, called by seed_demo), once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.looked_after.models import LookedAfterReview, MissingEpisode, UascStatus
from records.management.commands._seed_reviews_missing import seed_reviews_missing
from tests.factories import LegalStatusFactory

pytestmark = pytest.mark.django_db


def test_the_demos_looked_after_children_get_reviews_missing_episodes_and_are_asked_about_uasc(
        child, other_child, practitioner, manager, other_practitioner, care_manager):
    today = timezone.localdate()
    other_child.date_of_birth = today - timedelta(days=15 * 365)  # 14 or more, under 18: the UASC child
    other_child.save()
    LegalStatusFactory(child=child, by=practitioner, start_date=today - timedelta(days=60))
    LegalStatusFactory(child=other_child, by=other_practitioner, start_date=today - timedelta(days=150))
    staff = {"practitioner2": other_practitioner, "manager2": care_manager, "practitioner": practitioner,
             "manager": manager}

    seed_reviews_missing(staff)
    seed_reviews_missing(staff)  # again: nothing more

    assert [(r.child, r.review_date, r.participation, r.recorded_by) for r in LookedAfterReview.objects.order_by("pk")] == [
        (child, today - timedelta(days=40), "PN1", practitioner),
        (other_child, today - timedelta(days=130), "PN1", other_practitioner),
        (other_child, today - timedelta(days=40), "PN5", other_practitioner),
    ]
    first, second = sorted([child, other_child], key=lambda c: c.pk)
    assert [(e.child, e.kind, e.end_date is None, e.return_interview_words) for e in MissingEpisode.objects.order_by(
        "pk")] == [(first, "M", False, "Offered and accepted"), (second, "A", True, "Not offered yet")]
    # Every child in care is asked; the oldest of 14 or more is the unaccompanied asylum-seeking child.
    assert {(s.child, s.is_uasc) for s in UascStatus.objects.all()} == {(child, False), (other_child, True)}
