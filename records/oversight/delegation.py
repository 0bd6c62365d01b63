"""§13: "the responsibility can be delegated to other staff as appropriate". A team's manager delegates
its record audits to a named senior practitioner of the team for a period: during it (and only then)
the delegate draws samples and audits for that team (records.oversight.audits.manages). Each audit
schedule sets how many records a month the team's samples should draw.

Services take keyword arguments, check who is acting, save and write their audit event in one transaction.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from access.audit.services import record_event
from access.models import AuditAction, Team
from access.staff import roles
from records.oversight.models import AuditDelegation

MAX_DELEGATION_DAYS = 366


def _is_teams_manager(user, team: Team) -> bool:
    return user.is_superuser or (roles.is_team_manager(user) and team.manager_id == user.pk)


def in_force(day: date | None = None) -> Q:
    """Delegations in force on `day` (today in London): within their period and not ended."""
    day = day or timezone.localdate()
    return Q(starts_on__lte=day, ends_on__gte=day, ended_at__isnull=True)


def delegated_team_ids(user, day: date | None = None) -> set[int]:
    """The teams whose audits this user carries out today by delegation."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(AuditDelegation.objects.filter(in_force(day), delegate=user).values_list("team_id", flat=True))


def may_delegate_to(team: Team):
    """Who may be named: active practitioners of the team (its manager already audits)."""
    return (get_user_model().objects.filter(is_active=True, staff_profile__team=team, groups__name=roles.PRACTITIONER)
            .exclude(pk=team.manager_id or 0).select_related("staff_profile").order_by("last_name", "first_name"))


@transaction.atomic
def delegate_audits(*, team: Team, by, delegate, starts_on: date, ends_on: date) -> AuditDelegation:
    """The team's manager names a senior practitioner of the team to audit its records from `starts_on`
    to `ends_on` (both included)."""
    if not _is_teams_manager(by, team):
        raise PermissionDenied("Only the team's manager delegates its record audits.")
    if delegate is None or not may_delegate_to(team).filter(pk=delegate.pk).exists():
        raise ValidationError("Choose a practitioner of the team to carry out its record audits.")
    if starts_on < timezone.localdate():
        raise ValidationError("The delegation must start today or later.")
    if ends_on < starts_on:
        raise ValidationError("The delegation must end on or after the day it starts.")
    if (ends_on - starts_on).days >= MAX_DELEGATION_DAYS:
        raise ValidationError("A delegation can last a year at most.")
    delegation = AuditDelegation.objects.create(team=team, delegate=delegate, starts_on=starts_on, ends_on=ends_on,
                                                delegated_by=by)
    record_event(actor=by, action=AuditAction.DELEGATED_RECORD_AUDITS, subject_user=delegate,
                 detail=f"{team.name}: {starts_on:%d/%m/%Y} to {ends_on:%d/%m/%Y} (delegation {delegation.pk})")
    return delegation


@transaction.atomic
def end_delegation(*, delegation: AuditDelegation, by) -> AuditDelegation:
    """The team's manager ends a delegation before its last day; it is kept, with who ended it and when."""
    delegation = AuditDelegation.objects.select_for_update().select_related("team").get(pk=delegation.pk)
    if not _is_teams_manager(by, delegation.team):
        raise PermissionDenied("Only the team's manager ends a delegation of its record audits.")
    if delegation.ended_at is not None or delegation.ends_on < timezone.localdate():
        raise ValidationError("This delegation has already ended.")
    delegation.ended_at, delegation.ended_by = timezone.now(), by
    delegation.save()
    record_event(actor=by, action=AuditAction.ENDED_AUDIT_DELEGATION, subject_user=delegation.delegate,
                 detail=f"{delegation.team.name} (delegation {delegation.pk})")
    return delegation


def delegations_for(user) -> QuerySet[AuditDelegation]:
    """The delegations of the teams this user manages, and those made to them."""
    teams = Team.objects.all() if user.is_superuser else Team.objects.filter(manager=user)
    return (AuditDelegation.objects.filter(Q(team__in=teams) | Q(delegate=user))
            .select_related("team", "delegate__staff_profile", "delegated_by", "ended_by"))
