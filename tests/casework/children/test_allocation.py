"""Allocation: the service moves access with the case, audits each change and keeps the history rows."""

import re

import pytest
from django.core.exceptions import ValidationError

from access.permissions import services as permissions
from access.models import AuditAction, AuditEvent, ChildGroupObjectPermission, ChildUserObjectPermission, GrantSource
from casework.models import Allocation, Case, Child
from casework.children.services import allocate_case, close_case
from tests.casework.transfers.transfer_builders import transferred
from tests.conftest import client_for, open_record, complete_closing_summary
from tests.govuk_html import assert_form_error


def user_grant(user, child, codename=permissions.VIEW_CHILD):
    return ChildUserObjectPermission.objects.filter(user=user, content_object=child, permission__codename=codename).first()


def group_grant(group, child, codename=permissions.VIEW_CHILD):
    return ChildGroupObjectPermission.objects.filter(group=group, content_object=child, permission__codename=codename).first()


def can_see(user, child) -> bool:
    return Child.objects.visible_to(user).filter(pk=child.pk).exists()


@pytest.fixture
def waiting_child(assessment_team, manager):
    """A child recorded by the Assessment Team's manager, awaiting allocation."""
    return open_record(team=assessment_team, manager=manager, first_name="Lily", last_name="Evans")


@pytest.fixture
def moved_to_care_team(waiting_child, care_team, care_manager, other_practitioner, manager):
    """`waiting_child` transferred to the Children in Care Team (§15.2), then allocated to its practitioner."""
    transferred(waiting_child, care_team)
    allocate_case(case=waiting_child.cases.get(), team=care_team, worker=other_practitioner, by=care_manager,
                  reason="Allocated after transfer")
    return waiting_child


# --- What allocating grants --------------------------------------------------------------------

def test_allocating_grants_view_child_to_the_worker(waiting_child, assessment_team, colleague, manager):
    assert user_grant(colleague, waiting_child) is None
    allocate_case(case=waiting_child.cases.get(), team=assessment_team, worker=colleague, by=manager)
    grant = user_grant(colleague, waiting_child)
    assert grant.source == GrantSource.ALLOCATION
    assert can_see(colleague, waiting_child)


def test_allocating_grants_view_restricted_to_the_worker(moved_to_care_team, other_practitioner):
    assert user_grant(other_practitioner, moved_to_care_team, permissions.VIEW_RESTRICTED) is not None


def test_a_confirmed_transfer_grants_view_child_to_the_receiving_teams_group(waiting_child, care_team, care_manager):
    assert group_grant(care_team.group, waiting_child) is None
    transferred(waiting_child, care_team)
    assert group_grant(care_team.group, waiting_child).source == GrantSource.ALLOCATION


def test_a_confirmed_transfer_grants_the_receiving_team_manager(waiting_child, care_team, care_manager):
    assert not can_see(care_manager, waiting_child)
    transferred(waiting_child, care_team)
    assert user_grant(care_manager, waiting_child).source == GrantSource.ALLOCATION
    assert user_grant(care_manager, waiting_child, permissions.VIEW_RESTRICTED).source == GrantSource.ALLOCATION
    assert can_see(care_manager, waiting_child)


def test_a_transfer_places_the_case_with_the_team_only_and_the_whole_team_sees_it(waiting_child, care_team,
                                                                                  care_manager, other_practitioner):
    transferred(waiting_child, care_team)
    assert Allocation.objects.get(case__child=waiting_child, ended_at__isnull=True).worker is None
    # A team member with no grant of their own sees the child through the team's group.
    assert user_grant(other_practitioner, waiting_child) is None
    assert can_see(other_practitioner, waiting_child)


def test_each_grant_writes_an_audit_event(moved_to_care_team, care_team, care_manager, other_practitioner, manager):
    granted = AuditEvent.objects.filter(child=moved_to_care_team, action=AuditAction.GRANTED_VIEW_CHILD)
    # The sending manager lets the receiving manager open the record; the receiving manager's confirmation
    # gives the team its access, and their allocation the worker's.
    assert granted.filter(subject_user=care_manager, actor=manager).count() == 1
    assert granted.filter(subject_group=care_team.group, actor=care_manager).count() == 1
    assert granted.filter(subject_user=other_practitioner, actor=care_manager).count() == 1


