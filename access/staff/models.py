from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models

from access.audit.history import Historical


class Team(models.Model):
    """A team of staff. Its group holds the team's per-child permissions."""

    name = models.CharField(max_length=120, unique=True)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="team")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="managed_teams"
    )
    history = Historical()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """§9: every record shows its author's name and post title."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_profile")
    post_title = models.CharField(max_length=120)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    history = Historical()

    def __str__(self):
        return f"{self.user.get_full_name()}, {self.post_title}"


# Changes to staff accounts (names, active, staff and superuser flags) are kept too.
# The password hash and last sign-in time are left out: they are not the account's story.
def _register_user_history():
    from django.contrib.auth import get_user_model
    from simple_history import register

    from access.audit.history import history_user

    register(
        get_user_model(),
        app="access",
        get_user=history_user,
        excluded_fields=["password", "last_login"],
    )


_register_user_history()
