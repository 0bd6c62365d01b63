"""§4, §9, §10, §13 (issue 15, follow-up):

- The plan carries the date it was agreed and who started it (name and post title as they were), and is
  marked Late entry / Late update like the plan's outcomes (a database trigger keeps the marks). Plans
  started before this keep the name and current post title of who started them; their date stays empty
  (it was never asked), so they are never marked late.
- Every item marked so keeps who last corrected or updated it, with their post title then, and when
  (nullable columns, empty on existing rows).
- Each amendment of an entry keeps who made it, with their post title then (§9; nullable, empty on older ones).
- A team's audit schedule has an open flag for each month it missed, not one at a time: the unique index
  on open flags is on kind, schedule and month (due time).

On SQLite (`make run`) adding the plan's name columns rebuilds its tables, which drops their protected-table
triggers: they are made again here.
"""

from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from casework.recording import triggers

MARKED = ("casework_plan",)
REBUILT = MARKED + ("casework_historicalplan",)


def add_triggers(apps, schema_editor):
    triggers.add_marked_tables(schema_editor, MARKED, REBUILT)


def drop_triggers(apps, schema_editor):
    triggers.drop_triggers(schema_editor, MARKED)


def fill_in_authors(apps, schema_editor):
    triggers.fill_in_authors(apps, apps.get_model("records", "Plan"), "created_by")


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0021_i16_choices_merged'),
        ('casework', '0014_i15b_late_marks_and_who_updated'),
        ('records', '0028_i16_visits_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.RemoveConstraint(
                model_name='flag',
                name='flag_one_open_per_audit_schedule',
            ),
            migrations.AddField(
                model_name='chronologyevent',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='chronologyevent',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='chronologyevent',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='document',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='document',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='document',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date the plan was agreed'),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalplan',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='keytask',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='keytask',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='keytask',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='plan',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date the plan was agreed'),
            ),
            migrations.AddField(
                model_name='plan',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='plan',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='plan',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='plan',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='plan',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='plan',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='plan',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.UniqueConstraint(condition=models.Q(('audit_schedule__isnull', False), ('closed_at__isnull', True)), fields=('kind', 'audit_schedule', 'due_at'), name='flag_one_open_per_audit_schedule_and_month'),
            ),
            migrations.AddField(
                model_name='entryamendment',
                name='amended_name',
                field=models.CharField(blank=True, max_length=300, null=True),
            ),
            migrations.AddField(
                model_name='entryamendment',
                name='amended_post_title',
                field=models.CharField(blank=True, max_length=200, null=True),
            ),
            migrations.AddField(
                model_name='historicalentryamendment',
                name='amended_name',
                field=models.CharField(blank=True, max_length=300, null=True),
            ),
            migrations.AddField(
                model_name='historicalentryamendment',
                name='amended_post_title',
                field=models.CharField(blank=True, max_length=200, null=True),
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(fill_in_authors, migrations.RunPython.noop),
    ]