def test_allocating_writes_an_allocated_case_event(moved_to_care_team, other_practitioner, care_manager):
    event = AuditEvent.objects.get(child=moved_to_care_team, action=AuditAction.ALLOCATED_CASE, subject_user=other_practitioner)
    assert event.actor == care_manager
    assert "Children in Care Team" in event.detail


# --- Reallocation ------------------------------------------------------------------------------

def test_reallocating_to_another_worker_withdraws_the_previous_workers_allocation_grant(child, practitioner, colleague,
                                                                                       assessment_team, manager):
    assert user_grant(practitioner, child) is not None
    allocate_case(case=child.cases.get(), team=assessment_team, worker=colleague, by=manager, reason="Leave")
    assert user_grant(practitioner, child) is None
    assert user_grant(practitioner, child, permissions.VIEW_RESTRICTED) is None
    assert user_grant(colleague, child).source == GrantSource.ALLOCATION


def test_reallocating_keeps_an_explicit_grant(child, practitioner, colleague, assessment_team, manager):
    permissions.grant_to_user(user=practitioner, child=child, codename=permissions.VIEW_CHILD,
                              source=GrantSource.EXPLICIT, by=manager, reason="Court work continues")
    allocate_case(case=child.cases.get(), team=assessment_team, worker=colleague, by=manager)
    grant = user_grant(practitioner, child)
    assert grant is not None
    assert grant.source == GrantSource.EXPLICIT
    # What the allocation alone gave is still withdrawn.
    assert user_grant(practitioner, child, permissions.VIEW_RESTRICTED) is None


def test_explicit_grant_is_audited(child, practitioner, manager):
    permissions.grant_to_user(user=practitioner, child=child, codename=permissions.VIEW_CHILD,
                              source=GrantSource.EXPLICIT, by=manager, reason="Court work continues")
    assert AuditEvent.objects.filter(child=child, subject_user=practitioner, action=AuditAction.GRANTED_VIEW_CHILD,
                                     detail="explicit: Court work continues").exists()


def test_withdrawing_from_the_previous_worker_writes_audit_events(child, practitioner, colleague, assessment_team, manager):
    allocate_case(case=child.cases.get(), team=assessment_team, worker=colleague, by=manager)
    withdrawn = AuditEvent.objects.filter(child=child, actor=manager, subject_user=practitioner)
    withdrawals = [action for action in AuditAction if action.name.startswith("WITHDREW_")]
    assert set(withdrawn.filter(action__in=withdrawals).values_list("action", flat=True)) == {
        AuditAction.WITHDREW_VIEW_CHILD, AuditAction.WITHDREW_VIEW_RESTRICTED,
    }


def test_a_transfer_withdraws_the_old_teams_group_grant(child, assessment_team, care_team, care_manager, colleague):
    assert can_see(colleague, child)
    transferred(child, care_team)
    assert group_grant(assessment_team.group, child) is None
    assert not can_see(colleague, child)


def test_a_transfer_removes_the_previous_workers_access(child, care_team, care_manager, practitioner):
    transferred(child, care_team)
    assert not can_see(practitioner, child)


def test_withdrawing_from_the_old_team_writes_an_audit_event(child, assessment_team, care_team, care_manager):
    transferred(child, care_team)
    assert AuditEvent.objects.filter(child=child, actor=care_manager, subject_group=assessment_team.group,
                                     action=AuditAction.WITHDREW_VIEW_CHILD).count() == 1


# --- §15.2: allocation never moves a case to another team ------------------------------------------

def _state(child):
    return (list(Allocation.objects.filter(case__child=child).values_list("pk", "team_id", "worker_id", "ended_at")),
            AuditEvent.objects.count(), ChildUserObjectPermission.objects.count(),
            ChildGroupObjectPermission.objects.count())


def test_allocating_to_another_team_is_refused_and_nothing_saved(child, care_team, care_manager, other_practitioner,
                                                                 manager):
    before = _state(child)
    for worker in (other_practitioner, None):
        with pytest.raises(ValidationError, match="To move it to another team, transfer the case"):
            allocate_case(case=child.cases.get(), team=care_team, worker=worker, by=manager, reason="Moving")
    assert _state(child) == before


