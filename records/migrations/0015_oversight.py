"""Managers' oversight (§4, §13): audit samples, record audits, deficiencies put right and confirmed,
and the indexes the team dashboard reads."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0014_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='AuditSample',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('drawn_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('period_start', models.DateField()),
                    ('period_end', models.DateField()),
                    ('per_practitioner', models.PositiveSmallIntegerField()),
                    ('seed', models.BigIntegerField()),
                    ('population', models.JSONField(default=dict, help_text='Practitioner id -> the ids of the children whose records could be drawn, ascending')),
                ],
                options={
                    'ordering': ['-drawn_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalAuditSample',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('drawn_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('period_start', models.DateField()),
                    ('period_end', models.DateField()),
                    ('per_practitioner', models.PositiveSmallIntegerField()),
                    ('seed', models.BigIntegerField()),
                    ('population', models.JSONField(default=dict, help_text='Practitioner id -> the ids of the children whose records could be drawn, ascending')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical audit sample',
                    'verbose_name_plural': 'historical audit samples',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalRecordAudit',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('position', models.PositiveSmallIntegerField(help_text='The order of the draw')),
                    ('completed_at', models.DateTimeField(blank=True, null=True)),
                    ('grade', models.CharField(blank=True, choices=[('outstanding', 'Outstanding'), ('good', 'Good'), ('requires_improvement', 'Requires improvement'), ('inadequate', 'Inadequate')], max_length=30)),
                    ('checklist', models.JSONField(blank=True, default=dict, help_text='Checklist item -> {result: met/not_met/not_applicable, comment}')),
                    ('summary', models.TextField(blank=True, verbose_name='Overall comments')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical record audit',
                    'verbose_name_plural': 'historical record audits',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='RecordAudit',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('position', models.PositiveSmallIntegerField(help_text='The order of the draw')),
                    ('completed_at', models.DateTimeField(blank=True, null=True)),
                    ('grade', models.CharField(blank=True, choices=[('outstanding', 'Outstanding'), ('good', 'Good'), ('requires_improvement', 'Requires improvement'), ('inadequate', 'Inadequate')], max_length=30)),
                    ('checklist', models.JSONField(blank=True, default=dict, help_text='Checklist item -> {result: met/not_met/not_applicable, comment}')),
                    ('summary', models.TextField(blank=True, verbose_name='Overall comments')),
                ],
                options={
                    'ordering': ['sample', 'position'],
                },
            ),
            migrations.AlterModelOptions(
                name='auditdeficiency',
                options={'verbose_name_plural': 'audit deficiencies'},
            ),
            migrations.AlterModelOptions(
                name='historicalauditdeficiency',
                options={'get_latest_by': ('history_date', 'history_id'), 'ordering': ('-history_date', '-history_id'), 'verbose_name': 'historical audit deficiency', 'verbose_name_plural': 'historical audit deficiencies'},
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='sent_back_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='sent_back_note',
                field=models.TextField(blank=True),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='sent_back_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='sent_back_note',
                field=models.TextField(blank=True),
            ),
            migrations.AddIndex(
                model_name='entry',
                index=models.Index(condition=models.Q(('status', 'completed')), fields=['recorded_by', 'completed_at'], include=('event_at', 'is_late_entry'), name='entry_author_completed_idx'),
            ),
            migrations.AddIndex(
                model_name='entry',
                index=models.Index(condition=models.Q(('endorsed_at__isnull', True), ('endorsement_requested_at__isnull', False)), fields=['originator'], name='entry_awaiting_endorse_idx'),
            ),
            migrations.AddIndex(
                model_name='entry',
                index=models.Index(condition=models.Q(('kind', 'case_summary'), ('status', 'completed')), fields=['case', '-event_at'], name='entry_case_summary_idx'),
            ),
            migrations.AddField(
                model_name='auditsample',
                name='drawn_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditsample',
                name='team',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audit_samples', to='access.team'),
            ),
            migrations.AddField(
                model_name='historicalauditsample',
                name='drawn_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditsample',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditsample',
                name='team',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.team'),
            ),
            migrations.AddField(
                model_name='historicalrecordaudit',
                name='auditor',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalrecordaudit',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalrecordaudit',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalrecordaudit',
                name='practitioner',
                field=models.ForeignKey(blank=True, db_constraint=False, help_text='Whose records the child was drawn for', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalrecordaudit',
                name='sample',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.auditsample'),
            ),
            migrations.AddField(
                model_name='recordaudit',
                name='auditor',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='recordaudit',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='record_audits', to='casework.child'),
            ),
            migrations.AddField(
                model_name='recordaudit',
                name='practitioner',
                field=models.ForeignKey(help_text='Whose records the child was drawn for', on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='recordaudit',
                name='sample',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audits', to='records.auditsample'),
            ),
            migrations.AddField(
                model_name='auditdeficiency',
                name='audit',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='deficiencies', to='records.recordaudit'),
            ),
            migrations.AddField(
                model_name='historicalauditdeficiency',
                name='audit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.recordaudit'),
            ),
            migrations.AddConstraint(
                model_name='auditdeficiency',
                constraint=models.CheckConstraint(condition=models.Q(('confirmed_at__isnull', True), models.Q(('confirmed_by__isnull', False), ('done_at__isnull', False)), _connector='OR'), name='deficiency_confirmed_after_done'),
            ),
            migrations.AddConstraint(
                model_name='auditsample',
                constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='auditsample_period_in_order'),
            ),
            migrations.AddConstraint(
                model_name='auditsample',
                constraint=models.CheckConstraint(condition=models.Q(('per_practitioner__gte', 1)), name='auditsample_draws_some'),
            ),
            migrations.AddIndex(
                model_name='recordaudit',
                index=models.Index(condition=models.Q(('completed_at__isnull', False)), fields=['completed_at'], name='recordaudit_completed_idx'),
            ),
            migrations.AddConstraint(
                model_name='recordaudit',
                constraint=models.UniqueConstraint(fields=('sample', 'child'), name='recordaudit_child_once_per_sample'),
            ),
            migrations.AddConstraint(
                model_name='recordaudit',
                constraint=models.CheckConstraint(condition=models.Q(('completed_at__isnull', True), models.Q(('auditor__isnull', False), models.Q(('grade', ''), _negated=True)), _connector='OR'), name='recordaudit_completed_has_grade'),
            ),
        ),
    ]
