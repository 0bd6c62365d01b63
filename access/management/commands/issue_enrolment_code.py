"""`manage.py issue_enrolment_code USERNAME`: a two-step enrolment code for a person (issue 18), printed once.

For the first administrator, who has no one to issue them a code in the admin; everyone else gets theirs from
an administrator in the admin ("Two-step enrolment codes"). Recorded as issued by the system account."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from access.audit.history import system_user
from access.sign_in.enrolment import LIFETIME, issue_enrolment_code


class Command(BaseCommand):
    help = "Print a one-time code that lets USERNAME set up two-step verification (72 hours, single use)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No active account has the username {username!r}.") from None
        code = issue_enrolment_code(by=system_user(), user=user, from_the_server=True)
        hours = int(LIFETIME.total_seconds() // 3600)
        self.stdout.write(f"Enrolment code for {username}: {code} (single use, for the next {hours} hours)")