def test_a_superuser_cannot_allocate_to_another_team_either(child, care_team, care_manager, admin_user):
    before = _state(child)
    with pytest.raises(ValidationError, match="transfer the case"):
        allocate_case(case=child.cases.get(), team=care_team, worker=None, by=admin_user, reason="Admin tidy-up")
    assert _state(child) == before


def test_a_transfer_not_yet_confirmed_does_not_open_the_way(child, care_team, care_manager, manager):
    from tests.casework.transfers.transfer_builders import awaiting_transfer

    transfer = awaiting_transfer(child)
    assert transfer.to_team == care_team
    with pytest.raises(ValidationError, match="transfer the case"):
        allocate_case(case=child.cases.get(), team=care_team, worker=None, by=manager, transfer=transfer)
    with pytest.raises(ValidationError, match="transfer the case"):
        allocate_case(case=child.cases.get(), team=care_team, worker=None, by=care_manager, transfer=transfer)
    assert Allocation.objects.get(case__child=child, ended_at__isnull=True).team != care_team


def test_allocation_history_rows_are_kept(child, practitioner, colleague, assessment_team, manager):
    case = child.cases.get()
    allocate_case(case=case, team=assessment_team, worker=colleague, by=manager)
    allocate_case(case=case, team=assessment_team, worker=practitioner, by=manager)
    rows = list(Allocation.objects.filter(case=case).order_by("started_at", "id"))
    assert [row.worker for row in rows] == [None, practitioner, colleague, practitioner]
    assert all(row.ended_at is not None for row in rows[:-1])
    assert rows[-1].ended_at is None


def test_reallocating_to_the_same_worker_and_team_is_refused(child, practitioner, assessment_team, manager):
    before = Allocation.objects.count()
    with pytest.raises(ValidationError, match="already allocated"):
        allocate_case(case=child.cases.get(), team=assessment_team, worker=practitioner, by=manager)
    assert Allocation.objects.count() == before


def test_worker_not_in_the_team_is_refused_and_nothing_saved(child, assessment_team, other_practitioner, manager):
    before = (Allocation.objects.count(), AuditEvent.objects.count(), ChildUserObjectPermission.objects.count(),
              ChildGroupObjectPermission.objects.count())
    message = f"{other_practitioner.get_full_name()} is not a member of Assessment Team"
    with pytest.raises(ValidationError, match=re.escape(message)):
        allocate_case(case=child.cases.get(), team=assessment_team, worker=other_practitioner, by=manager)
    after = (Allocation.objects.count(), AuditEvent.objects.count(), ChildUserObjectPermission.objects.count(),
             ChildGroupObjectPermission.objects.count())
    assert after == before


def test_closed_case_cannot_be_allocated(child, colleague, assessment_team, manager):
    case = child.cases.get()
    complete_closing_summary(case, manager)
    close_case(case=case, closure_date=case.referral_date, closure_reason="RC7",
               closure_notes="", by=manager)
    with pytest.raises(ValidationError, match="This case is closed"):
        allocate_case(case=case, team=assessment_team, worker=colleague, by=manager)


# --- The allocation page -----------------------------------------------------------------------

def allocate_url(child) -> str:
    return f"/children/{child.local_id}/allocate/"


@pytest.mark.parametrize("role", ["practitioner", "colleague", "other_practitioner", "edt", "slt"])
def test_only_team_managers_can_open_the_allocation_page(request, cast, child, role):
    response = client_for(request.getfixturevalue(role)).get(allocate_url(child))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["practitioner", "colleague", "edt", "slt"])
def test_only_team_managers_can_allocate(request, cast, child, colleague, assessment_team, role):
    before = Allocation.objects.count()
    response = client_for(request.getfixturevalue(role)).post(
        allocate_url(child), {"team": assessment_team.pk, "worker": colleague.pk, "reason": "Mine now"}
    )
    assert response.status_code == 404
    assert Allocation.objects.count() == before


def test_manager_of_another_team_cannot_allocate_a_child_they_cannot_see(child, care_manager):
    response = client_for(care_manager).get(allocate_url(child))
    assert response.status_code == 404


def test_manager_sees_the_allocation_form(manager, child):
    response = client_for(manager).get(allocate_url(child))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Allocate the case" in html
    assert 'name="worker"' in html


