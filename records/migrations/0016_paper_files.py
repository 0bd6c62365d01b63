"""Paper file volumes, their moves, and removals approved or refused (§1, §15)."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


class Migration(migrations.Migration):
    dependencies = [("records", "0015_oversight"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RenderOnce(
            migrations.AlterModelOptions(
                name='paperfileremoval',
                options={'ordering': ['-requested_at', '-id']},
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='refusal_reason',
                field=models.TextField(blank=True),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='refused_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalpaperfileremoval',
                name='refused_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='refusal_reason',
                field=models.TextField(blank=True),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='refused_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='refused_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.CreateModel(
                name='HistoricalPaperFileVolume',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('number', models.PositiveIntegerField()),
                    ('covers_from', models.DateField()),
                    ('covers_to', models.DateField(blank=True, help_text='Empty while the volume is still in use', null=True)),
                    ('usual_location', models.CharField(help_text='Where the volume is normally kept', max_length=300)),
                    ('notes', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical paper file volume',
                    'verbose_name_plural': 'historical paper file volumes',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='PaperFileVolume',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveIntegerField()),
                    ('covers_from', models.DateField()),
                    ('covers_to', models.DateField(blank=True, help_text='Empty while the volume is still in use', null=True)),
                    ('usual_location', models.CharField(help_text='Where the volume is normally kept', max_length=300)),
                    ('notes', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='paper_volumes', to='casework.child')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'ordering': ['number'],
                },
            ),
            migrations.CreateModel(
                name='PaperFileMove',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('moved_on', models.DateField()),
                    ('from_location', models.CharField(max_length=300)),
                    ('to_location', models.CharField(max_length=300)),
                    ('reason', models.CharField(blank=True, max_length=300)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('volume', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='moves', to='records.paperfilevolume')),
                ],
                options={
                    'ordering': ['-moved_on', '-id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalPaperFileMove',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('moved_on', models.DateField()),
                    ('from_location', models.CharField(max_length=300)),
                    ('to_location', models.CharField(max_length=300)),
                    ('reason', models.CharField(blank=True, max_length=300)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('volume', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.paperfilevolume')),
                ],
                options={
                    'verbose_name': 'historical paper file move',
                    'verbose_name_plural': 'historical paper file moves',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddField(
                model_name='paperfileremoval',
                name='volumes',
                field=models.ManyToManyField(related_name='removals', to='records.paperfilevolume'),
            ),
            migrations.AddConstraint(
                model_name='paperfileremoval',
                constraint=models.CheckConstraint(condition=models.Q(('approved_at__isnull', True), ('refused_at__isnull', True), _connector='OR'), name='paper_removal_not_approved_and_refused'),
            ),
            migrations.AddConstraint(
                model_name='paperfileremoval',
                constraint=models.CheckConstraint(condition=models.Q(('refused_at__isnull', True), models.Q(('refusal_reason', ''), _negated=True), _connector='OR'), name='paper_removal_refused_with_reason'),
            ),
            migrations.AddConstraint(
                model_name='paperfileremoval',
                constraint=models.CheckConstraint(condition=models.Q(('returned_at__isnull', True), ('approved_at__isnull', False), _connector='OR'), name='paper_removal_returned_only_if_approved'),
            ),
            migrations.AddConstraint(
                model_name='paperfilevolume',
                constraint=models.UniqueConstraint(fields=('child', 'number'), name='paper_volume_number_unique'),
            ),
            migrations.AddConstraint(
                model_name='paperfilevolume',
                constraint=models.CheckConstraint(condition=models.Q(('covers_to__isnull', True), ('covers_to__gte', models.F('covers_from')), _connector='OR'), name='paper_volume_dates_in_order'),
            ),
        ),
    ]
