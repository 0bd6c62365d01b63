"""§5.3: brothers and sisters are linked, the link shows on both records, and nothing restricted on one
record shows on the other. A sibling whose record the viewer may not open is shown without their identity."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.basic_record import services
from casework.basic_record.models import ClosePerson, SiblingLink
from tests.casework.basic_record.test_basic_record import date_fields
from tests.conftest import client_for, open_record

MARKER = "ZQXSIBLING5519"


@pytest.fixture
def sister(assessment_team, manager, practitioner):
    return open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Nia",
                       last_name="Okoye", dob=date(2014, 2, 11))


def record(client, child) -> str:
    return client.get(reverse("casework:child_family", args=[child.local_id])).content.decode()


def today_fields() -> dict:
    return date_fields("event_date", timezone.localdate())


def link_url(child):
    return reverse("casework:sibling_link_add", args=[child.local_id])


def test_linking_shows_the_link_on_both_records(child, sister, practitioner, colleague):
    response = client_for(practitioner).post(link_url(child), {"sibling_local_id": sister.local_id.lower(),
                                                               "relationship": "full", **today_fields()})
    assert response.status_code == 302
    link = SiblingLink.objects.get()
    assert {link.child_a_id, link.child_b_id} == {child.pk, sister.pk} and link.linked_by == practitioner
    assert AuditEvent.objects.filter(action=AuditAction.LINKED_SIBLING).count() == 2
    client = client_for(colleague)
    assert sister.local_id in record(client, child) and "Nia Okoye" in record(client, child)
    assert child.local_id in record(client, sister) and "Amara Okoye" in record(client, sister)


def test_an_unknown_id_and_a_record_the_user_may_not_open_get_the_same_answer(child, other_child, practitioner):
    client = client_for(practitioner)
    message = "No record you can open has that local child ID. Check it, or ask their allocated worker"
    for local_id in (other_child.local_id, "CW-0000-0000"):
        response = client.post(link_url(child), {"sibling_local_id": local_id, "relationship": "half",
                                                **today_fields()})
        assert response.status_code == 200 and message in response.content.decode()
        assert other_child.last_name not in response.content.decode()
    assert not SiblingLink.objects.exists()


def test_a_child_is_not_linked_to_themselves_nor_twice(child, sister, practitioner):
    with pytest.raises(ValidationError):
        services.link_siblings(child=child, sibling=child, by=practitioner, relationship="full", event_date=timezone.localdate())
    services.link_siblings(child=child, sibling=sister, by=practitioner, relationship="full", event_date=timezone.localdate())
    with pytest.raises(ValidationError):
        services.link_siblings(child=sister, sibling=child, by=practitioner, relationship="half", event_date=timezone.localdate())
    assert SiblingLink.objects.count() == 1


def test_ending_a_link_removes_it_from_both_records_and_keeps_it(child, sister, practitioner):
    link = services.link_siblings(child=child, sibling=sister, by=practitioner, relationship="full", event_date=timezone.localdate())
    client = client_for(practitioner)
    url = reverse("casework:sibling_link_end", args=[sister.local_id, link.pk])
    assert "Enter why the link is being ended" in client.post(url, {"end_reason": ""}).content.decode()
    assert client.post(url, {"end_reason": "Linked in error"}).status_code == 302
    link.refresh_from_db()
    assert link.ended_at is not None and link.ended_by == practitioner
    assert sister.local_id not in record(client, child).split("siblings-title")[1]
    with pytest.raises(IntegrityError, match="never deleted"), transaction.atomic():
        link.delete()


@pytest.fixture
def linked_across_teams(child, other_child, practitioner, other_practitioner, care_manager):
    """`child` (Assessment Team) and `other_child` (Children in Care Team) are half-siblings. The care child's
    record holds a restricted person close to them and a restricted entry: none of it may reach `child`'s record."""
    link = services.link_siblings(child=other_child, sibling=child, by=other_practitioner, relationship="half", event_date=timezone.localdate())
    person = services.add_item(model=ClosePerson, child=other_child, by=other_practitioner,
                               full_name=f"Kim {MARKER}", relationship=f"Mentor {MARKER}",
                               contact_frequency=f"Weekly {MARKER}", how_to_reach=f"Phone {MARKER}",
                               event_date=timezone.localdate())
    services.restrict_item(item=person, by=other_practitioner, reason="third_party", reason_detail=f"Asked {MARKER}",
                           advised_by=care_manager, review_date=timezone.localdate() + timedelta(days=30))
    return link


