"""Placeholder slot: operations are filled in by the work that owns it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("records", "0016_paper_files"), ("casework", "0002_basic_record")]

    operations = []
