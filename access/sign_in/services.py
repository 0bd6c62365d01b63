"""What a new session owes before its first page (§14): a code from the authenticator app, then a
new password if the old one has expired. Decided once, when the session signs in, and kept in it.

`start` runs for every sign-in, whatever signed the user in (our page, the admin's, a test's
`force_login`): it is connected to Django's `user_logged_in` signal in access/signals.py.
"""

from django.urls import reverse

from access.sign_in import inactivity

from access.sign_in import passwords

from access.sign_in import two_factor

PASSWORD_CHANGE_REQUIRED = "casework_password_change_required"

# Pages a session may open while it still owes a step: the steps themselves, signing out, and
# the keep-alive the timeout warning uses.
_OPEN_WHILE_PENDING = ("access:two_factor_setup", "access:two_factor_verify", "access:two_factor_recovery",
                       "access:change_password", "access:sign_out", "access:session")


def start(request, user) -> None:
    inactivity.start(request)
    two_factor.start(request, user)
    if user.has_usable_password() and passwords.password_has_expired(user):
        request.session[PASSWORD_CHANGE_REQUIRED] = True


def password_change_is_pending(request) -> bool:
    return bool(request.session.get(PASSWORD_CHANGE_REQUIRED))


def password_changed(request) -> None:
    request.session.pop(PASSWORD_CHANGE_REQUIRED, None)


def pending_step(request) -> str | None:
    """The URL name of the page this session must go through first, or None."""
    if two_factor.is_pending(request):
        return "access:two_factor_verify" if two_factor.device_of(request.user) else "access:two_factor_setup"
    if password_change_is_pending(request):
        return "access:change_password"
    return None


def is_open_while_pending(path: str) -> bool:
    return path in {reverse(name) for name in _OPEN_WHILE_PENDING}
