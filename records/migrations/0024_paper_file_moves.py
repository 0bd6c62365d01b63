"""§15.2: a paper file volume is sent on a date to a receiving team, and someone there confirms it arrived
(an append-only PaperFileArrival); unconfirmed after five working days it is a flag, so flags may point at a
move. The flag guard is redefined over the new subject column; SQLite rebuilds the flag table for the
constraint changes, so its triggers are created again afterwards."""

import importlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from access.audit import protected

_flags = importlib.import_module("records.migrations.0013_flag_subjects")

# The flag guard covers the new subject column too: fixed once a flag is open.
FIXED = [*_flags.FIXED, "paper_file_move_id"]
PG_GUARD = _flags.PG_GUARD.replace(
    ", ".join(f"NEW.{c}" for c in _flags.FIXED), ", ".join(f"NEW.{c}" for c in FIXED)).replace(
    ", ".join(f"OLD.{c}" for c in _flags.FIXED), ", ".join(f"OLD.{c}" for c in FIXED))
SQLITE_RULES = [_flags.SQLITE_RULES[0], _flags.SQLITE_RULES[1].replace(
    " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _flags.FIXED), " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FIXED))]
ARRIVALS = ["records_paperfilearrival"]  # append-only (access.audit.protected)


def add_rules(apps, schema_editor):
    _flags._apply(schema_editor, PG_GUARD, SQLITE_RULES)
    protected.create_triggers(schema_editor, ARRIVALS)


def restore_rules(apps, schema_editor):
    protected.drop_triggers(schema_editor, ARRIVALS)
    _flags._apply(schema_editor, _flags.PG_GUARD, _flags.SQLITE_RULES)


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0010_protected_tables'),
        ('casework', '0006_protected_tables'),
        ('records', '0023_z_analysis_design_versions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='PaperFileArrival',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('confirmed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ],
            ),
            migrations.RemoveConstraint(
                model_name='flag',
                name='flag_has_one_subject',
            ),
            migrations.AddField(
                model_name='flag',
                name='paper_file_move',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='records.paperfilemove'),
            ),
            migrations.AddField(
                model_name='historicalpaperfilemove',
                name='arrival_due_on',
                field=models.DateField(blank=True, help_text='The last day to confirm the arrival before it is flagged', null=True),
            ),
            migrations.AddField(
                model_name='historicalpaperfilemove',
                name='to_team',
                field=models.ForeignKey(blank=True, db_constraint=False, help_text='The team at the receiving end, who confirm the arrival', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.team'),
            ),
            migrations.AddField(
                model_name='paperfilemove',
                name='arrival_due_on',
                field=models.DateField(blank=True, help_text='The last day to confirm the arrival before it is flagged', null=True),
            ),
            migrations.AddField(
                model_name='paperfilemove',
                name='to_team',
                field=models.ForeignKey(blank=True, help_text='The team at the receiving end, who confirm the arrival', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.team'),
            ),
            migrations.AlterField(
                model_name='historicalpaperfilemove',
                name='moved_on',
                field=models.DateField(help_text='The date the volume was sent'),
            ),
            migrations.AlterField(
                model_name='paperfilemove',
                name='moved_on',
                field=models.DateField(help_text='The date the volume was sent'),
            ),
            migrations.AddIndex(
                model_name='paperfilemove',
                index=models.Index(condition=models.Q(('to_team__isnull', False)), fields=['arrival_due_on'], name='paper_move_to_confirm_idx'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True), ('paper_file_move__isnull', False)), fields=('kind', 'paper_file_move'), name='flag_one_open_per_paper_file_move'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', False), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', False), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', False)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', False), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', False), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', False), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', False), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), _connector='OR'), name='flag_has_one_subject'),
            ),
            migrations.AddField(
                model_name='paperfilearrival',
                name='confirmed_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='paperfilearrival',
                name='move',
                field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='arrival', to='records.paperfilemove'),
            ),
        ),
        migrations.RunPython(add_rules, restore_rules),
    ]
