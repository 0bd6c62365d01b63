"""Two-step verification: a code from an authenticator app after the password (django-otp, TOTP).

Anyone may set it up; whoever has set it up uses it at every sign-in; the roles in
REQUIRE_2FA_FOR_ROLES must (managers and administrators, by default): they are sent to set it up,
or to enter a code, before any other page (access.middleware.SignInStepsMiddleware).
"""

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from access.staff import roles
from access.sign_in import codes
from access.audit.services import record_event
from access.models import AuditAction

REQUIRED = "casework_2fa_required"
SETUP_KEY = "casework_2fa_setup_key"
DEVICE_NAME = "Authenticator app"


def is_required_for(user) -> bool:
    required = set(settings.REQUIRE_2FA_FOR_ROLES)
    if not required:
        return False
    if user.is_superuser and roles.ADMINISTRATOR in required:
        return True
    return bool(roles.role_names(user) & required)


def device_of(user, *, for_update: bool = False) -> TOTPDevice | None:
    devices = TOTPDevice.objects.select_for_update() if for_update else TOTPDevice.objects
    return devices.filter(user=user, confirmed=True).order_by("pk").first()


def start(request, user) -> None:
    """At sign-in: does this session owe a code before anything else?"""
    if is_required_for(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        request.session[REQUIRED] = True


def is_pending(request) -> bool:
    return bool(request.session.get(REQUIRED)) and not request.user.is_verified()


# --- setting up ---

def setup_key(request) -> str:
    """The secret offered on the set-up page: kept in the session until a code proves the app has it."""
    key = request.session.get(SETUP_KEY)
    if key is None:
        key = request.session[SETUP_KEY] = random_hex(20)
    return key


def secret_for_people(hex_key: str) -> str:
    """The key as an authenticator app asks for it (base32), in groups of four to copy by hand."""
    return codes.in_fours(b32encode(unhexlify(hex_key)).decode(), " ")


def otpauth_uri(user, hex_key: str) -> str:
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    params = urlencode({"secret": b32encode(unhexlify(hex_key)).decode(), "issuer": issuer,
                        "algorithm": "SHA1", "digits": 6, "period": 30})
    return f"otpauth://totp/{label}?{params}"


def qr_code_data_uri(uri: str) -> str:
    """An SVG QR code as a data: URI (the Content Security Policy allows data: images, not inline SVG styles)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def confirm_setup(request, *, code: str) -> TOTPDevice | None:
    """The code from the app matches the offered secret: keep the device and count this session verified."""
    key = request.session.get(SETUP_KEY)
    if key is None or not code.isdigit():
        return None
    totp = TOTP(unhexlify(key), step=30, digits=6)
    if not totp.verify(int(code), tolerance=1):
        return None
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()  # one app per person: a new set-up replaces the old one
    device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key, confirmed=True,
                                       last_t=totp.t(), drift=totp.drift)
    del request.session[SETUP_KEY]
    otp_login(request, device)
    record_event(actor=user, action=AuditAction.SET_UP_TWO_STEP, subject_user=user)
    return device


# --- verifying at sign-in ---

def verify(request, *, code: str) -> bool:
    """Check a code against the user's app (django-otp throttles repeated failures) and record the outcome."""
    user = request.user
    device = device_of(user)
    verified = device is not None and verify_token(user, device.persistent_id, code) is not None
    if verified:
        otp_login(request, device)
        record_event(actor=user, action=AuditAction.VERIFIED_TWO_STEP, subject_user=user)
    else:
        record_event(actor=user, action=AuditAction.FAILED_TWO_STEP, subject_user=user)
    return verified


def wait_before_next_try(user) -> int:
    """Seconds before django-otp lets this user try another code (0 when they may try now)."""
    device = device_of(user)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(0, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)
