"""Staff roles. Each role is a Django group; what a role may do is decided here, in one place."""

PRACTITIONER = "Practitioner"
TEAM_MANAGER = "Team manager"
SENIOR_LEADERSHIP = "Senior leadership"
EMERGENCY_DUTY = "Emergency duty"
ADMINISTRATOR = "Administrator"
# Issue 18 (retention): reviews records past their retention date, keeps them longer, holds them, proposes erasure.
DATA_PROTECTION_OFFICER = "Data protection officer"
# Issue 17 (statutory returns): checks the records the returns are built from and builds the returns.
PERFORMANCE_AND_INFORMATION = "Performance and information"

ALL_ROLES = (PRACTITIONER, TEAM_MANAGER, SENIOR_LEADERSHIP, EMERGENCY_DUTY, ADMINISTRATOR, DATA_PROTECTION_OFFICER,
             PERFORMANCE_AND_INFORMATION)


def role_names(user) -> frozenset[str]:
    """The user's role names, read once per user object (one query, then cached on it)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_casework_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True))
        user._casework_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in role_names(user)


def is_senior_leader(user_or_id) -> bool:
    """An active member of Senior leadership, read fresh from the database: approving a form design (§2)
    must not rest on a role withdrawn since the user object was loaded. A user object whose roles (read
    once per request) do not include it is answered without a query: a role is only ever confirmed fresh."""
    from django.contrib.auth import get_user_model

    if getattr(user_or_id, "is_authenticated", True) is False:
        return False
    if hasattr(user_or_id, "groups") and SENIOR_LEADERSHIP not in role_names(user_or_id):
        return False
    user_id = getattr(user_or_id, "pk", user_or_id)
    if user_id is None:
        return False
    return get_user_model().objects.filter(pk=user_id, is_active=True, groups__name=SENIOR_LEADERSHIP).exists()


def is_team_manager(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, TEAM_MANAGER))


def can_record_referrals(user) -> bool:
    """Practitioners and team managers open new records (§1: a record from referral)."""
    return user.is_authenticated and bool(role_names(user) & {PRACTITIONER, TEAM_MANAGER})


def can_write_records(user) -> bool:
    """Who writes on a child's record they can see: practitioners, managers, emergency duty staff."""
    return user.is_authenticated and bool(role_names(user) & {PRACTITIONER, TEAM_MANAGER, EMERGENCY_DUTY})


def can_build_returns(user) -> bool:
    """Issue 17: performance and information staff and senior leadership build the statutory returns and download
    them; no one else (not even an administrator: the files hold every child's details)."""
    return user.is_authenticated and bool(role_names(user) & {PERFORMANCE_AND_INFORMATION, SENIOR_LEADERSHIP})
