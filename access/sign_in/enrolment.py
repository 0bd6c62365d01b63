"""Enrolment codes for two-step verification (issue 18, §14).

Before this, a manager who had to use two-step verification but had no app was shown the secret straight after
the password: whoever signed in first with a stolen password enrolled their own phone. Now the set-up page asks
first for a one-time code that an administrator issued to that person (access.sign_in.models.EnrolmentCode);
until then the account reaches no page but the one that says to ask for it. People whose role does not require
two-step verification may still set it up on their own, as before: their password already opens everything.
"""

from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from access.audit.services import record_event
from access.models import AuditAction
from access.sign_in import codes, two_factor
from access.sign_in.models import EnrolmentCode
from access.staff import roles

LIFETIME = timedelta(hours=72)
SESSION_KEY = "casework_2fa_enrolment_code_used"


def may_issue(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or roles.has_role(user, roles.ADMINISTRATOR))


@transaction.atomic
def issue_enrolment_code(*, by, user, from_the_server: bool = False) -> str:
    """A new code for `user`, returned once (only its hash is kept); any earlier unused code ends.

    `from_the_server`: the `issue_enrolment_code` command, run by someone with access to the server (how the
    first administrator gets a code); it is recorded as issued by the system account."""
    if not (from_the_server or may_issue(by)):
        raise PermissionDenied("Only an administrator issues enrolment codes")
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, ended_at__isnull=True).update(ended_at=now)
    code = codes.new_code()
    EnrolmentCode.objects.create(user=user, code_hash=make_password(code), issued_by=by, issued_at=now,
                                 expires_at=now + LIFETIME)
    record_event(actor=by, action=AuditAction.ISSUED_ENROLMENT_CODE, subject_user=user,
                 detail=f"expires {timezone.localtime(now + LIFETIME):%d %B %Y %H:%M}")
    return code


def is_needed(request) -> bool:
    """The set-up page waits for an enrolment code: the role requires two-step verification and this session
    has not used one."""
    return two_factor.is_required_for(request.user) and not request.session.get(SESSION_KEY)


def used_up(request) -> None:
    """The set-up it opened is done: should the app be reset later, this session too needs a new code."""
    request.session.pop(SESSION_KEY, None)


@transaction.atomic
def redeem(request, *, code: str) -> bool:
    """The code the person typed, if it is one issued to them that is unused, not replaced and not expired."""
    user = request.user
    waiting = (EnrolmentCode.objects.select_for_update()
               .filter(user=user, used_at__isnull=True, ended_at__isnull=True, expires_at__gt=timezone.now()))
    typed = codes.normalised(code)
    found = next((row for row in waiting if check_password(typed, row.code_hash)), None)
    if found is None:
        record_event(actor=user, action=AuditAction.FAILED_ENROLMENT_CODE, subject_user=user)
        return False
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    request.session[SESSION_KEY] = True
    record_event(actor=user, action=AuditAction.USED_ENROLMENT_CODE, subject_user=user)
    return True
