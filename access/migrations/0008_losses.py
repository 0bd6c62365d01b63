"""Placeholder slot: operations are filled in by the work that owns it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("access", "0007_password_history")]

    operations = []
