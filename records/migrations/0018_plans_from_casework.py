"""Plans come to the records app from casework (casework 0005): a change of Django's state only.

The models keep the tables casework made (db_table, and table_name for their history), so nothing
in the database changes. Existing content types are renamed, so permissions keep pointing at them.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


MOVED = ["plan", "planoutcome", "outcomechange", "keytask", "interventionoutcome",
         "historicalplan", "historicalplanoutcome", "historicaloutcomechange", "historicalkeytask",
         "historicalinterventionoutcome"]


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, "casework", "records")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "records", "casework")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('casework', '0005_plans_to_records'),
        ('records', '0017_household_change'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        RenderOnce(
            migrations.CreateModel(
                name='HistoricalPlan',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('purpose', models.TextField(blank=True, help_text='What the plan as a whole is for')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical plan',
                    'verbose_name_plural': 'historical plans',
                    'db_table': 'casework_historicalplan',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Plan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('purpose', models.TextField(blank=True, help_text='What the plan as a whole is for')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='plan', to='casework.case')),
                    ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans', to='casework.child')),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'casework_plan',
                },
            ),
            migrations.CreateModel(
                name='HistoricalPlanOutcome',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('recommendation', 'Recommendation'), ('outcome', 'Intended outcome')], default='outcome', max_length=20)),
                    ('text', models.TextField()),
                    ('status', models.CharField(choices=[('current', 'Being worked on'), ('achieved', 'Achieved'), ('ended', 'Ended')], default='current', max_length=20)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('from_review', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entry')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.plan')),
                ],
                options={
                    'verbose_name': 'historical plan outcome',
                    'verbose_name_plural': 'historical plan outcomes',
                    'db_table': 'casework_historicalplanoutcome',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='PlanOutcome',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('recommendation', 'Recommendation'), ('outcome', 'Intended outcome')], default='outcome', max_length=20)),
                    ('text', models.TextField()),
                    ('status', models.CharField(choices=[('current', 'Being worked on'), ('achieved', 'Achieved'), ('ended', 'Ended')], default='current', max_length=20)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('from_review', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='plan_outcomes_added', to='records.entry')),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='outcomes', to='records.plan')),
                ],
                options={
                    'db_table': 'casework_planoutcome',
                    'ordering': ['created_at', 'id'],
                },
            ),
            migrations.CreateModel(
                name='OutcomeChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('action', models.CharField(choices=[('added', 'Added'), ('confirmed', 'Confirmed'), ('changed', 'Changed'), ('achieved', 'Achieved'), ('ended', 'Ended')], max_length=20)),
                    ('previous_text', models.TextField(blank=True)),
                    ('reason', models.TextField(blank=True)),
                    ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('changed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('review', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='plan_outcome_changes', to='records.entry')),
                    ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='records.planoutcome')),
                ],
                options={
                    'db_table': 'casework_outcomechange',
                    'ordering': ['changed_at', 'id'],
                },
            ),
            migrations.CreateModel(
                name='KeyTask',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('description', models.TextField()),
                    ('assigned_to_other', models.CharField(blank=True, help_text='When not a member of staff', max_length=300, verbose_name='Named person or agency')),
                    ('due_on', models.DateField()),
                    ('completed_on', models.DateField(blank=True, null=True)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('assigned_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='key_tasks', to=settings.AUTH_USER_MODEL)),
                    ('completed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='records.planoutcome')),
                ],
                options={
                    'db_table': 'casework_keytask',
                    'ordering': ['due_on', 'id'],
                },
            ),
            migrations.CreateModel(
                name='InterventionOutcome',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('linked_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('removed_at', models.DateTimeField(blank=True, null=True)),
                    ('added_by_amendment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='records.entryamendment')),
                    ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='outcome_links', to='records.entry')),
                    ('linked_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('removed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('removed_by_amendment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='records.entryamendment')),
                    ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interventions', to='records.planoutcome')),
                ],
                options={
                    'db_table': 'casework_interventionoutcome',
                    'ordering': ['linked_at', 'id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalOutcomeChange',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('action', models.CharField(choices=[('added', 'Added'), ('confirmed', 'Confirmed'), ('changed', 'Changed'), ('achieved', 'Achieved'), ('ended', 'Ended')], max_length=20)),
                    ('previous_text', models.TextField(blank=True)),
                    ('reason', models.TextField(blank=True)),
                    ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('changed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('review', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entry')),
                    ('outcome', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.planoutcome')),
                ],
                options={
                    'verbose_name': 'historical outcome change',
                    'verbose_name_plural': 'historical outcome changes',
                    'db_table': 'casework_historicaloutcomechange',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalKeyTask',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('description', models.TextField()),
                    ('assigned_to_other', models.CharField(blank=True, help_text='When not a member of staff', max_length=300, verbose_name='Named person or agency')),
                    ('due_on', models.DateField()),
                    ('completed_on', models.DateField(blank=True, null=True)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('assigned_to', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('completed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('outcome', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.planoutcome')),
                ],
                options={
                    'verbose_name': 'historical key task',
                    'verbose_name_plural': 'historical key tasks',
                    'db_table': 'casework_historicalkeytask',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalInterventionOutcome',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('linked_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('removed_at', models.DateTimeField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('added_by_amendment', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entryamendment')),
                    ('entry', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entry')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('linked_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('removed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('removed_by_amendment', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.entryamendment')),
                    ('outcome', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.planoutcome')),
                ],
                options={
                    'verbose_name': 'historical intervention outcome',
                    'verbose_name_plural': 'historical intervention outcomes',
                    'db_table': 'casework_historicalinterventionoutcome',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddConstraint(
                model_name='planoutcome',
                constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='plan_outcome_has_text'),
            ),
            migrations.AddConstraint(
                model_name='planoutcome',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('status', 'current')), models.Q(models.Q(('status', 'current'), _negated=True), ('closed_at__isnull', False)), _connector='OR'), name='plan_outcome_closed_has_time'),
            ),
            migrations.AddConstraint(
                model_name='keytask',
                constraint=models.CheckConstraint(condition=models.Q(('description', ''), _negated=True), name='key_task_has_description'),
            ),
            migrations.AddConstraint(
                model_name='keytask',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('assigned_to__isnull', False), ('assigned_to_other', '')), models.Q(('assigned_to__isnull', True), models.Q(('assigned_to_other', ''), _negated=True)), _connector='OR'), name='key_task_has_one_assignee'),
            ),
            migrations.AddConstraint(
                model_name='keytask',
                constraint=models.CheckConstraint(condition=models.Q(('completed_on__isnull', True), ('completed_by__isnull', False), _connector='OR'), name='key_task_done_has_who'),
            ),
            migrations.AddIndex(
                model_name='interventionoutcome',
                index=models.Index(condition=models.Q(('removed_at__isnull', True)), fields=['outcome'], name='intervention_outcome_idx'),
            ),
            migrations.AddConstraint(
                model_name='interventionoutcome',
                constraint=models.UniqueConstraint(condition=models.Q(('removed_at__isnull', True)), fields=('entry', 'outcome'), name='intervention_outcome_once'),
            ),
            migrations.AddConstraint(
                model_name='interventionoutcome',
                constraint=models.CheckConstraint(condition=models.Q(('removed_at__isnull', True), ('removed_by__isnull', False), _connector='OR'), name='intervention_outcome_removed_has_who'),
            ),
        ),
    ], database_operations=[]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
