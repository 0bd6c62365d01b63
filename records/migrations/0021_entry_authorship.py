"""§4, §9: who carried out a visit, and an originator who is not staff (named, with their agency);
§5.2: "Was an interpreter used?" becomes yes / no / not needed (True -> yes, False -> no, unanswered -> "");
§6: whether the child's advocate or signer was present.

The interpreter column changes type in place: on PostgreSQL by ALTER ... USING, which rewrites the
column without firing the row triggers that keep history rows append-only. SQLite (`make run`)
rebuilds the tables instead, which drops their triggers: they are created again at the end.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from access.audit import protected

PRESENCE = [("yes", "Yes"), ("no", "No"), ("not_needed", "Not needed")]
TABLES = ("records_entry", "records_historicalentry")


def interpreter_sql(table: str) -> str:
    """PostgreSQL: the yes/no column becomes yes / no / "" (unanswered) in one rewrite."""
    return f"""ALTER TABLE {table} ALTER COLUMN interpreter_used TYPE varchar(20) USING
               (CASE WHEN interpreter_used THEN 'yes' WHEN NOT interpreter_used THEN 'no' ELSE '' END),
               ALTER COLUMN interpreter_used SET NOT NULL"""


def _convert_interpreter(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(interpreter_sql(table), params=None)
        return
    # SQLite: rebuild to text (the rebuild drops the triggers, so the rows may be rewritten), then map.
    for name in ("Entry", "HistoricalEntry"):
        model = apps.get_model("records", name)
        old = model._meta.get_field("interpreter_used")
        interim = models.CharField(max_length=20, null=True)
        interim.set_attributes_from_name("interpreter_used")
        interim.model = model
        schema_editor.alter_field(model, old, interim)
        table = model._meta.db_table
        schema_editor.execute(
            f"""UPDATE {table} SET interpreter_used = CASE WHEN interpreter_used IN ('1', 'true', 'True') THEN 'yes'
                WHEN interpreter_used IN ('0', 'false', 'False') THEN 'no' ELSE '' END""", params=None)
        final = models.CharField(max_length=20, choices=PRESENCE, blank=True)
        final.set_attributes_from_name("interpreter_used")
        final.model = model
        schema_editor.alter_field(model, interim, final)


def _interpreter_back(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        raise NotImplementedError("Going back is written for PostgreSQL only.")
    for table in TABLES:
        schema_editor.execute(
            f"""ALTER TABLE {table} ALTER COLUMN interpreter_used DROP NOT NULL,
                ALTER COLUMN interpreter_used TYPE boolean USING
                (CASE interpreter_used WHEN 'yes' THEN true WHEN 'no' THEN false ELSE NULL END)""", params=None)


INTERPRETER = [
    migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.AlterField(model_name=name, name="interpreter_used",
                                  field=models.CharField(blank=True, choices=PRESENCE, max_length=20))
            for name in ("entry", "historicalentry")
        ],
        database_operations=[migrations.RunPython(_convert_interpreter, _interpreter_back)],
    ),
]


def sqlite_triggers_again(apps, schema_editor):
    """SQLite only: the table rebuilds dropped the entry triggers of records 0003 and 0006 and 0019's."""
    if schema_editor.connection.vendor != "sqlite":
        return
    designs = importlib.import_module("records.migrations.0003_design_rules_in_the_database")
    rules = importlib.import_module("records.migrations.0006_guidance_lists_and_entry_rules")
    statements = [sql for sql in designs._sqlite(apps) if "ON records_entry" in sql] + list(rules.SQLITE_RULES)
    for sql in statements:
        name = sql.split("CREATE TRIGGER", 1)[1].split()[0]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
        schema_editor.execute(sql, params=None)
    protected.drop_triggers(schema_editor, ["records_historicalentry"])
    protected.create_triggers(schema_editor, ["records_historicalentry"])


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0020_timescales"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *INTERPRETER,
        RenderOnce(
            migrations.AddField(
                model_name='entry',
                name='advocate_present',
                field=models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('not_needed', 'Not needed')], max_length=20),
            ),
            migrations.AddField(
                model_name='entry',
                name='carried_out_by',
                field=models.ForeignKey(blank=True, help_text='The member of staff who carried out the visit, when not the person recording', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='entry',
                name='originator_agency',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='entry',
                name='originator_name',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalentry',
                name='advocate_present',
                field=models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('not_needed', 'Not needed')], max_length=20),
            ),
            migrations.AddField(
                model_name='historicalentry',
                name='carried_out_by',
                field=models.ForeignKey(blank=True, db_constraint=False, help_text='The member of staff who carried out the visit, when not the person recording', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalentry',
                name='originator_agency',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalentry',
                name='originator_name',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddConstraint(
                model_name='entry',
                constraint=models.CheckConstraint(condition=models.Q(('originator__isnull', True), ('originator_name', ''), _connector='OR'), name='entry_one_originator'),
            ),
            migrations.AddConstraint(
                model_name='entry',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('originator_agency', ''), ('originator_name', '')), models.Q(models.Q(('originator_name', ''), _negated=True), models.Q(('originator_agency', ''), _negated=True)), _connector='OR'), name='entry_originator_name_has_agency'),
            ),
        ),
        migrations.RunPython(sqlite_triggers_again, migrations.RunPython.noop),
    ]
