"""Database triggers that keep the Late entry and Late update marks (§10): once made, never removed.

Used by the migrations that add the marks (casework 0009, records 0022); like the Entry's own
trigger (records 0006), they refuse any route round the model: QuerySet.update(), raw SQL.
"""

MESSAGE = "the Late entry and Late update marks can never be removed"


def create_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION {table}_late_marks() RETURNS trigger AS $$
            BEGIN
                IF (OLD.late_entry_recorded_at IS NOT NULL
                        AND NEW.late_entry_recorded_at IS DISTINCT FROM OLD.late_entry_recorded_at)
                   OR (OLD.late_update_recorded_at IS NOT NULL
                        AND (NEW.late_update_recorded_at IS NULL
                             OR NEW.late_update_recorded_at < OLD.late_update_recorded_at)) THEN
                    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{table}: {MESSAGE}';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER {table}_late_marks BEFORE UPDATE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_late_marks()""",
        ]
    if vendor == "sqlite":
        return [
            f"""CREATE TRIGGER {table}_late_marks BEFORE UPDATE ON {table}
                WHEN (OLD.late_entry_recorded_at IS NOT NULL
                        AND NEW.late_entry_recorded_at IS NOT OLD.late_entry_recorded_at)
                  OR (OLD.late_update_recorded_at IS NOT NULL
                        AND (NEW.late_update_recorded_at IS NULL
                             OR NEW.late_update_recorded_at < OLD.late_update_recorded_at))
                BEGIN SELECT RAISE(ABORT, '{table}: {MESSAGE}'); END"""
        ]
    raise NotImplementedError(f"No late-mark triggers for {vendor}: the rule would not be enforced.")


def drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_late_marks ON {table}", f"DROP FUNCTION IF EXISTS {table}_late_marks()"]
    return [f"DROP TRIGGER IF EXISTS {table}_late_marks"]


def create_triggers(schema_editor, tables) -> None:
    for table in tables:
        for statement in create_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)


def drop_triggers(schema_editor, tables) -> None:
    for table in tables:
        for statement in drop_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)


def add_marked_tables(schema_editor, marked, rebuilt) -> None:
    """For a migration that adds the marks (or the author's name) to `marked` tables: on SQLite, adding those
    columns rebuilt the `rebuilt` tables and dropped their protected-table triggers, which are made again;
    then the late-mark triggers of `marked`."""
    from access.audit import protected

    if schema_editor.connection.vendor == "sqlite":
        protected.drop_triggers(schema_editor, rebuilt)
        protected.create_triggers(schema_editor, rebuilt)
    create_triggers(schema_editor, marked)


def fill_in_authors(apps, model, author: str) -> None:
    """Rows recorded before their author's name and post title were kept get what is known: the name and the
    current post title of who recorded them. One UPDATE per author: nothing simple-history needs to know."""
    from django.conf import settings

    StaffProfile = apps.get_model("access", "StaffProfile")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    posts = dict(StaffProfile.objects.values_list("user_id", "post_title"))
    for user_id in model.objects.order_by().values_list(author, flat=True).distinct():
        user = User.objects.get(pk=user_id)
        full_name = f"{user.first_name} {user.last_name}".strip() or user.username
        model.objects.filter(**{f"{author}_id": user_id, "recorded_name": ""}).update(
            recorded_name=full_name, recorded_post_title=posts.get(user_id, ""))
