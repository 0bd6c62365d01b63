"""Case transfers to another team with the pre-transfer audit and the receiving team's confirmation (§15.2)."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_plans"), ("access", "0001_initial"),
                    migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='HistoricalPreTransferAudit',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('audited_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('record_up_to_date', models.BooleanField(default=False)),
                    ('summary_written', models.BooleanField(default=False)),
                    ('chronology_up_to_date', models.BooleanField(default=False)),
                    ('restrictions_reviewed', models.BooleanField(default=False)),
                    ('paper_files_located', models.BooleanField(default=False)),
                    ('notes', models.TextField(blank=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('audited_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical pre transfer audit',
                    'verbose_name_plural': 'historical pre transfer audits',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='PreTransferAudit',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('audited_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('record_up_to_date', models.BooleanField(default=False)),
                    ('summary_written', models.BooleanField(default=False)),
                    ('chronology_up_to_date', models.BooleanField(default=False)),
                    ('restrictions_reviewed', models.BooleanField(default=False)),
                    ('paper_files_located', models.BooleanField(default=False)),
                    ('notes', models.TextField(blank=True)),
                    ('audited_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pre_transfer_audits', to='casework.case')),
                ],
                options={
                    'ordering': ['-audited_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalCaseTransfer',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('transfer_date', models.DateField()),
                    ('reason', models.TextField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                    ('confirmation_notes', models.TextField(blank=True)),
                    ('paper_files_location', models.CharField(blank=True, help_text='Where the receiving team keeps the paper files', max_length=300)),
                    ('paper_files_moved_on', models.DateField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('confirmed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('from_team', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.team')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('to_team', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.team')),
                    ('transferred_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('audit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.pretransferaudit')),
                ],
                options={
                    'verbose_name': 'historical case transfer',
                    'verbose_name_plural': 'historical case transfers',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='CaseTransfer',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('transfer_date', models.DateField()),
                    ('reason', models.TextField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                    ('confirmation_notes', models.TextField(blank=True)),
                    ('paper_files_location', models.CharField(blank=True, help_text='Where the receiving team keeps the paper files', max_length=300)),
                    ('paper_files_moved_on', models.DateField(blank=True, null=True)),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transfers', to='casework.case')),
                    ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('from_team', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.team')),
                    ('to_team', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.team')),
                    ('transferred_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('audit', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='transfer', to='casework.pretransferaudit')),
                ],
                options={
                    'ordering': ['-recorded_at', '-id'],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('confirmed_at__isnull', True)), fields=('case',), name='one_transfer_awaiting_confirmation_per_case'), models.CheckConstraint(condition=models.Q(('from_team', models.F('to_team')), _negated=True), name='transfer_to_another_team')],
                },
            ),
        ),
    ]
