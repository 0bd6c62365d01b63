"""The disclosure log and emergency access records are append-only in the database too."""

import importlib

from django.db import migrations

_base = importlib.import_module("access.migrations.0003_roles_and_append_only")
TABLES = ("access_disclosure", "access_emergencyaccess")


def add(apps, schema_editor):
    _base.add_append_only_triggers(apps, schema_editor, tables=TABLES)


def drop(apps, schema_editor):
    _base.drop_append_only_triggers(apps, schema_editor, tables=TABLES)


class Migration(migrations.Migration):
    dependencies = [("access", "0005_data_protection")]

    operations = [migrations.RunPython(add, drop)]
