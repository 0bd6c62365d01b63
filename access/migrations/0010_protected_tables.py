"""The access tables of the protected-tables list (access.audit.protected) get their database triggers.

The tables are named here, as they were when this migration was written; their rules and messages
come from the list. Tables already guarded by an earlier trigger are not in it.
"""

from django.db import migrations

from access.audit import protected

TABLES = (
    "access_lossreport",
    "access_historicallossreport",
    "access_lossaffectedchild",
    "access_historicallossaffectedchild",
)


def add(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("access", "0009_audit_action_choices")]

    operations = [migrations.RunPython(add, drop)]