def test_manager_allocates_through_the_form(manager, child, colleague, assessment_team):
    response = client_for(manager).post(
        allocate_url(child), {"team": assessment_team.pk, "worker": colleague.pk, "reason": "Caseload balance"}
    )
    assert response.status_code == 302
    assert response.url == f"/children/{child.local_id}/"
    current = Allocation.objects.get(case__child=child, ended_at__isnull=True)
    assert (current.worker, current.reason, current.allocated_by) == (colleague, "Caseload balance", manager)


def test_the_form_offers_only_workers_of_the_cases_team_and_no_team(manager, child, colleague, other_practitioner):
    html = client_for(manager).get(allocate_url(child)).content.decode()
    assert 'name="team"' not in html
    assert f'value="{colleague.pk}"' in html and f'value="{other_practitioner.pk}"' not in html
    assert "The case is with <strong>Assessment Team</strong>" in html
    assert f'href="/children/{child.local_id}/transfer/"' in html


def test_form_refuses_a_worker_of_another_team(manager, child, other_practitioner, assessment_team):
    before = Allocation.objects.count()
    response = client_for(manager).post(
        allocate_url(child), {"team": assessment_team.pk, "worker": other_practitioner.pk, "reason": "Cover"}
    )
    assert response.status_code == 200
    assert_form_error(response, "Select a worker of the team from the list. To move the case to another team, transfer it")
    assert Allocation.objects.count() == before


def test_a_posted_team_cannot_move_the_case(manager, child, care_team, care_manager, assessment_team):
    response = client_for(manager).post(allocate_url(child), {"team": care_team.pk, "worker": "", "reason": "Move"})
    assert response.status_code == 302
    current = Allocation.objects.get(case__child=child, ended_at__isnull=True)
    assert (current.team, current.worker) == (assessment_team, None)
    assert not can_see(care_manager, child)


@pytest.mark.parametrize("model", ["allocation", "case", "child"])
def test_the_admin_cannot_change_a_cases_team(child, care_team, admin_user, assessment_team, model):
    allocation = Allocation.objects.get(case__child=child, ended_at__isnull=True)
    obj = {"allocation": allocation, "case": allocation.case, "child": child}[model]
    client = client_for(admin_user)
    url = f"/admin/casework/{model}/{obj.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200  # read-only view: no form field to change the team
    assert '<select name="team"' not in page.content.decode()
    assert client.post(url, {"team": care_team.pk, "case": allocation.case_id, "reason": "x"}).status_code == 403
    assert client.get(f"/admin/casework/{model}/add/").status_code == 403
    assert Allocation.objects.get(case__child=child, ended_at__isnull=True).team == assessment_team


def test_form_requires_a_reason(manager, child, colleague, assessment_team):
    before = Allocation.objects.count()
    response = client_for(manager).post(allocate_url(child), {"team": assessment_team.pk, "worker": colleague.pk, "reason": ""})
    assert response.status_code == 200
    assert_form_error(response, "Enter the reason for the allocation")
    assert Allocation.objects.count() == before


def test_the_team_admin_cannot_change_a_teams_group_or_manager(child, manager, care_team, care_manager, admin_user,
                                                               assessment_team):
    """§15.2: a team's group holds its permissions on its children's records and its manager oversees them:
    changing either in the admin would move cases between teams without a transfer. After the team is made
    they are read-only there (shown, not in the form); a posted change is ignored; the name may still change."""
    group_before = assessment_team.group_id
    client = client_for(admin_user)
    url = f"/admin/access/team/{assessment_team.pk}/change/"
    page = client.get(url).content.decode()
    assert '<select name="group"' not in page and '<select name="manager"' not in page
    assert "Marcus Bennett" in page or manager.username in page  # still shown, read-only
    response = client.post(url, {"name": "Assessment and Intervention Team", "group": care_team.group_id,
                                 "manager": care_manager.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment_team.refresh_from_db()
    assert assessment_team.name == "Assessment and Intervention Team"
    assert (assessment_team.group_id, assessment_team.manager_id) == (group_before, manager.pk)
    assert can_see(manager, child) and not can_see(care_manager, child)
    add_page = client.get("/admin/access/team/add/").content.decode()
    assert '<select name="group"' in add_page and '<select name="manager"' in add_page  # set when it is made
