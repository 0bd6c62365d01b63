"""§12: five kinds of answer instead of two, and first-hand or third-party per section of an entry.

1. Each form question says which kind of answer it takes: fact, opinion, assessment, judgement or
   decision (`answer_kind`), instead of the yes/no `is_analysis`. Every existing question, approved
   ones included, keeps its meaning: a question that was not analysis is a fact; one that was is an
   opinion, except where the question is itself an assessment (`ANALYSIS_KINDS`). New kinds for
   existing questions come only with new design versions, which senior leadership approves (0023_z).

   The questions of approved and retired designs never change (records 0003's trigger). This is a
   system upgrade of what was already there, not an edit by a user, so the trigger is switched off
   for this one UPDATE, inside this migration's transaction, and switched on again: on PostgreSQL
   ALTER TABLE ... DISABLE TRIGGER holds an exclusive lock on the table until the migration commits,
   so no other write can pass while it is off. On SQLite the question triggers are dropped and made
   again from records 0003's own statements.

2. An entry says, per section, whether it is first-hand or third-party and who supplied it
   (`Entry.section_sources`); an amendment keeps the earlier values (`previous_section_sources`).

The new columns are added with ALTER TABLE ... ADD COLUMN ... DEFAULT on both databases: Django's
SQLite schema editor would rebuild these tables for a NOT NULL column with a default, and a rebuilt
table loses its triggers (records 0003, 0006, 0019).
"""

import importlib

from django.db import migrations, models
from access.migration_operations import RenderOnce

_rules = importlib.import_module("records.migrations.0003_design_rules_in_the_database")

# (design kind, question key) -> the kind of answer of a question that was marked as analysis.
# Not listed: an opinion (the first designs' help texts say "This is your opinion").
ANALYSIS_KINDS = {
    ("single_assessment", "analysis"): "assessment",
    ("review", "progress"): "assessment",
}


def answer_kind_of(design_kind: str, key: str, is_analysis: bool) -> str:
    if not is_analysis:
        return "fact"
    return ANALYSIS_KINDS.get((design_kind, key), "opinion")


COLUMNS = (
    # table, column, PostgreSQL type, SQLite type, default
    ("records_formquestion", "answer_kind", "varchar(20)", "varchar(20)", "'fact'"),
    ("records_historicalformquestion", "answer_kind", "varchar(20)", "varchar(20)", "'fact'"),
    ("records_entry", "section_sources", "jsonb", 'text CHECK (JSON_VALID("section_sources"))', "'{}'"),
    ("records_historicalentry", "section_sources", "jsonb", 'text CHECK (JSON_VALID("section_sources"))', "'{}'"),
    ("records_entryamendment", "previous_section_sources", "jsonb",
     'text CHECK (JSON_VALID("previous_section_sources"))', "'{}'"),
    ("records_historicalentryamendment", "previous_section_sources", "jsonb",
     'text CHECK (JSON_VALID("previous_section_sources"))', "'{}'"),
)


def add_columns(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table, column, pg_type, sqlite_type, default in COLUMNS:
        column_type = pg_type if postgresql else sqlite_type
        schema_editor.execute(
            f'ALTER TABLE {table} ADD COLUMN "{column}" {column_type} DEFAULT {default} NOT NULL', params=None
        )


def drop_columns(apps, schema_editor):
    for table, column, *_ in COLUMNS:
        schema_editor.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"', params=None)


QUESTION_TRIGGERS_SQLITE = (
    "records_formquestion_insert_guard", "records_formquestion_update_guard", "records_formquestion_delete_guard",
)


def _with_question_guard_off(apps, schema_editor, change):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE records_formquestion DISABLE TRIGGER records_formquestion_guard")
        change()
        schema_editor.execute("ALTER TABLE records_formquestion ENABLE TRIGGER records_formquestion_guard")
    elif vendor == "sqlite":
        for name in QUESTION_TRIGGERS_SQLITE:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        change()
        for statement in _rules._sqlite(apps):
            if any(f"TRIGGER {name} " in statement for name in QUESTION_TRIGGERS_SQLITE):
                schema_editor.execute(statement, params=None)
    else:
        raise NotImplementedError(f"No form design triggers for {vendor}.")


def derive_answer_kinds(apps, schema_editor):
    FormQuestion = apps.get_model("records", "FormQuestion")
    HistoricalFormQuestion = apps.get_model("records", "HistoricalFormQuestion")
    FormDesign = apps.get_model("records", "FormDesign")
    design_kinds = dict(FormDesign.objects.values_list("pk", "kind"))

    def change():
        for model in (FormQuestion, HistoricalFormQuestion):
            for pk, design_id, key in model.objects.filter(is_analysis=True).values_list("pk", "design_id", "key"):
                kind = answer_kind_of(design_kinds.get(design_id, ""), key, True)
                model.objects.filter(pk=pk).update(answer_kind=kind)  # no save(): this is the system's upgrade

    _with_question_guard_off(apps, schema_editor, change)


def restore_is_analysis(apps, schema_editor):
    FormQuestion = apps.get_model("records", "FormQuestion")
    HistoricalFormQuestion = apps.get_model("records", "HistoricalFormQuestion")

    def change():
        for model in (FormQuestion, HistoricalFormQuestion):
            model.objects.exclude(answer_kind="fact").update(is_analysis=True)

    _with_question_guard_off(apps, schema_editor, change)


ANSWER_KIND = models.CharField(
    "Kind of answer", max_length=20, default="fact",
    choices=[("fact", "Fact"), ("opinion", "Opinion"), ("assessment", "Assessment"), ("judgement", "Judgement"),
             ("decision", "Decision")],
    help_text="Whether the answer is a fact, or an opinion, assessment, judgement or decision. "
              "Answers are shown under these headings, kept apart.",
)


class Migration(migrations.Migration):
    dependencies = [("records", "0022_recorded_dates")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                RenderOnce(
                    migrations.AddField("formquestion", "answer_kind", ANSWER_KIND),
                    migrations.AddField("historicalformquestion", "answer_kind", ANSWER_KIND),
                    migrations.AddField("entry", "section_sources", models.JSONField(blank=True, default=dict)),
                    migrations.AddField("historicalentry", "section_sources", models.JSONField(blank=True, default=dict)),
                    migrations.AddField("entryamendment", "previous_section_sources",
                                        models.JSONField(blank=True, default=dict)),
                    migrations.AddField("historicalentryamendment", "previous_section_sources",
                                        models.JSONField(blank=True, default=dict)),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
        migrations.RunPython(derive_answer_kinds, restore_is_analysis),
        RenderOnce(
            migrations.RemoveField("formquestion", "is_analysis"),
            migrations.RemoveField("historicalformquestion", "is_analysis"),
        ),
    ]
