"""Flags may point at a subject access request (near or past its deadline), as well as an entry or a case.

The flag guard of 0008 is redefined to cover the new column. SQLite rebuilds the table for the
constraint changes, which drops its triggers, so they are created again afterwards.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

_rules = importlib.import_module("records.migrations.0008_flag_rules_and_schedule")

PG_GUARD = """
CREATE OR REPLACE FUNCTION records_flag_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'flags are never deleted';
    END IF;
    IF OLD.closed_at IS NOT NULL
       OR NEW.closed_at IS NULL
       OR (NEW.kind, NEW.child_id, NEW.entry_id, NEW.case_id, NEW.subject_access_request_id, NEW.owner_id,
           NEW.due_at, NEW.opened_at)
          IS DISTINCT FROM (OLD.kind, OLD.child_id, OLD.entry_id, OLD.case_id, OLD.subject_access_request_id,
                            OLD.owner_id, OLD.due_at, OLD.opened_at) THEN
        RAISE EXCEPTION 'a flag can only be closed, once';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

SQLITE_RULES = [
    """CREATE TRIGGER records_flag_no_delete BEFORE DELETE ON records_flag
       BEGIN SELECT RAISE(ABORT, 'flags are never deleted'); END;""",
    """CREATE TRIGGER records_flag_close_once BEFORE UPDATE ON records_flag
       WHEN OLD.closed_at IS NOT NULL OR NEW.closed_at IS NULL OR NEW.kind IS NOT OLD.kind
         OR NEW.entry_id IS NOT OLD.entry_id OR NEW.case_id IS NOT OLD.case_id
         OR NEW.subject_access_request_id IS NOT OLD.subject_access_request_id OR NEW.due_at IS NOT OLD.due_at
         OR NEW.opened_at IS NOT OLD.opened_at
       BEGIN SELECT RAISE(ABORT, 'a flag can only be closed, once'); END;""",
]


def _drop_sqlite(schema_editor):
    schema_editor.execute("DROP TRIGGER IF EXISTS records_flag_no_delete;", params=None)
    schema_editor.execute("DROP TRIGGER IF EXISTS records_flag_close_once;", params=None)


def add_rules(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_GUARD, params=None)
    elif vendor == "sqlite":
        _drop_sqlite(schema_editor)
        for statement in SQLITE_RULES:
            schema_editor.execute(statement, params=None)


def restore_rules(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_rules.PG_RULES.split("CREATE TRIGGER")[0], params=None)
    elif vendor == "sqlite":
        _drop_sqlite(schema_editor)
        for statement in _rules.SQLITE_RULES:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0006_append_only_disclosures"),
        ("records", "0010_data_protection"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name="flag",
                name="subject_access_request",
                field=models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="flags",
                    to="access.subjectaccessrequest",
                ),
            ),
            migrations.AlterField(
                model_name="flag",
                name="owner",
                field=models.ForeignKey(
                    blank=True, help_text="Who should do the work: the author of the entry, the allocated worker, or who took the request",
                    null=True, on_delete=django.db.models.deletion.PROTECT, related_name="flags", to=settings.AUTH_USER_MODEL,
                ),
            ),
            migrations.RemoveConstraint(model_name="flag", name="flag_has_one_subject"),
            migrations.AddConstraint(
                model_name="flag",
                constraint=models.UniqueConstraint(
                    condition=models.Q(("closed_at__isnull", True), ("subject_access_request__isnull", False)),
                    fields=("kind", "subject_access_request"), name="flag_one_open_per_sar",
                ),
            ),
            migrations.AddConstraint(
                model_name="flag",
                constraint=models.CheckConstraint(
                    condition=models.Q(
                        models.Q(("case__isnull", True), ("entry__isnull", False), ("subject_access_request__isnull", True)),
                        models.Q(("case__isnull", False), ("entry__isnull", True), ("subject_access_request__isnull", True)),
                        models.Q(("case__isnull", True), ("entry__isnull", True), ("subject_access_request__isnull", False)),
                        _connector="OR",
                    ),
                    name="flag_has_one_subject",
                ),
            ),
        ),
        migrations.RunPython(add_rules, restore_rules),
    ]
