"""§4, §9, §10: sibling links keep who linked them (name and post title) and the date they record, and are
marked Late entry / Late update like the basic record's items (a database trigger keeps the marks); every
item marked so also keeps who last corrected or updated it, with their post title then, and when.

Links made before this keep what is known: the name and current post title of who linked them; their date
stays empty (it was never asked), so they are never marked late. The new "updated" columns are nullable
and empty on existing rows. On SQLite (`make run`) adding the name columns rebuilds the sibling link tables,
which drops their protected-table triggers: they are made again here.
"""

from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from casework.recording import triggers

MARKED = ("casework_siblinglink",)
REBUILT = MARKED + ("casework_historicalsiblinglink",)


def add_triggers(apps, schema_editor):
    triggers.add_marked_tables(schema_editor, MARKED, REBUILT)


def drop_triggers(apps, schema_editor):
    triggers.drop_triggers(schema_editor, MARKED)


def fill_in_authors(apps, schema_editor):
    triggers.fill_in_authors(apps, apps.get_model("casework", "SiblingLink"), "linked_by")


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0013_i16_banner_alert_protected'),
        ('access', '0010_protected_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name='closeperson',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='event_date',
                field=models.DateField(blank=True, help_text='The day it became known that they are brothers or sisters', null=True, verbose_name='Date of what this records'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='placement',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='placement',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='placement',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='event_date',
                field=models.DateField(blank=True, help_text='The day it became known that they are brothers or sisters', null=True, verbose_name='Date of what this records'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='updated_at',
                field=models.DateTimeField(blank=True, null=True, verbose_name='Corrected or updated at'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='updated_name',
                field=models.CharField(blank=True, max_length=300, null=True, verbose_name='Corrected or updated by'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='updated_post_title',
                field=models.CharField(blank=True, max_length=200, null=True, verbose_name='Their post title then'),
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(fill_in_authors, migrations.RunPython.noop),
    ]
