"""An administrator resets a person's two-step verification (issue 18, §14): a lost or changed phone.

Their authenticator app and recovery codes stop working at once, an audit event records who did it, and the
person is told by e-mail, so that a reset they did not ask for does not go unnoticed. To set it up again, a
person whose role requires two-step verification needs a new enrolment code from an administrator.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.audit.services import record_event
from access.models import AuditAction
from access.sign_in import enrolment, recovery


@transaction.atomic
def reset_two_step(*, by, user) -> bool:
    """Remove `user`'s app and end their recovery codes. Returns whether they were e-mailed (False: no address)."""
    if not enrolment.may_issue(by):
        raise PermissionDenied("Only an administrator resets two-step verification")
    now = timezone.now()
    TOTPDevice.objects.filter(user=user).delete()
    recovery.end_all(user, now=now)
    record_event(actor=by, action=AuditAction.RESET_TWO_STEP, subject_user=user)
    if not user.email:
        return False
    send_mail(
        "Casework: your two-step verification was reset",
        f"Dear {user.get_full_name() or user.get_username()},\n\n"
        f"{by.get_full_name() or by.get_username()} reset your two-step verification for Casework on "
        f"{timezone.localtime(now):%d %B %Y at %H:%M}. The authenticator app on your phone and your recovery codes "
        f"no longer work.\n\nThe next time you sign in you will set up two-step verification again. If your role "
        f"must use it, you will need a new enrolment code: ask your administrator for one.\n\n"
        f"If you did not ask for this, tell your administrator and your manager straight away.",
        settings.DEFAULT_FROM_EMAIL, [user.email],
    )
    return True
