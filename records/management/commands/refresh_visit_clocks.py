from django.core.management.base import BaseCommand

from records.statutory_visits.services import refresh_all


class Command(BaseCommand):
    help = ("Work out every open case's next statutory visit again and store what differs (the hourly timeliness "
            "pass does the same first; safe to run at any time, and twice).")

    def handle(self, *args, **options):
        written, removed = refresh_all()
        self.stdout.write(f"Next statutory visits: {written} written, {removed} removed (closed cases)")
