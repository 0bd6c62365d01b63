"""Roles as groups, and the database rule that the access log and audit trail are append-only.

Row triggers reject UPDATE and DELETE. TRUNCATE is left to database privileges (the application's
role should not hold it in production): the test runner empties tables with it between tests.
"""

from django.db import migrations

ROLES = ("Practitioner", "Team manager", "Senior leadership", "Emergency duty", "Administrator")
APPEND_ONLY_TABLES = ("access_accesslog", "access_auditevent")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def add_append_only_triggers(apps, schema_editor, tables=APPEND_ONLY_TABLES):
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION casework_reject_change() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
                END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER {table}_append_only
                    BEFORE UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION casework_reject_change();
                """,
                params=None,  # the body holds a literal %; no parameters to interpolate
            )
        elif vendor == "sqlite":
            for action in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"""
                    CREATE TRIGGER {table}_no_{action.lower()}
                    BEFORE {action} ON {table}
                    BEGIN SELECT RAISE(ABORT, 'table {table} is append-only'); END;
                    """
                )


def drop_append_only_triggers(apps, schema_editor, tables=APPEND_ONLY_TABLES):
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        elif vendor == "sqlite":
            for action in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action};")


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(add_append_only_triggers, drop_append_only_triggers),
    ]
