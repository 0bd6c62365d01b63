"""The banner's alerts are never deleted (ended instead) and their history rows are append-only
(access.audit.protected)."""

from django.db import migrations

from access.audit import protected

TABLES = ("casework_alert", "casework_historicalalert")


def add(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("casework", "0012_i16_banner_alerts")]

    operations = [migrations.RunPython(add, drop)]
