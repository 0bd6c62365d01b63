"""§14: sign-ins, sign-outs, failed attempts, lockouts and changes to what staff may do are in the audit trail."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from access.audit.history import acting_as
from access.models import AuditAction, AuditEvent
from tests.conftest import client_for
from tests.factories import PASSWORD


def events(action, **filters):
    return AuditEvent.objects.filter(action=action, **filters)


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post("/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_sign_in_is_recorded_with_the_address(practitioner):
    sign_in(Client(), practitioner.username)
    event = events(AuditAction.SIGNED_IN).get(actor=practitioner)
    assert event.subject_user == practitioner
    assert event.detail == "from 10.0.0.1"


def test_sign_out_is_recorded(practitioner):
    client = client_for(practitioner)
    client.post("/sign-out/")
    assert events(AuditAction.SIGNED_OUT, actor=practitioner, subject_user=practitioner, detail=AuditAction.SIGNED_OUT).exists()


def test_failed_sign_in_for_an_account_names_it_but_is_not_attributed_to_it(practitioner, system):
    sign_in(Client(), practitioner.username, password="Not-the-password-1")
    event = events(AuditAction.SIGN_IN_FAILED).get()
    assert event.actor == system  # nobody proved who they were
    assert event.subject_user == practitioner
    assert event.detail == "username 'practitioner' from 10.0.0.1"
    assert "Not-the-password-1" not in event.detail


def test_failed_sign_in_for_an_unknown_username_keeps_what_was_typed(db, system):
    sign_in(Client(), "nobody-here")
    event = events(AuditAction.SIGN_IN_FAILED).get()
    assert event.actor == system
    assert event.subject_user is None
    assert event.detail == "username 'nobody-here' from 10.0.0.1"


def test_lockout_is_recorded_once_however_many_attempts_follow(practitioner, system):
    client = Client()
    for _ in range(7):
        sign_in(client, practitioner.username, password="Not-the-password-1")
    lockout = events(AuditAction.LOCKED_OUT).get()
    assert lockout.actor == system and lockout.subject_user == practitioner
    assert lockout.detail == "username 'practitioner' from 10.0.0.1 after 5 failed attempts, for 30 minutes"
    assert events(AuditAction.SIGN_IN_FAILED, subject_user=practitioner).count() == 7


def test_lockout_of_an_unknown_username_is_recorded(db, system):
    client = Client()
    for _ in range(5):
        sign_in(client, "nobody-here", password="Not-the-password-1")
    assert events(AuditAction.LOCKED_OUT, actor=system, subject_user=None, detail__startswith="username 'nobody-here'").exists()


def test_role_given_and_taken_away_is_recorded_with_who_did_it(practitioner, manager):
    role = Group.objects.get_or_create(name="Senior leadership")[0]
    with acting_as(manager):
        practitioner.groups.add(role)
        practitioner.groups.remove(role)
    assert events(AuditAction.ADDED_TO_GROUP, actor=manager, subject_user=practitioner, subject_group=role).exists()
    assert events(AuditAction.REMOVED_FROM_GROUP, actor=manager, subject_user=practitioner, subject_group=role).exists()


def test_changes_made_from_the_groups_side_are_recorded_too(practitioner, system):
    role = Group.objects.get_or_create(name="Emergency duty")[0]
    role.user_set.add(practitioner)
    role.user_set.clear()
    assert events(AuditAction.ADDED_TO_GROUP, actor=system, subject_user=practitioner, subject_group=role).exists()
    assert events(AuditAction.REMOVED_FROM_GROUP, actor=system, subject_user=practitioner, subject_group=role).exists()


def test_clearing_a_users_groups_records_each_one(practitioner, assessment_team):
    practitioner.groups.clear()
    removed = set(events(AuditAction.REMOVED_FROM_GROUP, subject_user=practitioner).values_list("detail", flat=True))
    assert removed == {"Practitioner", assessment_team.group.name}


def test_permissions_given_to_a_user_or_a_group_are_recorded(practitioner):
    permission = Permission.objects.get(content_type__app_label="casework", codename="view_child")
    practitioner.user_permissions.add(permission)
    group = Group.objects.get_or_create(name="Practitioner")[0]
    group.permissions.add(permission)
    group.permissions.remove(permission)
    assert events(AuditAction.GRANTED_PERMISSION, subject_user=practitioner, detail="casework.view_child").exists()
    assert events(AuditAction.GRANTED_PERMISSION, subject_group=group, detail="casework.view_child").exists()
    assert events(AuditAction.WITHDREW_PERMISSION, subject_group=group, detail="casework.view_child").exists()


def test_superuser_and_staff_flags_are_recorded(practitioner):
    practitioner.is_superuser = True
    practitioner.save()
    practitioner.is_active = False
    practitioner.save()
    assert events(AuditAction.CHANGED_ACCOUNT, subject_user=practitioner, detail="is_superuser on").exists()
    assert events(AuditAction.CHANGED_ACCOUNT, subject_user=practitioner, detail="is_active off").exists()


def test_saving_only_the_last_sign_in_time_records_nothing(practitioner):
    before = AuditEvent.objects.filter(action=AuditAction.CHANGED_ACCOUNT).count()
    practitioner.save(update_fields=["last_login"])
    assert AuditEvent.objects.filter(action=AuditAction.CHANGED_ACCOUNT).count() == before


def admin_change_form(user, **changes):
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "is_active": "on", "groups": [g.pk for g in user.groups.all()], "user_permissions": [],
        "last_login_0": "", "last_login_1": "", "date_joined_0": user.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


def test_changes_made_in_the_admin_are_attributed_to_the_administrator(admin_user, practitioner):
    role = Group.objects.get_or_create(name="Team manager")[0]
    groups = [g.pk for g in practitioner.groups.all()] + [role.pk]
    response = client_for(admin_user).post(f"/admin/auth/user/{practitioner.pk}/change/",
                                           admin_change_form(practitioner, groups=groups, is_staff="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert events(AuditAction.ADDED_TO_GROUP, actor=admin_user, subject_user=practitioner, subject_group=role).exists()
    assert events(AuditAction.CHANGED_ACCOUNT, actor=admin_user, subject_user=practitioner, detail="is_staff on").exists()


@pytest.mark.parametrize("action", [AuditAction.SIGNED_IN, AuditAction.SIGN_IN_FAILED])
def test_sign_in_events_are_append_only(practitioner, action):
    sign_in(Client(), practitioner.username, password=PASSWORD if action == AuditAction.SIGNED_IN else "wrong-password-1")
    event = events(action).first()
    with pytest.raises(ValueError, match="append-only"):
        event.save()
