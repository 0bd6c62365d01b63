"""Emergency duty staff open a record for 24 hours with a reason; never restricted content; the manager is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from access.models import AuditAction, AuditEvent, EmergencyAccess
from casework.children.selectors import may_see_restricted
from casework.models import Child
from tests.conftest import client_for
from tests.factories import EmergencyAccessFactory
from tests.govuk_html import error_summary

REASON = "Police called at 2am: the child was found alone at the station."


def test_edt_cannot_see_the_child_without_emergency_access(cast, child, edt):
    assert client_for(edt).get(f"/children/{child.local_id}/").status_code == 404


def test_edt_opens_the_record_for_24_hours_with_a_reason(cast, child, edt, manager):
    client = client_for(edt)
    response = client.post("/emergency-access/", {"local_id": child.local_id.lower(), "reason": REASON})
    assert response.status_code == 302 and response["Location"] == f"/children/{child.local_id}/"
    assert client.get(f"/children/{child.local_id}/").status_code == 200
    access = EmergencyAccess.objects.get(user=edt, child=child)
    assert access.expires_at - access.started_at == timedelta(hours=24)
    assert AuditEvent.objects.filter(action=AuditAction.EMERGENCY_ACCESS, child=child, actor=edt).exists()
    # The team manager is told, by local ID only.
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert child.local_id in mail.outbox[0].subject and child.first_name not in mail.outbox[0].body


def test_emergency_access_expires_after_24_hours(cast, child, edt):
    EmergencyAccessFactory(user=edt, child=child, reason=REASON,
                           started_at=timezone.now() - timedelta(hours=25),
                           expires_at=timezone.now() - timedelta(hours=1))
    assert not Child.objects.visible_to(edt).filter(pk=child.pk).exists()
    assert client_for(edt).get(f"/children/{child.local_id}/").status_code == 404


def test_emergency_access_never_shows_restricted_information(cast, child, edt):
    client_for(edt).post("/emergency-access/", {"local_id": child.local_id, "reason": REASON})
    assert Child.objects.visible_to(edt).filter(pk=child.pk).exists()
    assert not may_see_restricted(edt, child)


@pytest.mark.parametrize("data, message", [
    ({"local_id": "", "reason": REASON}, "Enter the child's local ID"),
    ({"local_id": "CW-0000-0000", "reason": REASON}, "No child has that local child ID. Check it and try again"),
    ({"local_id": "{child}", "reason": ""}, "Enter why you need the record"),
    ({"local_id": "{child}", "reason": "urgent"}, "Explain why you need the record now, in a sentence."),
])
def test_emergency_access_needs_a_real_child_and_a_reason(cast, child, edt, data, message):
    data = {key: value.format(child=child.local_id) for key, value in data.items()}
    response = client_for(edt).post("/emergency-access/", data)
    assert message in error_summary(response)
    assert not EmergencyAccess.objects.exists()


def test_only_emergency_duty_staff_use_emergency_access(cast, child, other_practitioner):
    response = client_for(other_practitioner).post("/emergency-access/", {"local_id": child.local_id, "reason": REASON})
    assert response.status_code == 404
    assert not EmergencyAccess.objects.exists()


def test_managers_see_emergency_access_to_their_team_only(cast, child, other_child, edt, manager):
    client = client_for(edt)
    client.post("/emergency-access/", {"local_id": child.local_id, "reason": REASON})
    client.post("/emergency-access/", {"local_id": other_child.local_id, "reason": REASON})
    body = client_for(manager).get("/emergency-access/recent/").content.decode()
    assert child.local_id in body and other_child.local_id not in body and REASON in body


def test_emergency_access_records_cannot_be_changed(cast, child, edt):
    client_for(edt).post("/emergency-access/", {"local_id": child.local_id, "reason": REASON})
    access = EmergencyAccess.objects.get()
    access.expires_at += timedelta(days=7)
    with pytest.raises(ValueError):
        access.save()
