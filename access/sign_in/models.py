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
