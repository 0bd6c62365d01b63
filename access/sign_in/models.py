from django.conf import settings
from django.db import models
from django.utils import timezone



class PasswordHistory(models.Model):
    """§14 "changing passwords on a regular basis": when each password was set, and its hash, so that
    an expired password must be changed and none of the last few can be used again.

    One row per password set (written by access.sign_in.passwords.PasswordHistoryValidator.password_changed,
    which Django calls whenever a user is saved after set_password); the latest row's `changed_at`
    is when the password was last changed. Only the hashes of the last few passwords are kept.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password_hash = models.CharField(max_length=128)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "password history"
        indexes = [models.Index(fields=["user", "-changed_at"], name="password_history_user_idx")]

    def __str__(self):
        return f"{self.user} changed password at {self.changed_at:%Y-%m-%d %H:%M}"


class EnrolmentCode(models.Model):
    """Issue 18, §14: setting up two-step verification needs something a password alone does not give.

    An administrator issues a one-time code for a person (shown once, kept only as a hash); it lasts 72 hours
    and opens the set-up page once. Issuing a new one ends any earlier one. Rows are kept as the record of
    who issued a code to whom, and when it was used.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolment_codes",
                             verbose_name="for")
    code_hash = models.CharField(max_length=128)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When a newer code replaced it")

    class Meta:
        verbose_name = "two-step enrolment code"
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["user", "-issued_at"], name="enrolment_code_user_idx")]

    def __str__(self):
        return f"Enrolment code for {self.user.get_full_name() or self.user.get_username()}"

    @property
    def state(self) -> str:
        if self.used_at:
            return "Used"
        if self.ended_at:
            return "Replaced by a newer code"
        return "Expired" if self.expires_at <= timezone.now() else "Waiting to be used"


class RecoveryCode(models.Model):
    """Issue 18, §14: a lost phone is not a locked account. Ten single-use codes, shown once when they are made;
    only a salted hash of each is kept (access.sign_in.recovery). A new set, or an administrator's reset, ends
    the codes not yet used; rows are kept as the record of when each was used."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recovery_codes")
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When a new set or a reset replaced it")

    class Meta:
        verbose_name = "two-step recovery code"
        indexes = [models.Index(fields=["user", "-created_at"], name="recovery_code_user_idx")]

    def __str__(self):
        return f"Recovery code for {self.user.get_full_name() or self.user.get_username()}"
