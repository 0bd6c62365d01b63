"""Recovery codes for two-step verification (issue 18, §14): a lost phone is not a locked account.

Ten single-use codes, shown once: when two-step verification is set up, and as a new set (ending the earlier
one) whenever the person asks from the two-step verification page. Only a salted SHA-256 hash of each is kept:
the codes are random (60 bits each), so a fast hash is enough, where a password's slow hash guards words people
choose. A wrong code counts against django-otp's throttle on the person's authenticator app, exactly like a
wrong code from the app, so recovery codes cannot be guessed at the sign-in page either.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_otp import login as otp_login

from access.audit.services import record_event
from access.models import AuditAction
from access.sign_in import codes, two_factor
from access.sign_in.models import RecoveryCode

COUNT = 10
FEW = 3  # at or below this many left, people are told to make a new set


def _hash(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    return f"sha256${salt}${hashlib.sha256(f'{salt}{code}'.encode()).hexdigest()}"


def _matches(code: str, stored: str) -> bool:
    salt = stored.split("$")[1]
    return constant_time_compare(_hash(code, salt), stored)


def unused(user):
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True, ended_at__isnull=True)


def end_all(user, *, now) -> None:
    unused(user).update(ended_at=now)


@transaction.atomic
def new_set(*, user) -> list[str]:
    """Ten new codes for `user`, returned once (only their hashes are kept); the codes not yet used end.

    Only for a person whose app is set up and who has passed two-step verification in this session: the views
    call it straight after set-up, or from the two-step verification page."""
    now = timezone.now()
    end_all(user, now=now)
    fresh = [codes.new_code() for _ in range(COUNT)]
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=_hash(code), created_at=now) for code in fresh])
    record_event(actor=user, action=AuditAction.MADE_RECOVERY_CODES, subject_user=user)
    return fresh


@transaction.atomic
def use(request, *, code: str) -> int | None:
    """At sign-in, instead of the app's code: the number of codes left when `code` is one of the person's unused
    codes (now used, and this session verified), or None. Refused outright while django-otp's throttle waits."""
    user = request.user
    device = two_factor.device_of(user, for_update=True)  # one guess at a time against the throttle
    if device is None or not device.verify_is_allowed()[0]:
        return None
    typed = codes.normalised(code)
    found = next((row for row in unused(user) if _matches(typed, row.code_hash)), None)
    if found is None:
        device.throttle_increment()
        record_event(actor=user, action=AuditAction.FAILED_RECOVERY_CODE, subject_user=user)
        return None
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    device.throttle_reset()
    otp_login(request, device)
    left = unused(user).count()
    record_event(actor=user, action=AuditAction.USED_RECOVERY_CODE, subject_user=user, detail=f"{left} left")
    return left
