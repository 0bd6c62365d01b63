"""§4, §9, §10: the basic record keeps who recorded each item (name and post title as they were), when, and
the Late entry / Late update marks, which a database trigger keeps for ever.

Items recorded before this keep what is known: the name and the current post title of who recorded
them (the best there is); a household member's recording time stays empty, since it was never kept.
On SQLite (`make run`) adding these columns rebuilds the tables, which drops their protected-table
triggers: they are made again here.
"""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from access.audit import protected
from casework.recording import triggers

MARKED = ("casework_householdmember", "casework_closeperson", "casework_contactarrangement", "casework_placement",
          "casework_legalstatus", "casework_providerarrangement")
REBUILT = MARKED + tuple(table.replace("casework_", "casework_historical") for table in MARKED)
MODELS = ("HouseholdMember", "ClosePerson", "ContactArrangement", "Placement", "LegalStatus", "ProviderArrangement")


def fill_in_authors(apps, schema_editor):
    StaffProfile = apps.get_model("access", "StaffProfile")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    posts = dict(StaffProfile.objects.values_list("user_id", "post_title"))
    for name in MODELS:
        model = apps.get_model("casework", name)
        for user_id in model.objects.exclude(recorded_by=None).order_by().values_list("recorded_by", flat=True).distinct():
            user = User.objects.get(pk=user_id)
            full_name = f"{user.first_name} {user.last_name}".strip() or user.username
            # One UPDATE per author, not per item: it changes nothing simple-history needs to know.
            model.objects.filter(recorded_by_id=user_id, recorded_name="").update(
                recorded_name=full_name, recorded_post_title=posts.get(user_id, ""))


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        protected.drop_triggers(schema_editor, REBUILT)
        protected.create_triggers(schema_editor, REBUILT)
    triggers.create_triggers(schema_editor, MARKED)


def drop_triggers(apps, schema_editor):
    triggers.drop_triggers(schema_editor, MARKED)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0008_child_advocate'),
        ('access', '0010_protected_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name='closeperson',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date of what this records'),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date of what this records'),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='recorded_at',
                field=models.DateTimeField(blank=True, null=True),  # unknown for members recorded before
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='recorded_at',
                field=models.DateTimeField(blank=True, null=True),  # unknown for members recorded before
            ),
            migrations.AddField(
                model_name='householdmember',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='placement',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='placement',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='placement',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='placement',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
                # New members get the time they are recorded; earlier ones stay empty (above).
        migrations.AlterField(
                model_name='householdmember',
                name='recorded_at',
                field=models.DateTimeField(blank=True, default=django.utils.timezone.now, null=True),
            ),
            migrations.AlterField(
                model_name='historicalhouseholdmember',
                name='recorded_at',
                field=models.DateTimeField(blank=True, default=django.utils.timezone.now, null=True),
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(fill_in_authors, migrations.RunPython.noop),
    ]
