"""Placeholder slot: operations are filled in by the work that owns it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = []
