"""The records tables of the protected-tables list (access.audit.protected) get their database triggers.

The tables are named here, as they were when this migration was written; their rules and messages
come from the list. Tables already guarded by an earlier trigger are not in it.
"""

from django.db import migrations

from access.audit import protected

TABLES = (
    "records_historicalformdesign",
    "records_historicalentry",
    "records_entryamendment",
    "records_historicalentryamendment",
    "records_chronologyevent",
    "records_historicalchronologyevent",
    "records_auditsample",
    "records_historicalauditsample",
    "records_recordaudit",
    "records_historicalrecordaudit",
    "records_auditdeficiency",
    "records_historicalauditdeficiency",
    "records_document",
    "records_historicaldocument",
    "records_courtorder",
    "records_historicalcourtorder",
    "records_courtreport",
    "records_historicalcourtreport",
    "records_educationrecord",
    "records_historicaleducationrecord",
    "records_healthrecord",
    "records_historicalhealthrecord",
    "records_paperfilevolume",
    "records_historicalpaperfilevolume",
    "records_paperfilemove",
    "records_historicalpaperfilemove",
    "records_paperfileremoval",
    "records_historicalpaperfileremoval",
)


def add(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("records", "0018_plans_from_casework")]

    operations = [migrations.RunPython(add, drop)]
