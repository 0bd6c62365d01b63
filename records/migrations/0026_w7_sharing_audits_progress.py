"""§7: what each disclosure shared; §13: audit schedules, delegated audits and the team flag (a flag may
have no child when its subject is a team's schedule); §5.5: progress against each outcome in a case summary.
The new never-deleted and append-only tables get their database triggers (access.audit.protected)."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from access.audit import protected

TABLES = (
    "records_discloseditem",
    "records_auditschedule", "records_historicalauditschedule",
    "records_auditdelegation", "records_historicalauditdelegation",
    "records_outcomeprogress", "records_historicaloutcomeprogress",
)


def add_triggers(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop_triggers(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0017_w7'),
        ('casework', '0006_protected_tables'),
        ('records', '0026_w7_phrases_to_avoid'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='AuditDelegation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('starts_on', models.DateField()),
                    ('ends_on', models.DateField()),
                    ('delegated_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('ended_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'ordering': ['-starts_on', '-id'],
                },
            ),
            migrations.CreateModel(
                name='AuditSchedule',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('records_per_month', models.PositiveSmallIntegerField(help_text='How many records to audit each month')),
                    ('starts_on', models.DateField(help_text='The first month of the schedule (its first day)')),
                ],
            ),
            migrations.CreateModel(
                name='DisclosedItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('was_restricted', models.BooleanField(default=False)),
                    ('restricted_reason', models.TextField(blank=True)),
                ],
                options={
                    'ordering': ['disclosure', 'id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalAuditDelegation',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('starts_on', models.DateField()),
                    ('ends_on', models.DateField()),
                    ('delegated_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('ended_at', models.DateTimeField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical audit delegation',
                    'verbose_name_plural': 'historical audit delegations',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalAuditSchedule',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('records_per_month', models.PositiveSmallIntegerField(help_text='How many records to audit each month')),
                    ('starts_on', models.DateField(help_text='The first month of the schedule (its first day)')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical audit schedule',
                    'verbose_name_plural': 'historical audit schedules',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalOutcomeProgress',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('progress', models.TextField()),
                    ('written_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical outcome progress',
                    'verbose_name_plural': 'historical outcome progresss',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='OutcomeProgress',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('progress', models.TextField()),
                    ('written_at', models.DateTimeField(default=django.utils.timezone.now)),
                ],
                options={
                    'ordering': ['outcome_id', 'id'],
                },
            ),
            migrations.RemoveConstraint(
                model_name='flag',
                name='flag_has_one_subject',
            ),
            migrations.AlterField(
                model_name='flag',
                name='child',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='casework.child'),
            ),
            migrations.AddField(
                model_name='auditdelegation',
                name='delegate',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audit_delegations', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditdelegation',
                name='delegated_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditdelegation',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='auditdelegation',
                name='team',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audit_delegations', to='access.team'),
            ),
            migrations.AddField(
                model_name='auditschedule',
                name='team',
                field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='audit_schedule', to='access.team'),
            ),
            migrations.AddField(
                model_name='flag',
                name='audit_schedule',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='records.auditschedule'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('audit_schedule__isnull', False), ('closed_at__isnull', True)), fields=('kind', 'audit_schedule'), name='flag_one_open_per_audit_schedule'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', False), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', False), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', False)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', False), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', False), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', False), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', False), ('case__isnull', True), ('entry__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), _connector='OR'), name='flag_has_one_subject'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.CheckConstraint(condition=models.Q(('child__isnull', False), ('audit_schedule__isnull', False), _connector='OR'), name='flag_child_unless_team'),
            ),
            migrations.AddField(
                model_name='discloseditem',
                name='disclosure',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='items', to='access.disclosure'),
            ),
            migrations.AddField(
                model_name='discloseditem',
                name='document',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='records.document'),
            ),
            migrations.AddField(
                model_name='discloseditem',
                name='entry',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='records.entry'),
            ),
            migrations.AddField(
                model_name='historicalauditdelegation',
                name='delegate',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdelegation',
                name='delegated_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdelegation',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdelegation',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditdelegation',
                name='team',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.team'),
            ),
            migrations.AddField(
                model_name='historicalauditschedule',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalauditschedule',
                name='team',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.team'),
            ),
            migrations.AddField(
                model_name='historicaloutcomeprogress',
                name='entry',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entry'),
            ),
            migrations.AddField(
                model_name='historicaloutcomeprogress',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicaloutcomeprogress',
                name='outcome',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.planoutcome'),
            ),
            migrations.AddField(
                model_name='historicaloutcomeprogress',
                name='written_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='outcomeprogress',
                name='entry',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='outcome_progress', to='records.entry'),
            ),
            migrations.AddField(
                model_name='outcomeprogress',
                name='outcome',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='progress_notes', to='records.planoutcome'),
            ),
            migrations.AddField(
                model_name='outcomeprogress',
                name='written_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddConstraint(
                model_name='auditdelegation',
                constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='auditdelegation_period_in_order'),
            ),
            migrations.AddConstraint(
                model_name='auditdelegation',
                constraint=models.CheckConstraint(condition=models.Q(('ended_at__isnull', True), ('ended_by__isnull', False), _connector='OR'), name='auditdelegation_ended_has_who'),
            ),
            migrations.AddConstraint(
                model_name='auditschedule',
                constraint=models.CheckConstraint(condition=models.Q(('records_per_month__gte', 1)), name='auditschedule_some_records'),
            ),
            migrations.AddConstraint(
                model_name='auditschedule',
                constraint=models.CheckConstraint(condition=models.Q(('starts_on__day', 1)), name='auditschedule_starts_on_first'),
            ),
            migrations.AddConstraint(
                model_name='discloseditem',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('document__isnull', True), ('entry__isnull', False)), models.Q(('document__isnull', False), ('entry__isnull', True)), _connector='OR'), name='discloseditem_entry_or_document'),
            ),
            migrations.AddConstraint(
                model_name='discloseditem',
                constraint=models.CheckConstraint(condition=models.Q(('was_restricted', False), models.Q(('restricted_reason', ''), _negated=True), _connector='OR'), name='discloseditem_restricted_has_reason'),
            ),
            migrations.AddConstraint(
                model_name='discloseditem',
                constraint=models.UniqueConstraint(fields=('disclosure', 'entry'), name='discloseditem_entry_once'),
            ),
            migrations.AddConstraint(
                model_name='discloseditem',
                constraint=models.UniqueConstraint(fields=('disclosure', 'document'), name='discloseditem_document_once'),
            ),
            migrations.AddConstraint(
                model_name='outcomeprogress',
                constraint=models.UniqueConstraint(fields=('entry', 'outcome'), name='outcomeprogress_once_per_summary'),
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
