from access import roles


def role_flags(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_is_manager": roles.is_team_manager(user),
        "user_can_record_referrals": roles.can_record_referrals(user),
        "user_is_emergency_duty": roles.has_role(user, roles.EMERGENCY_DUTY),
    }
