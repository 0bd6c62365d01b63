from django.core.management.base import BaseCommand

from records.form_register.services import record_versions


class Command(BaseCommand):
    help = ("Record a new version, awaiting senior leadership's approval, of each fixed form whose fields "
            "have changed (also done after every migrate).")

    def handle(self, *args, **options):
        recorded = record_versions()
        for version in recorded:
            self.stdout.write(f"{version.form.name}: version {version.version} awaits approval")
        if not recorded:
            self.stdout.write("No form has changed.")
