from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from access.sign_in import inactivity

from access.sign_in import services as sign_in


class NoStoreMiddleware:
    """Pages for signed-in staff show children's information: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
        return response


class InactivityTimeoutMiddleware:
    """§14 automatic log-out: a session idle for INACTIVITY_TIMEOUT_SECONDS is signed out here, on the
    server, with or without the page's warning script; the visitor goes to sign in, then back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            if inactivity.has_expired(request):
                back_to = inactivity.return_path(request)
                inactivity.sign_out(request)
                return redirect_to_login(back_to)
            # The warning script asking how long is left is not activity; everything else is.
            if not (request.method == "GET" and request.path == reverse("access:session")):
                inactivity.record_activity(request)
        return self.get_response(request)


class SignInStepsMiddleware:
    """Until a new session has entered its two-step code and replaced an expired password, every
    page sends it to that step (and then back to where it was going)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not sign_in.is_open_while_pending(request.path):
            step = sign_in.pending_step(request)
            if step is not None:
                query = f"?{urlencode({'next': request.get_full_path()})}" if request.method == "GET" else ""
                return redirect(reverse(step) + query)
        return self.get_response(request)
