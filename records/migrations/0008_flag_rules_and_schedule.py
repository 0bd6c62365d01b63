"""Flags change only from open to closed and are never deleted; the beat schedule of the timeliness jobs."""

from django.db import migrations

PG_RULES = """
CREATE OR REPLACE FUNCTION records_flag_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'flags are never deleted';
    END IF;
    IF OLD.closed_at IS NOT NULL
       OR NEW.closed_at IS NULL
       OR (NEW.kind, NEW.child_id, NEW.entry_id, NEW.case_id, NEW.owner_id, NEW.due_at, NEW.opened_at)
          IS DISTINCT FROM (OLD.kind, OLD.child_id, OLD.entry_id, OLD.case_id, OLD.owner_id, OLD.due_at, OLD.opened_at) THEN
        RAISE EXCEPTION 'a flag can only be closed, once';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER records_flag_guard BEFORE UPDATE OR DELETE ON records_flag
    FOR EACH ROW EXECUTE FUNCTION records_flag_guard();
"""

SQLITE_RULES = [
    """CREATE TRIGGER records_flag_no_delete BEFORE DELETE ON records_flag
       BEGIN SELECT RAISE(ABORT, 'flags are never deleted'); END;""",
    """CREATE TRIGGER records_flag_close_once BEFORE UPDATE ON records_flag
       WHEN OLD.closed_at IS NOT NULL OR NEW.closed_at IS NULL OR NEW.kind IS NOT OLD.kind
         OR NEW.entry_id IS NOT OLD.entry_id OR NEW.case_id IS NOT OLD.case_id OR NEW.due_at IS NOT OLD.due_at
         OR NEW.opened_at IS NOT OLD.opened_at
       BEGIN SELECT RAISE(ABORT, 'a flag can only be closed, once'); END;""",
]


def add_rules(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_RULES, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_RULES:
            schema_editor.execute(statement, params=None)


def drop_rules(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_flag_guard ON records_flag;", params=None)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_flag_no_delete;", params=None)
        schema_editor.execute("DROP TRIGGER IF EXISTS records_flag_close_once;", params=None)


def schedule(apps, schema_editor):
    # Administrators can change these in Django admin (django-celery-beat). Due times are computed
    # in code in Europe/London, so the hourly pass gives the same flags whenever it runs.
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hourly, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        name="Flag overdue records", defaults={"task": "records.tasks.flag_overdue", "interval": hourly}
    )
    seven_am, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="1-5", day_of_month="*", month_of_year="*", timezone="Europe/London"
    )
    PeriodicTask.objects.get_or_create(
        name="Daily digest of overdue records", defaults={"task": "records.tasks.send_digests", "crontab": seven_am}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0007_timeliness_flags"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(add_rules, drop_rules),
        migrations.RunPython(schedule, migrations.RunPython.noop),
    ]
