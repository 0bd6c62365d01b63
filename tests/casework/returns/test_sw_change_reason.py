"""Issue 17: when another social worker takes over a looked-after child's case, the reallocation records why, in the
DfE's codes (the SSDA903 return's SW_REASON): refused without it, refused with a code not on the list or with
"first contact" for a change, not asked for a child who is not looked after."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.staff import roles
from access.models import AuditAction, AuditEvent
from casework.children.services import allocate_case, record_sw_change_reason
from casework.models import Allocation
from tests.casework.returns.test_ssda903 import looked_after_child, status
from tests.conftest import client_for, make_staff
from tests.govuk_html import assert_form_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_worker(care_team):
    return make_staff("practitioner3", role=roles.PRACTITIONER, team=care_team)


@pytest.fixture
def in_care(care_team, care_manager, other_practitioner):
    child = looked_after_child(care_team, care_manager, other_practitioner, number=21, first_name="Incare")
    status(child, other_practitioner, timezone.localdate() - timedelta(days=30), "care_order", category_of_need="N1")
    return child


def reallocate(child, team, worker, by, **fields):
    return allocate_case(case=child.cases.get(), team=team, worker=worker, by=by, reason="Worker left", **fields)


def test_a_change_of_worker_for_a_looked_after_child_needs_the_reason(in_care, care_team, care_manager, second_worker):
    with pytest.raises(ValidationError) as refused:
        reallocate(in_care, care_team, second_worker, care_manager)
    assert "Select the reason for the change of social worker" in refused.value.message_dict["sw_change_reason"][0]
    assert in_care.cases.get().allocations.get(ended_at__isnull=True).worker != second_worker  # nothing saved

    allocation = reallocate(in_care, care_team, second_worker, care_manager, sw_change_reason="LEFTRL")
    assert allocation.sw_change_reason == "LEFTRL"
    assert allocation.history.first().sw_change_reason == "LEFTRL"  # the history keeps it


@pytest.mark.parametrize("code, message", [
    ("XYZ", "Select the reason for the change of social worker from the list"),
    ("FCONTA", "First contact is only for the child's first social worker"),
])
def test_a_code_not_on_the_list_or_first_contact_at_a_change_is_refused(in_care, care_team, care_manager, second_worker,
                                                                     code, message):
    with pytest.raises(ValidationError) as refused:
        reallocate(in_care, care_team, second_worker, care_manager, sw_change_reason=code)
    assert refused.value.message_dict["sw_change_reason"][0].startswith(message)


def test_no_reason_is_asked_for_a_child_who_is_not_looked_after(child, assessment_team, manager, colleague):
    allocation = reallocate(child, assessment_team, colleague, manager)
    assert allocation.sw_change_reason == ""


def test_the_allocation_page_asks_the_reason_and_shows_the_error(in_care, care_manager, second_worker):
    url = reverse("casework:allocate", args=[in_care.local_id])
    client = client_for(care_manager)
    page = client.get(url).content.decode()
    assert 'name="sw_change_reason"' in page and "The social worker left the role" in page

    response = client.post(url, {"worker": second_worker.pk, "reason": "Worker left"})
    assert_form_error(response, "Select the reason for the change of social worker: the child is looked after, and "
                                "the Department for Education's return asks it")

    response = client.post(url, {"worker": second_worker.pk, "reason": "Worker left", "sw_change_reason": "ORGRST"})
    assert response.status_code == 302
    assert in_care.cases.get().allocations.get(ended_at__isnull=True).sw_change_reason == "ORGRST"


def test_an_outsider_cannot_reach_the_allocation_page(in_care, manager):
    assert client_for(manager).get(reverse("casework:allocate", args=[in_care.local_id])).status_code == 404


# --- The reason given after the change (a change made before the question was asked) -------------------------------

def changed_without_reason(child, team, worker, by):
    """A change of social worker recorded before the return asked why (the reason emptied behind the service). The
    first worker had the case for a month (an allocation ended the day it began is a correction, not a worker)."""
    first = child.cases.get().allocations.get(ended_at__isnull=True)
    Allocation.objects.filter(pk=first.pk).update(started_at=first.started_at - timedelta(days=30))
    allocation = reallocate(child, team, worker, by, sw_change_reason="LEFTRL")
    Allocation.objects.filter(pk=allocation.pk).update(sw_change_reason="")
    return Allocation.objects.get(pk=allocation.pk)


def test_the_team_manager_gives_the_reason_after_the_change_with_history_and_an_audit_event(
        in_care, care_team, care_manager, second_worker):
    allocation = changed_without_reason(in_care, care_team, second_worker, care_manager)
    record_sw_change_reason(allocation=allocation, code="ORGRST", by=care_manager)
    allocation.refresh_from_db()
    assert allocation.sw_change_reason == "ORGRST"
    assert allocation.history.first().sw_change_reason == "ORGRST"
    event = AuditEvent.objects.filter(action=AuditAction.GAVE_WORKER_CHANGE_REASON, child=in_care).get()
    assert event.actor == care_manager and event.subject_user == second_worker and "ORGRST" in event.detail


@pytest.mark.parametrize("code, message", [
    ("", "Select the reason for the change of social worker"),
    ("XYZ", "Select the reason for the change of social worker from the list"),
    ("FCONTA", "First contact is only for the child's first social worker"),
])
def test_a_reason_given_after_the_change_is_checked_like_one_given_at_it(
        in_care, care_team, care_manager, second_worker, code, message):
    allocation = changed_without_reason(in_care, care_team, second_worker, care_manager)
    with pytest.raises(ValidationError) as refused:
        record_sw_change_reason(allocation=allocation, code=code, by=care_manager)
    assert refused.value.message_dict["sw_change_reason"][0].startswith(message)
    allocation.refresh_from_db()
    assert allocation.sw_change_reason == ""  # nothing saved
    assert not AuditEvent.objects.filter(action=AuditAction.GAVE_WORKER_CHANGE_REASON).exists()


def test_first_contact_is_accepted_for_the_first_worker(in_care, care_manager):
    first = in_care.cases.get().allocations.get(ended_at__isnull=True)
    assert record_sw_change_reason(allocation=first, code="FCONTA", by=care_manager).sw_change_reason == "FCONTA"


def test_the_cases_tab_shows_the_reason_and_lets_only_a_manager_give_it(
        in_care, care_team, care_manager, second_worker, other_practitioner):
    allocation = changed_without_reason(in_care, care_team, second_worker, care_manager)
    url = reverse("casework:allocation_reason", args=[in_care.local_id, allocation.pk])
    tab = reverse("casework:child_cases", args=[in_care.local_id])
    assert url in client_for(care_manager).get(tab).content.decode()
    assert url not in client_for(other_practitioner).get(tab).content.decode()

    client = client_for(care_manager)
    page = client.get(url).content.decode()
    assert f"Why the social worker changed on {timezone.localdate():%-d %B %Y}" in page
    response = client.post(url, {"sw_change_reason": "FCONTA"})
    assert_form_error(response, "First contact is only for the child's first social worker, or the first after a "
                                "time with none. Select why the social worker changed")
    response = client.post(url, {"sw_change_reason": "ORGRST"})
    assert response.status_code == 302 and response["Location"] == tab
    body = client.get(tab).content.decode()
    assert "Organisational restructure" in body
    assert client_for(other_practitioner).get(url).status_code == 404  # a practitioner is not the team manager


def test_the_reason_page_reads_a_fixed_number_of_queries_however_many_workers_the_child_has_had(
        in_care, care_team, care_manager, second_worker, other_practitioner, django_assert_max_num_queries):
    allocation = changed_without_reason(in_care, care_team, second_worker, care_manager)
    url = reverse("casework:allocation_reason", args=[in_care.local_id, allocation.pk])
    client = client_for(care_manager)
    client.get(url)  # (the first request of a process reads what is then kept: the code lists' meanings)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for worker in (other_practitioner, second_worker, other_practitioner):
        reallocate(in_care, care_team, worker, care_manager, sw_change_reason="LEFTRL")
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
