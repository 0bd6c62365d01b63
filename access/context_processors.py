from django.conf import settings

from access.sign_in import inactivity

from access.staff import roles


def role_flags(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_is_manager": roles.is_team_manager(user),
        "user_can_record_referrals": roles.can_record_referrals(user),
        "user_is_emergency_duty": roles.has_role(user, roles.EMERGENCY_DUTY),
        "user_is_senior_leader": roles.has_role(user, roles.SENIOR_LEADERSHIP),
        "user_is_data_protection_officer": roles.has_role(user, roles.DATA_PROTECTION_OFFICER),
        "user_can_build_returns": roles.can_build_returns(user),
    }


def session_timeout(request):
    """What static/js/session-timeout.js needs, put on <body> as data attributes (no inline script)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "session_timeout": {
            "seconds_left": max(0, int(inactivity.seconds_left(request))),
            "warning_seconds": settings.INACTIVITY_WARNING_SECONDS,
            "warning_text": inactivity.describe(settings.INACTIVITY_WARNING_SECONDS),
        }
    }
