"""Lost or mislaid files, documents and equipment (§15.1, §16); who was told and recovery actions are
append-only in the database too."""

import importlib

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

_base = importlib.import_module("access.migrations.0003_roles_and_append_only")
TABLES = ("access_lossnotification", "access_lossrecoveryaction")


def add(apps, schema_editor):
    _base.add_append_only_triggers(apps, schema_editor, tables=TABLES)


def drop(apps, schema_editor):
    _base.drop_append_only_triggers(apps, schema_editor, tables=TABLES)


class Migration(migrations.Migration):
    dependencies = [("access", "0007_password_history"), ("casework", "0001_initial"),
                    migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='HistoricalLossReport',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('reported_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('kind', models.CharField(choices=[('paper_file', 'Paper file'), ('document', 'Document or papers'), ('laptop', 'Laptop'), ('phone', 'Phone'), ('other', 'Other')], max_length=20)),
                    ('what', models.CharField(help_text='What was lost', max_length=300)),
                    ('lost_on', models.DateField()),
                    ('lost_where', models.CharField(max_length=300)),
                    ('circumstances', models.TextField()),
                    ('family_told', models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No')], max_length=3)),
                    ('family_told_on', models.DateField(blank=True, null=True)),
                    ('family_not_told_reason', models.TextField(blank=True)),
                    ('outcome', models.CharField(blank=True, choices=[('recovered', 'Recovered'), ('not_recovered', 'Not recovered')], max_length=20)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('closing_notes', models.TextField(blank=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('closed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('family_recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('reported_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical loss report',
                    'verbose_name_plural': 'historical loss reports',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='LossReport',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('reported_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('kind', models.CharField(choices=[('paper_file', 'Paper file'), ('document', 'Document or papers'), ('laptop', 'Laptop'), ('phone', 'Phone'), ('other', 'Other')], max_length=20)),
                    ('what', models.CharField(help_text='What was lost', max_length=300)),
                    ('lost_on', models.DateField()),
                    ('lost_where', models.CharField(max_length=300)),
                    ('circumstances', models.TextField()),
                    ('family_told', models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No')], max_length=3)),
                    ('family_told_on', models.DateField(blank=True, null=True)),
                    ('family_not_told_reason', models.TextField(blank=True)),
                    ('outcome', models.CharField(blank=True, choices=[('recovered', 'Recovered'), ('not_recovered', 'Not recovered')], max_length=20)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('closing_notes', models.TextField(blank=True)),
                    ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('family_recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('reported_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='loss_reports', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'ordering': ['-reported_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='LossRecoveryAction',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('taken_on', models.DateField()),
                    ('action', models.TextField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('loss', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='access.lossreport')),
                ],
                options={
                    'ordering': ['taken_on', 'id'],
                },
            ),
            migrations.CreateModel(
                name='LossNotification',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('notified_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('loss', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notifications', to='access.lossreport')),
                ],
            ),
            migrations.CreateModel(
                name='LossAffectedChild',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child')),
                    ('loss', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='affected', to='access.lossreport')),
                ],
            ),
            migrations.CreateModel(
                name='HistoricalLossAffectedChild',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('loss', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.lossreport')),
                ],
                options={
                    'verbose_name': 'historical loss affected child',
                    'verbose_name_plural': 'historical loss affected childs',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddConstraint(
                model_name='lossreport',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('family_told', 'yes'), _negated=True), ('family_told_on__isnull', False), _connector='OR'), name='loss_family_told_has_date'),
            ),
            migrations.AddConstraint(
                model_name='lossreport',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('family_told', 'no'), _negated=True), models.Q(('family_not_told_reason', ''), _negated=True), _connector='OR'), name='loss_family_not_told_has_reason'),
            ),
            migrations.AddConstraint(
                model_name='lossreport',
                constraint=models.CheckConstraint(condition=models.Q(('closed_at__isnull', True), models.Q(('outcome', ''), _negated=True), _connector='OR'), name='loss_closed_has_outcome'),
            ),
            migrations.AddConstraint(
                model_name='lossaffectedchild',
                constraint=models.UniqueConstraint(fields=('loss', 'child'), name='loss_child_once'),
            ),
        ),
        migrations.RunPython(add, drop),
    ]
