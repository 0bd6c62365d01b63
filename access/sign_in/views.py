from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from access.sign_in import inactivity

from access.sign_in import passwords

from access.sign_in import services as sign_in

from access.sign_in import enrolment, recovery, two_factor
from access.sign_in.forms import ChangePasswordForm, EnrolmentCodeForm, RecoveryCodeForm, SignInForm, TwoFactorCodeForm


def _next_url(request) -> str:
    """Where to go after a step: the `next` the step was given, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class SignInView(auth_views.LoginView):
    template_name = "access/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if inactivity.pop_signed_out_notice(self.request):
            context["signed_out_after"] = inactivity.describe(settings.INACTIVITY_TIMEOUT_SECONDS)
        return context


class SignOutView(auth_views.LogoutView):
    """POST only (Django's rule): a link cannot sign anyone out behind their back.

    The timeout warning's script posts `reason=inactive` and the page it was on: the sign-in page
    then says why, and brings the person back to that page.
    """

    def post(self, request, *args, **kwargs):
        if request.POST.get("reason") != "inactive" or not request.user.is_authenticated:
            return super().post(request, *args, **kwargs)
        target = _next_url(request)
        inactivity.sign_out(request)
        return redirect_to_login(target)


@login_required
@require_http_methods(["GET", "POST"])
def session(request):
    """The timeout warning's script: GET asks how long is left (not itself activity), POST stays signed in."""
    if request.method == "POST":
        inactivity.start(request)
    return JsonResponse({"seconds_left": max(0.0, round(inactivity.seconds_left(request), 1))})


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        passwords.change_own_password(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        sign_in.password_changed(request)
        messages.success(request, "Your password has been changed.")
        return redirect(_next_url(request))
    return render(request, "access/change_password.html", {
        "form": form, "expired": sign_in.password_change_is_pending(request), "next": _next_url(request),
        "max_age_days": settings.PASSWORD_MAX_AGE_DAYS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    device = two_factor.device_of(request.user)
    if device is not None and request.user.is_verified():
        return render(request, "access/two_factor_done.html", {
            "device": device, "recovery_codes_left": recovery.unused(request.user).count(), "few": recovery.FEW,
        })
    if device is not None:
        return redirect("access:two_factor_verify")
    if enrolment.is_needed(request):
        return _enrolment_code(request)
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_setup(request, code=form.cleaned_data["code"]):
            enrolment.used_up(request)
            return _show_recovery_codes(request, just_set_up=True)
        form.add_error("code", "The code is not right. Check the app shows Casework and enter its current code")
    key = two_factor.setup_key(request)
    uri = two_factor.otpauth_uri(request.user, key)
    return render(request, "access/two_factor_setup.html", {
        "form": form, "secret": two_factor.secret_for_people(key), "otpauth_uri": uri,
        "qr_code": two_factor.qr_code_data_uri(uri), "required": two_factor.is_required_for(request.user),
        "next": _next_url(request),
    })


def _enrolment_code(request):
    """No secret is shown until the person enters the code an administrator issued them."""
    form = EnrolmentCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if enrolment.redeem(request, code=form.cleaned_data["enrolment_code"]):
            return redirect(f"{request.path}?{urlencode({'next': _next_url(request)})}")
        form.add_error("enrolment_code", "The enrolment code is not right, has been used or has expired. "
                                         "Check it, or ask your administrator for a new one")
    return render(request, "access/two_factor_enrol.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if two_factor.device_of(request.user) is None:
        return redirect("access:two_factor_setup")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wait = two_factor.wait_before_next_try(request.user)
        if wait:
            form.add_error("code", _too_many_wrong_codes(wait))
        elif two_factor.verify(request, code=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        else:
            form.add_error("code", "The code is not right. Enter the code your app shows now")
    return render(request, "access/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _show_recovery_codes(request, *, just_set_up: bool):
    """A new set of recovery codes, shown in this response only (never kept where they could be shown again)."""
    return render(request, "access/recovery_codes.html", {
        "codes": recovery.new_set(user=request.user), "just_set_up": just_set_up, "next": _next_url(request),
    })


@login_required
@require_POST
def new_recovery_codes(request):
    """From the two-step verification page: a new set, and the earlier codes stop working."""
    if two_factor.device_of(request.user) is None or not request.user.is_verified():
        return redirect("access:two_factor_setup")
    return _show_recovery_codes(request, just_set_up=False)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_recovery(request):
    """At sign-in, a recovery code instead of the app's code; wrong ones share the app's throttle."""
    if two_factor.device_of(request.user) is None:
        return redirect("access:two_factor_setup")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = RecoveryCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wait = two_factor.wait_before_next_try(request.user)
        if wait:
            form.add_error("recovery_code", _too_many_wrong_codes(wait))
        elif (left := recovery.use(request, code=form.cleaned_data["recovery_code"])) is not None:
            _tell_how_many_left(request, left)
            return redirect(_next_url(request))
        else:
            form.add_error("recovery_code", "The recovery code is not right or has already been used. "
                                            "Check it and try again")
    return render(request, "access/two_factor_recovery.html", {"form": form, "next": _next_url(request)})


def _too_many_wrong_codes(wait: int) -> str:
    return f"Too many wrong codes. Wait {inactivity.describe(wait)} and try again"


def _tell_how_many_left(request, left: int) -> None:
    said = f"You signed in with a recovery code. It will not work again. You have {left} recovery code{'s' if left != 1 else ''} left."
    if left > recovery.FEW:
        messages.success(request, said)
    else:
        messages.warning(request, f"{said} Make a new set on the two-step verification page before you run out.")
