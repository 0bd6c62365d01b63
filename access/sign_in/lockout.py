"""Repeated failed sign-ins lock out a username from one address (django-axes).

Locking on the username and the address together means nobody can lock a colleague out by typing
their username somewhere else. The lockout page is the same whether the account exists or not.
"""

from django.conf import settings
from django.shortcuts import render

from axes.backends import AxesStandaloneBackend

from access.sign_in.inactivity import describe


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend, first in AUTHENTICATION_BACKENDS: refuses a locked-out username and address.

    A call without a request (the test client's `login()`, the shell) is not a sign-in from an
    address, so there is nothing to lock by: it goes straight on to the model backend. Every sign-in
    form (ours and the admin's) passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The address attempts are counted by: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    entry they added to X-Forwarded-For (entries further left were sent by the client and can be forged)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: the GOV.UK lockout page (nothing about the account in it)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "access/locked_out.html",
        {"cool_off": describe(minutes * 60), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