def test_a_sibling_the_viewer_may_not_open_is_shown_without_their_identity(
        cast, child, other_child, linked_across_teams):
    for role in ("practitioner", "colleague", "manager"):
        body = record(client_for(cast[role]), child)
        assert "half-brother or half-sister whose record you cannot open" in body
        for identifying in (other_child.local_id, other_child.first_name, other_child.last_name, MARKER,
                            reverse("casework:child_record", args=[other_child.local_id])):
            assert identifying not in body, (role, identifying)


def test_nothing_restricted_on_the_sibling_record_shows_on_the_other(cast, child, other_child, linked_across_teams):
    # The admin may open both records and may see restricted information on both: the control is the sibling's
    # own record, where the restricted person is shown to those who may see it.
    assert MARKER in record(client_for(cast["other_practitioner"]), other_child)
    for role in ("admin", "practitioner", "colleague", "manager"):
        assert MARKER not in record(client_for(cast[role]), child), role
    # Someone who may open both records but not the sibling's restricted information.
    from access.permissions import services as permissions
    from access.models import GrantSource

    permissions.grant_to_user(user=cast["colleague"], child=other_child, codename=permissions.VIEW_CHILD,
                              source=GrantSource.EXPLICIT, by=cast["admin"], reason="Joint work on the siblings")
    colleague = client_for(cast["colleague"])
    on_child = record(colleague, child)
    assert other_child.local_id in on_child and MARKER not in on_child
    on_sibling = record(colleague, other_child)
    assert MARKER not in on_sibling and "Restricted from user" in on_sibling


def test_a_sibling_link_to_a_hidden_record_may_still_be_ended(child, other_child, linked_across_teams, practitioner):
    url = reverse("casework:sibling_link_end", args=[child.local_id, linked_across_teams.pk])
    response = client_for(practitioner).get(url)
    assert response.status_code == 200 and other_child.local_id not in response.content.decode()


# --- Who linked them and when; linked late says so (§4, §9, §10) ---------------------------------------

def _working_days_ago(count):
    from tests.casework.basic_record.test_basic_record_late import working_days_ago
    return working_days_ago(count)


def test_a_link_made_three_working_days_after_it_became_known_is_a_late_entry(child, sister, practitioner):
    response = client_for(practitioner).post(link_url(child), {
        "sibling_local_id": sister.local_id, "relationship": "half", **date_fields("event_date", _working_days_ago(3))})
    assert response.status_code == 302
    link = SiblingLink.objects.get()
    assert link.late_entry_recorded_at == link.linked_at
    assert (link.recorded_name, link.recorded_post_title) == (practitioner.get_full_name(),
                                                              practitioner.staff_profile.post_title)
    page = client_for(practitioner).get(reverse("casework:child_family", args=[child.local_id]))
    from tests.govuk_html import texts
    assert texts(page, "cw-late-entry") == ["Late entry"]
    assert any(practitioner.get_full_name() in line for line in texts(page, "cw-recorded-by"))


def test_a_link_made_within_two_working_days_is_not_late(child, sister, practitioner):
    link = services.link_siblings(child=child, sibling=sister, by=practitioner, relationship="full",
                                  event_date=_working_days_ago(2))
    assert SiblingLink.objects.get(pk=link.pk).late_entry_recorded_at is None


def test_a_link_needs_the_date_it_became_known_and_saves_nothing_without_it(child, sister, practitioner):
    response = client_for(practitioner).post(link_url(child), {"sibling_local_id": sister.local_id,
                                                               "relationship": "half"})
    assert "Enter the date it became known as a day, month and year" in response.content.decode()
    with pytest.raises(ValidationError, match="Enter the date it became known"):
        services.link_siblings(child=child, sibling=sister, by=practitioner, relationship="full", event_date=None)
    future = timezone.localdate() + timedelta(days=1)
    response = client_for(practitioner).post(link_url(child), {
        "sibling_local_id": sister.local_id, "relationship": "half", **date_fields("event_date", future)})
    assert "The date it became known cannot be in the future" in response.content.decode()
    assert not SiblingLink.objects.exists()


def test_ending_a_link_names_who_ended_it(child, sister, practitioner, colleague):
    link = services.link_siblings(child=child, sibling=sister, by=practitioner, relationship="full",
                                  event_date=timezone.localdate())
    services.end_sibling_link(link=link, by=colleague, reason="Linked in error")
    link = SiblingLink.objects.get(pk=link.pk)
    assert link.updated_name == colleague.get_full_name() and link.updated_at is not None
