"""Writes about staff: accounts, teams and roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from access.staff import roles
from access.audit.services import record_event
from access.models import AuditAction, StaffProfile, Team


@transaction.atomic
def ensure_team(*, name: str) -> Team:
    team = Team.objects.filter(name=name).first()
    if team is None:
        group, _ = Group.objects.get_or_create(name=f"Team: {name}")
        team = Team.objects.create(name=name, group=group)
    return team


@transaction.atomic
def ensure_staff_member(
    *, username: str, first_name: str, last_name: str, post_title: str, role: str | None,
    team: Team | None, password: str, by, is_superuser: bool = False,
):
    """Create a staff account once; a second call with the same username changes nothing."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(username=username, first_name=first_name, last_name=last_name, email=f"{username}@example.org")
    user.is_superuser = user.is_staff = is_superuser
    if role in (roles.ADMINISTRATOR, roles.SENIOR_LEADERSHIP):
        user.is_staff = True  # administrators draft form designs in admin; senior leaders approve them there
    user.set_password(password)
    user.save()
    if role:
        user.groups.add(Group.objects.get(name=role))
    if team is not None:
        user.groups.add(team.group)
    StaffProfile.objects.create(user=user, post_title=post_title, team=team)
    record_event(actor=by, action=AuditAction.CREATED_STAFF_ACCOUNT, subject_user=user, detail=role or "")
    return user


@transaction.atomic
def set_team_manager(*, team: Team, manager) -> None:
    if team.manager_id != manager.pk:
        team.manager = manager
        team.save()
