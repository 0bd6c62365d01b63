from django.core.management.base import BaseCommand

from access.audit.history import acting_as, system_user
from records.timeliness.services import KIND_LABELS, run_flag_pass


class Command(BaseCommand):
    help = "Open and close timeliness flags now (the same code as the hourly Celery task)."

    def handle(self, *args, **options):
        with acting_as(system_user()):
            result = run_flag_pass()
        for kind, (opened, closed) in result.items():
            self.stdout.write(f"{KIND_LABELS[kind]}: {opened} opened, {closed} closed")
