"""§14 "automatic log out of screens": a session with no request for INACTIVITY_TIMEOUT_SECONDS is
signed out by the server (access.middleware.InactivityTimeoutMiddleware), whatever the browser does.

The time of the last request is kept in the session. It is written at most every
`_write_every()` seconds (1/60 of the timeout: 15 seconds for 15 minutes), so that a page does not
cost a session write on every request; the sign-out therefore comes at most that much early.
The page's script (static/js/session-timeout.js) asks `seconds_left` before it warns or signs out.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.utils.http import url_has_allowed_host_and_scheme

LAST_ACTIVITY = "casework_last_activity"
SIGNED_OUT_INACTIVE = "casework_signed_out_inactive"


def _write_every() -> float:
    return settings.INACTIVITY_TIMEOUT_SECONDS / 60


def start(request) -> None:
    """At sign-in: the session's inactivity clock starts now."""
    request.session[LAST_ACTIVITY] = time.time()


def seconds_left(request, *, now: float | None = None) -> float:
    now = time.time() if now is None else now
    last = request.session.get(LAST_ACTIVITY)
    if last is None:
        return float(settings.INACTIVITY_TIMEOUT_SECONDS)
    return settings.INACTIVITY_TIMEOUT_SECONDS - (now - last)


def has_expired(request) -> bool:
    return seconds_left(request) <= 0


def record_activity(request) -> None:
    now = time.time()
    last = request.session.get(LAST_ACTIVITY)
    if last is None or now - last >= _write_every():
        request.session[LAST_ACTIVITY] = now


def sign_out(request) -> None:
    """Sign the session out for inactivity; the sign-in page then says why (once)."""
    request.casework_sign_out_reason = "inactive"  # read by the audit of the sign-out
    logout(request)
    request.session[SIGNED_OUT_INACTIVE] = True


def return_path(request) -> str:
    """Where to bring the person back after signing in again: the page, not a form's POST address
    (for a POST, the page it was sent from; the Referrer-Policy keeps same-origin referrers)."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return ""


def pop_signed_out_notice(request) -> bool:
    return bool(request.session.pop(SIGNED_OUT_INACTIVE, False))


def describe(seconds: int) -> str:
    """'15 minutes', '1 minute', '6 seconds': how the pages speak of the timeout and the warning."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
