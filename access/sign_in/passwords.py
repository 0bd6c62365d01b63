"""§14 "password protection" and "changing passwords on a regular basis".

Django's validators already ask for at least 12 characters, not a common password, not all digits
and not like the user's own details (settings.AUTH_PASSWORD_VALIDATORS). Here: none of the last
few passwords again, not made of the person's own names, and a password older than
PASSWORD_MAX_AGE_DAYS must be changed at sign-in.
"""

import re
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.services import record_event
from access.models import AuditAction, PasswordHistory


class PasswordHistoryValidator:
    """Refuses any of the user's last `remember` passwords, and keeps the history it checks.

    Django calls `password_changed` whenever a user is saved after `set_password` (our change
    page, the admin, `changepassword`, factories), so every way of setting a password is recorded.
    """

    def __init__(self, remember: int = 5):
        self.remember = remember

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        for old_hash in _recent_hashes(user, self.remember):
            if check_password(password, old_hash):
                raise ValidationError(
                    f"You have used this password before. Choose one that is not one of your last {self.remember}.",
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or not user.has_usable_password():
            return
        record_password_set(user=user, remember=self.remember)

    def get_help_text(self):
        return f"Your password cannot be one of your last {self.remember}."


def _letters(text: str) -> str:
    """Lower-case letters only, accents taken off: "Zoë O'Brien-2026" -> "zoeobrien"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


class NamesValidator:
    """Refuses a password made of the person's own names (issue 18, §14).

    Django's similarity check compares the whole password with each name alone, so "Priya.Shah-2026!" passes
    it. Here separators, digits, case and accents are ignored: a password whose letters hold the first and last
    names together (either order), or are nothing but the person's names, is refused.
    """

    def validate(self, password, user=None):
        if user is None:
            return
        first, last = _letters(user.first_name or ""), _letters(user.last_name or "")
        # Each part of a name on its own ("Ní Bhriain" is "ni" and "bhriain"), longest first.
        parts = sorted({_letters(part) for part in re.split(r"[\s-]+", f"{user.first_name} {user.last_name}")} - {""},
                       key=len, reverse=True)
        letters = _letters(password)
        rest = letters
        for part in parts:
            rest = rest.replace(part, "")
        together = [first + last, last + first] if first and last else []
        if any(pair in letters for pair in together) or (parts and letters and not rest):
            raise ValidationError(
                "Your password cannot be made of your own names. Choose words that are not your name.",
                code="password_has_names",
            )

    def get_help_text(self):
        return "Your password cannot be made of your own names."


def _recent_hashes(user, count: int) -> list[str]:
    return list(
        PasswordHistory.objects.filter(user=user).order_by("-changed_at", "-pk").values_list("password_hash", flat=True)[:count]
    )


@transaction.atomic
def record_password_set(*, user, remember: int) -> None:
    """Keep the new password's hash and when it was set; forget hashes older than the last `remember`."""
    PasswordHistory.objects.create(user=user, password_hash=user.password)
    keep = PasswordHistory.objects.filter(user=user).order_by("-changed_at", "-pk").values_list("pk", flat=True)[:remember]
    PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()


def password_changed_at(user) -> datetime:
    """When the password was last set; for an account older than the history, when it was created."""
    latest = PasswordHistory.objects.filter(user=user).order_by("-changed_at", "-pk").values_list("changed_at", flat=True).first()
    return latest or user.date_joined


def password_has_expired(user, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return now >= password_changed_at(user) + timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


@transaction.atomic
def change_own_password(*, user, new_password: str) -> None:
    """A signed-in member of staff chose a new password (already validated by the form)."""
    user.set_password(new_password)
    user.save()  # Django then calls the validators' password_changed: the history row is written
    record_event(actor=user, action=AuditAction.CHANGED_PASSWORD, subject_user=user)
