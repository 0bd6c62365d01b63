"""Issue 17: a looked-after child's statutory reviews (with how the child took part), missing and away from
placement episodes, and unaccompanied asylum-seeking child status (casework.looked_after), for the SSDA903 return.
None is ever deleted (access.audit.protected)."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from access.audit import protected
from access.migration_operations import RenderOnce

PROTECTED_TABLES = tuple(table for name in ("lookedafterreview", "missingepisode", "uascstatus")
                         for table in (f"casework_{name}", f"casework_historical{name}"))


def protect(apps, schema_editor):
    protected.create_triggers(schema_editor, PROTECTED_TABLES)


def unprotect(apps, schema_editor):
    protected.drop_triggers(schema_editor, PROTECTED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0020_merge_i17d_i17e'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='HistoricalLookedAfterReview',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('review_date', models.DateField(verbose_name='Date of the review')),
                    ('participation', models.CharField(max_length=3, verbose_name='How the child took part (DfE code)')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical looked-after review',
                    'verbose_name_plural': 'historical looked-after reviews',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalMissingEpisode',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('kind', models.CharField(max_length=1, verbose_name='Missing or away from placement (DfE code)')),
                    ('start_date', models.DateField(verbose_name='Date it started')),
                    ('end_date', models.DateField(blank=True, null=True, verbose_name='Date it ended')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical missing or away from placement episode',
                    'verbose_name_plural': 'historical missing or away from placement episodes',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalUascStatus',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('is_uasc', models.BooleanField(verbose_name='Is or was the child an unaccompanied asylum-seeking child?')),
                    ('ceased_on', models.DateField(blank=True, null=True, verbose_name='Date the child stopped being an unaccompanied asylum-seeking child')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical unaccompanied asylum-seeking child status',
                    'verbose_name_plural': 'historical unaccompanied asylum-seeking child statuses',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='LookedAfterReview',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('review_date', models.DateField(verbose_name='Date of the review')),
                    ('participation', models.CharField(max_length=3, verbose_name='How the child took part (DfE code)')),
                    ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='looked_after_reviews', to='casework.child')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'looked-after review',
                    'ordering': ['review_date', 'id'],
                    'constraints': [models.UniqueConstraint(fields=('child', 'review_date'), name='lac_review_once_a_day')],
                },
            ),
            migrations.CreateModel(
                name='MissingEpisode',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('kind', models.CharField(max_length=1, verbose_name='Missing or away from placement (DfE code)')),
                    ('start_date', models.DateField(verbose_name='Date it started')),
                    ('end_date', models.DateField(blank=True, null=True, verbose_name='Date it ended')),
                    ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='missing_episodes', to='casework.child')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'missing or away from placement episode',
                    'ordering': ['start_date', 'id'],
                    'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='missing_end_after_start')],
                },
            ),
            migrations.CreateModel(
                name='UascStatus',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('is_uasc', models.BooleanField(verbose_name='Is or was the child an unaccompanied asylum-seeking child?')),
                    ('ceased_on', models.DateField(blank=True, null=True, verbose_name='Date the child stopped being an unaccompanied asylum-seeking child')),
                    ('child', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='uasc_status', to='casework.child')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'unaccompanied asylum-seeking child status',
                    'verbose_name_plural': 'unaccompanied asylum-seeking child statuses',
                    'constraints': [models.CheckConstraint(condition=models.Q(('is_uasc', True), ('ceased_on__isnull', True), _connector='OR'), name='uasc_ceased_only_when_uasc')],
                },
            ),
        ),
        migrations.RunPython(protect, unprotect),
    ]
