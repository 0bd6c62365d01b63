"""§4, §10 timescales: same-day recording, Late update marks on amendments, kept changes of a visit's date.

And the corrected rule for events on a non-working day: "within two working days" is the next two
working days after the event, so a Saturday visit is due at the end of Tuesday (it was Wednesday).
Entries not yet completed whose event fell on a weekend, a bank holiday or a closure day get the
corrected due time, with a history row saying why. Completed entries keep what they have, and no
Late entry mark is touched (only completed entries carry one).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce
from django.utils import timezone

from access.audit import protected
from records.calendar.working_days import WorkingCalendar, london_date

TABLES = ("records_entrydatechange",)
REASON = "Due time corrected: an event on a weekend or bank holiday is due two working days after it"


def _system_user(apps):
    """The same account as access.audit.history.system_user(), made if this database has none yet."""
    from django.contrib.auth.hashers import make_password

    User = apps.get_model(settings.AUTH_USER_MODEL)
    user = User.objects.filter(username=settings.SYSTEM_USERNAME).first()
    if user is None:
        user = User.objects.create(username=settings.SYSTEM_USERNAME, first_name="Casework", last_name="system",
                                   is_active=False, password=make_password(None))
    return user


def recompute_due_times(apps, schema_editor):
    Entry = apps.get_model("records", "Entry")
    HistoricalEntry = apps.get_model("records", "HistoricalEntry")
    ClosureDay = apps.get_model("records", "ClosureDay")
    calendar = WorkingCalendar(closure_days=ClosureDay.objects.values_list("day", flat=True))
    now, system = timezone.now(), None
    for entry in Entry.objects.exclude(status="completed").filter(due_at__isnull=False).order_by("pk").iterator():
        if calendar.is_working_day(london_date(entry.event_at)):
            continue
        due_at = calendar.due_at(entry.event_at)
        if due_at == entry.due_at:
            continue
        system = system or _system_user(apps)
        entry.due_at = due_at
        entry.save(update_fields=["due_at"])  # one row at a time, each with its history row (below)
        values = {f.attname: getattr(entry, f.attname) for f in entry._meta.concrete_fields}
        HistoricalEntry.objects.create(**values, history_date=now, history_type="~", history_user_id=system.pk,
                                       history_change_reason=REASON)


def add_triggers(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop_triggers(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0019_protected_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name='entry',
                name='same_day_reason',
                field=models.CharField(blank=True, choices=[('safeguarding', 'Safeguarding concern'), ('emergency_duty', 'Information the Emergency Duty Team needs')], max_length=20),
            ),
            migrations.AddField(
                model_name='entryamendment',
                name='is_late_update',
                field=models.BooleanField(default=False),
            ),
            migrations.AddField(
                model_name='historicalentry',
                name='same_day_reason',
                field=models.CharField(blank=True, choices=[('safeguarding', 'Safeguarding concern'), ('emergency_duty', 'Information the Emergency Duty Team needs')], max_length=20),
            ),
            migrations.AddField(
                model_name='historicalentryamendment',
                name='is_late_update',
                field=models.BooleanField(default=False),
            ),
            migrations.CreateModel(
                name='EntryDateChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('previous_event_at', models.DateTimeField()),
                    ('new_event_at', models.DateTimeField()),
                    ('previous_due_at', models.DateTimeField(blank=True, null=True)),
                    ('new_due_at', models.DateTimeField(blank=True, null=True)),
                    ('reason', models.TextField()),
                    ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('changed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='date_changes', to='records.entry')),
                ],
                options={
                    'ordering': ['changed_at', 'id'],
                    'constraints': [models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='date_change_has_reason')],
                },
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(recompute_due_times, migrations.RunPython.noop),
    ]
