"""The casework tables of the protected-tables list (access.audit.protected) get their database triggers.

The tables are named here, as they were when this migration was written; their rules and messages
come from the list. Tables already guarded by an earlier trigger are not in it.
"""

from django.db import migrations

from access.audit import protected

TABLES = (
    "casework_householdmember",
    "casework_historicalhouseholdmember",
    "casework_closeperson",
    "casework_historicalcloseperson",
    "casework_contactarrangement",
    "casework_historicalcontactarrangement",
    "casework_placement",
    "casework_historicalplacement",
    "casework_legalstatus",
    "casework_historicallegalstatus",
    "casework_providerarrangement",
    "casework_historicalproviderarrangement",
    "casework_siblinglink",
    "casework_historicalsiblinglink",
    "casework_plan",
    "casework_historicalplan",
    "casework_planoutcome",
    "casework_historicalplanoutcome",
    "casework_outcomechange",
    "casework_historicaloutcomechange",
    "casework_keytask",
    "casework_historicalkeytask",
    "casework_interventionoutcome",
    "casework_historicalinterventionoutcome",
    "casework_pretransferaudit",
    "casework_historicalpretransferaudit",
    "casework_casetransfer",
    "casework_historicalcasetransfer",
)


def add(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("casework", "0005_plans_to_records")]

    operations = [migrations.RunPython(add, drop)]
