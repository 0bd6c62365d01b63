"""§7 on the basic record: an item placed in 'Restricted from user' is never shown to someone without
`view_restricted` on the child (record page, item pages); they see that it exists and whom to ask."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.basic_record import services
from tests.conftest import client_for
from tests.factories import ClosePersonFactory

MARKER = "ZQXCLOSE4412"


def date_fields(prefix, day) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


@pytest.fixture
def person(child, practitioner):
    return ClosePersonFactory(child=child, by=practitioner, full_name=f"Sam {MARKER}", relationship=f"Friend {MARKER}",
                              contact_frequency=f"Daily {MARKER}", how_to_reach=f"Phone {MARKER}",
                              start_date=date(2024, 1, 1))


def _restrict_url(child, item):
    return reverse("casework:basic_record_restrict", args=[child.local_id, "people", item.pk])


def test_the_allocated_worker_restricts_a_person_close_to_the_child(child, practitioner, manager, person):
    response = client_for(practitioner).post(_restrict_url(child, person), {
        "reason": "in_confidence", "reason_detail": "Given in confidence by the child",
        "advised_by": manager.pk, **date_fields("review_date", timezone.localdate() + timedelta(days=60)),
    })
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_restricted and person.restriction.child == child and person.restriction.advised_by == manager
    assert AuditEvent.objects.filter(action=AuditAction.RESTRICTED, child=child, actor=practitioner).exists()


def test_a_review_date_in_the_past_is_refused(child, practitioner, manager, person):
    response = client_for(practitioner).post(_restrict_url(child, person), {
        "reason": "in_confidence", "reason_detail": "x", "advised_by": manager.pk,
        **date_fields("review_date", timezone.localdate()),
    })
    assert "The review date must be in the future" in response.content.decode()
    person.refresh_from_db()
    assert person.restriction is None


def test_only_people_who_may_see_restricted_information_restrict(child, colleague, manager, person):
    assert client_for(colleague).get(_restrict_url(child, person)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.restrict_item(item=person, by=colleague, reason="in_confidence", reason_detail="x", advised_by=manager,
                               review_date=timezone.localdate() + timedelta(days=5))


@pytest.fixture
def restricted(child, practitioner, manager, person):
    services.restrict_item(item=person, by=practitioner, reason="in_confidence", reason_detail=f"Why {MARKER}",
                           advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    person.refresh_from_db()
    return person


@pytest.mark.parametrize("role", ["colleague", "edt_with_emergency_access"])
def test_without_view_restricted_the_record_page_shows_only_that_it_exists_and_whom_to_ask(
        cast, child, restricted, practitioner, role, edt):
    if role == "edt_with_emergency_access":
        from casework.children.services import grant_emergency_access

        grant_emergency_access(user=edt, child=child, reason="Police call about the child tonight")
        user = edt
    else:
        user = cast[role]
    client = client_for(user)
    body = client.get(reverse("casework:child_family", args=[child.local_id])).content.decode()
    assert MARKER not in body
    assert "Restricted from user" in body and practitioner.get_full_name() in body
    for name in ("basic_record_correct", "basic_record_end"):
        response = client.get(reverse(f"casework:{name}", args=[child.local_id, "people", restricted.pk]))
        assert response.status_code == 404 and MARKER not in response.content.decode()
    # Correcting or ending it by posting is refused too.
    client.post(reverse("casework:basic_record_end", args=[child.local_id, "people", restricted.pk]),
                date_fields("end_date", timezone.localdate()))
    restricted.refresh_from_db()
    assert restricted.end_date is None


@pytest.mark.parametrize("role", ["practitioner", "manager"])
def test_with_view_restricted_it_shows_marked_as_restricted(cast, child, restricted, role):
    body = client_for(cast[role]).get(reverse("casework:child_family", args=[child.local_id])).content.decode()
    assert MARKER in body and "Restricted from user" in body
    correct = client_for(cast[role]).get(
        reverse("casework:basic_record_correct", args=[child.local_id, "people", restricted.pk]))
    assert correct.status_code == 200 and MARKER in correct.content.decode()


def test_lifting_the_restriction_shows_it_again(cast, child, restricted, manager, colleague):
    from records.entries.restrictions import review_restriction

    review_restriction(restriction=restricted.restriction, by=manager, keep=False, originator=manager,
                       originator_views="Agreed it can be shared")
    body = client_for(colleague).get(reverse("casework:child_family", args=[child.local_id])).content.decode()
    assert MARKER in body


def test_an_item_is_not_restricted_twice(child, practitioner, manager, restricted):
    with pytest.raises(ValidationError):
        services.restrict_item(item=restricted, by=practitioner, reason="in_confidence", reason_detail="x",
                               advised_by=manager, review_date=timezone.localdate() + timedelta(days=5))


def test_the_restricted_section_lists_the_restricted_item(child, practitioner, restricted):
    body = client_for(practitioner).get(reverse("records:restricted_section", args=[child.local_id])).content.decode()
    assert f"Person close to the child: Sam {MARKER}" in body
    assert reverse("casework:basic_record_correct", args=[child.local_id, "people", restricted.pk]) in body
