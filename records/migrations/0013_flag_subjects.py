"""Flags may also point at a restriction past its review date (§8), an audit deficiency not put right
in time (§13) and a paper file not returned (§15).

The flag guard is redefined over every subject column. SQLite rebuilds the table for the
constraint changes, which drops its triggers, so they are created again afterwards.
"""

import importlib

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

_previous = importlib.import_module("records.migrations.0011_flag_subject_access_request")

# Everything but closed_at and closed_reason is fixed once a flag is open.
FIXED = ["kind", "child_id", "entry_id", "case_id", "subject_access_request_id", "restriction_id",
         "audit_deficiency_id", "paper_file_removal_id", "owner_id", "due_at", "opened_at"]

PG_GUARD = f"""
CREATE OR REPLACE FUNCTION records_flag_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'flags are never deleted';
    END IF;
    IF OLD.closed_at IS NOT NULL
       OR NEW.closed_at IS NULL
       OR ({", ".join(f"NEW.{c}" for c in FIXED)}) IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in FIXED)}) THEN
        RAISE EXCEPTION 'a flag can only be closed, once';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

SQLITE_RULES = [
    """CREATE TRIGGER records_flag_no_delete BEFORE DELETE ON records_flag
       BEGIN SELECT RAISE(ABORT, 'flags are never deleted'); END;""",
    f"""CREATE TRIGGER records_flag_close_once BEFORE UPDATE ON records_flag
       WHEN OLD.closed_at IS NOT NULL OR NEW.closed_at IS NULL
         OR {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FIXED)}
       BEGIN SELECT RAISE(ABORT, 'a flag can only be closed, once'); END;""",
]


def _apply(schema_editor, pg_guard, sqlite_rules):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(pg_guard, params=None)
    elif vendor == "sqlite":
        _previous._drop_sqlite(schema_editor)
        for statement in sqlite_rules:
            schema_editor.execute(statement, params=None)


def add_rules(apps, schema_editor):
    _apply(schema_editor, PG_GUARD, SQLITE_RULES)


def restore_rules(apps, schema_editor):
    _apply(schema_editor, _previous.PG_GUARD, _previous.SQLITE_RULES)


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0007_password_history'),
        ('casework', '0001_initial'),
        ('records', '0012_chronology'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='AuditDeficiency',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('description', models.TextField(help_text='What is wrong and what putting it right looks like')),
                    ('put_right_by', models.DateField()),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('done_at', models.DateTimeField(blank=True, null=True)),
                    ('done_note', models.TextField(blank=True)),
                    ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ],
            ),
            migrations.CreateModel(
                name='HistoricalAuditDeficiency',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('description', models.TextField(help_text='What is wrong and what putting it right looks like')),
                    ('put_right_by', models.DateField()),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('done_at', models.DateTimeField(blank=True, null=True)),
                    ('done_note', models.TextField(blank=True)),
                    ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical audit deficiency',
                    'verbose_name_plural': 'historical audit deficiencys',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalPaperFileRemoval',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('destination', models.CharField(help_text='Where the file is going', max_length=300)),
                    ('reason', models.TextField(help_text='Why it needs to leave its usual place')),
                    ('security_measures', models.TextField(help_text='How it will be kept secure while away')),
                    ('return_by', models.DateField(help_text='The agreed return date')),
                    ('approved_at', models.DateTimeField(blank=True, null=True)),
                    ('returned_at', models.DateTimeField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical paper file removal',
                    'verbose_name_plural': 'historical paper file removals',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='PaperFileRemoval',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('destination', models.CharField(help_text='Where the file is going', max_length=300)),
                    ('reason', models.TextField(help_text='Why it needs to leave its usual place')),
                    ('security_measures', models.TextField(help_text='How it will be kept secure while away')),
                    ('return_by', models.DateField(help_text='The agreed return date')),
                    ('approved_at', models.DateTimeField(blank=True, null=True)),
                    ('returned_at', models.DateTimeField(blank=True, null=True)),
                ],
            ),
            migrations.RemoveConstraint(
                model_name='flag',
                name='flag_one_open_per_sar',
            ),
            migrations.RemoveConstraint(
                model_name='flag',
                name='flag_has_one_subject',
            ),
            migrations.AddField(
                model_name='flag',
                name='restriction',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='assigned_to',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audit_deficiencies', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audit_deficiencies', to='casework.child'),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='confirmed_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='created_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='entry',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_deficiencies', to='records.entry'),
            ),
            migrations.AddField(
                model_name='flag',
                name='audit_deficiency',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='records.auditdeficiency'),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='assigned_to',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='confirmed_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='created_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='entry',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entry'),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='approved_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='requested_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='returned_recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='approved_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='paper_file_removals', to='casework.child'),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='requested_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='paper_file_removals', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='returned_recorded_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='flag',
                name='paper_file_removal',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='records.paperfileremoval'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True), ('subject_access_request__isnull', False)), fields=('kind', 'subject_access_request'), name='flag_one_open_per_subject_access_request'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True), ('restriction__isnull', False)), fields=('kind', 'restriction'), name='flag_one_open_per_restriction'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('audit_deficiency__isnull', False), ('closed_at__isnull', True)), fields=('kind', 'audit_deficiency'), name='flag_one_open_per_audit_deficiency'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True), ('paper_file_removal__isnull', False)), fields=('kind', 'paper_file_removal'), name='flag_one_open_per_paper_file_removal'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', False), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', False), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', False)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', False), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', False), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', False), ('restriction__isnull', True), ('subject_access_request__isnull', True)), _connector='OR'), name='flag_has_one_subject'),
            ),
            migrations.AddIndex(
                model_name='auditdeficiency',
                index=models.Index(condition=models.Q(('done_at__isnull', True)), fields=['assigned_to'], name='deficiency_open_idx'),
            ),
            migrations.AddIndex(
                model_name='paperfileremoval',
                index=models.Index(condition=models.Q(('returned_at__isnull', True)), fields=['return_by'], name='paper_file_out_idx'),
            ),
        ),
        migrations.RunPython(add_rules, restore_rules),
    ]
