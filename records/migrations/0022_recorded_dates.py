"""§4, §9, §10: documents, the structured sections of the basic record, chronology events and plan changes keep
who recorded them (name and post title as they were), and the Late entry / Late update marks, which a
database trigger keeps for ever.

Rows recorded before this keep what is known: the name and current post title of who recorded them.
On SQLite (`make run`) adding these columns rebuilds the tables, which drops their protected-table
triggers: they are made again here.
"""

from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from access.audit import protected
from casework.recording import triggers

# model: (table, who recorded it)
AUTHORS = {
    "Document": ("records_document", "uploaded_by"),
    "CourtOrder": ("records_courtorder", "recorded_by"),
    "CourtReport": ("records_courtreport", "recorded_by"),
    "EducationRecord": ("records_educationrecord", "recorded_by"),
    "HealthRecord": ("records_healthrecord", "recorded_by"),
    "ChronologyEvent": ("records_chronologyevent", "recorded_by"),
    "PlanOutcome": ("casework_planoutcome", "created_by"),
    "OutcomeChange": ("casework_outcomechange", "changed_by"),
    "KeyTask": ("casework_keytask", "created_by"),
}
MARKED = tuple(table for table, _ in AUTHORS.values())
REBUILT = MARKED + tuple(table.replace("_", "_historical", 1) for table in MARKED)


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        tables = [table for table in REBUILT if table in protected.BY_TABLE and not protected.BY_TABLE[table].enforced_by]
        protected.drop_triggers(schema_editor, tables)
        protected.create_triggers(schema_editor, tables)
    triggers.create_triggers(schema_editor, MARKED)


def drop_triggers(apps, schema_editor):
    triggers.drop_triggers(schema_editor, MARKED)


def fill_in_authors(apps, schema_editor):
    StaffProfile = apps.get_model("access", "StaffProfile")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    posts = dict(StaffProfile.objects.values_list("user_id", "post_title"))
    for name, (table, author) in AUTHORS.items():
        model = apps.get_model("records", name)
        # An append-only table (outcome changes) refuses every UPDATE: its trigger is lifted only while the
        # new, empty columns are filled in, inside this migration's transaction, and made again at once.
        append_only = protected.rule_of(table) == protected.APPEND_ONLY and not protected.BY_TABLE[table].enforced_by
        if append_only:
            protected.drop_triggers(schema_editor, [table])
        for user_id in model.objects.order_by().values_list(author, flat=True).distinct():
            user = User.objects.get(pk=user_id)
            full_name = f"{user.first_name} {user.last_name}".strip() or user.username
            model.objects.filter(**{f"{author}_id": user_id, "recorded_name": ""}).update(
                recorded_name=full_name, recorded_post_title=posts.get(user_id, ""))
        if append_only:
            protected.create_triggers(schema_editor, [table])


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0021_entry_authorship'),
        ('casework', '0009_recorded_dates'),
        ('access', '0010_protected_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name='chronologyevent',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='chronologyevent',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='chronologyevent',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='chronologyevent',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='courtorder',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='courtreport',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='document',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='document',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='document',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='document',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date of what this records'),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='educationrecord',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='healthrecord',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalchronologyevent',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalcourtorder',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalcourtreport',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicaldocument',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date of what this records'),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicaleducationrecord',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalhealthrecord',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date agreed'),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalkeytask',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date decided'),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicaloutcomechange',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date agreed'),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='historicalplanoutcome',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='keytask',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date agreed'),
            ),
            migrations.AddField(
                model_name='keytask',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='keytask',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='keytask',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='keytask',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date decided'),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='outcomechange',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='event_date',
                field=models.DateField(blank=True, null=True, verbose_name='Date agreed'),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='late_entry_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='late_update_recorded_at',
                field=models.DateTimeField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='recorded_name',
                field=models.CharField(blank=True, max_length=300),
            ),
            migrations.AddField(
                model_name='planoutcome',
                name='recorded_post_title',
                field=models.CharField(blank=True, max_length=200),
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(fill_in_authors, migrations.RunPython.noop),
    ]
