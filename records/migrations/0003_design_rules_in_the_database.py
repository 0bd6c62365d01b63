"""§2 in the database, for the routes that bypass FormDesign.save(): QuerySet.update(), bulk writes, raw SQL.

Form designs:
- never deleted; a new row is always a draft;
- an approved or retired row never changes, except approved -> retired with nothing else changed;
- the status moves only draft/rejected -> submitted -> approved/rejected, approved -> retired;
- approving or rejecting needs decided_by to be an active member of the Senior leadership group.
Form questions: inserted, changed or deleted only while their design is a draft or rejected.
Entries: inserted only on the approved design of their own kind, and never moved to another design.

The approved first versions (0002) were inserted before these triggers existed, so no exception for
the system user is needed or made. TRUNCATE (the test runner's flush) fires no row triggers.
PostgreSQL runs the tests; SQLite (`make run`) gets the same rules as separate triggers. A later
migration that adds a column to records_formdesign must recreate the SQLite "frozen" trigger,
which lists the columns (the PostgreSQL one compares whole rows).
"""

from django.conf import settings
from django.db import migrations

SENIOR_LEADERSHIP = "Senior leadership"
EDITABLE = "('draft', 'rejected')"
# old status > new status; any other change of status is refused (approved > retired is handled apart).
TRANSITIONS = "('draft>submitted', 'rejected>submitted', 'submitted>approved', 'submitted>rejected')"

FROZEN = "Approved and retired form designs never change. Make a new draft version instead."
DECIDER = "Only members of Senior leadership can approve or reject a form design."
NO_DELETE = "Form designs are never deleted."
NEW_IS_DRAFT = "A new form design must start as a draft."
BAD_TRANSITION = "This change of status is not allowed for a form design."
QUESTIONS_FROZEN = "The questions of a design can only change while it is a draft or rejected."
ENTRY_DESIGN = "An entry can only be written on the approved form design of its own kind."
ENTRY_KEEPS = "An entry keeps the form design it was written on."


def _senior_leader_sql(apps, user_id_expr):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Group = apps.get_model("auth", "Group")
    through = User._meta.get_field("groups").remote_field.through._meta.db_table
    return f"""EXISTS (
        SELECT 1 FROM {User._meta.db_table} u
        JOIN {through} ug ON ug.user_id = u.id
        JOIN {Group._meta.db_table} g ON g.id = ug.group_id
        WHERE u.id = {user_id_expr} AND u.is_active AND g.name = '{SENIOR_LEADERSHIP}')"""


def _postgresql(apps):
    return f"""
    CREATE OR REPLACE FUNCTION records_formdesign_guard() RETURNS trigger AS $$
    DECLARE
        rest records_formdesign;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '{NO_DELETE}';
        END IF;
        IF TG_OP = 'INSERT' THEN
            IF NEW.status <> 'draft' THEN
                RAISE EXCEPTION '{NEW_IS_DRAFT}';
            END IF;
            RETURN NEW;
        END IF;
        IF OLD.status IN ('approved', 'retired') THEN
            rest := NEW;
            rest.status := OLD.status;
            IF NOT (OLD.status = 'approved' AND NEW.status = 'retired') OR rest IS DISTINCT FROM OLD THEN
                RAISE EXCEPTION '{FROZEN}';
            END IF;
            RETURN NEW;
        END IF;
        IF NEW.status <> OLD.status AND (OLD.status || '>' || NEW.status) NOT IN {TRANSITIONS} THEN
            RAISE EXCEPTION '{BAD_TRANSITION} (% to %)', OLD.status, NEW.status;
        END IF;
        IF NEW.status IN ('approved', 'rejected')
           AND (NEW.status <> OLD.status OR NEW.decided_by_id IS DISTINCT FROM OLD.decided_by_id)
           AND NOT {_senior_leader_sql(apps, "NEW.decided_by_id")} THEN
            RAISE EXCEPTION '{DECIDER}';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER records_formdesign_guard
        BEFORE INSERT OR UPDATE OR DELETE ON records_formdesign
        FOR EACH ROW EXECUTE FUNCTION records_formdesign_guard();

    CREATE OR REPLACE FUNCTION records_formquestion_guard() RETURNS trigger AS $$
    DECLARE
        design_status text;
    BEGIN
        -- FOR SHARE: a design being submitted waits for question changes in flight, and the other way round.
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            SELECT status INTO design_status FROM records_formdesign WHERE id = OLD.design_id FOR SHARE;
            IF design_status NOT IN {EDITABLE} THEN
                RAISE EXCEPTION '{QUESTIONS_FROZEN}';
            END IF;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            SELECT status INTO design_status FROM records_formdesign WHERE id = NEW.design_id FOR SHARE;
            IF design_status NOT IN {EDITABLE} THEN
                RAISE EXCEPTION '{QUESTIONS_FROZEN}';
            END IF;
            RETURN NEW;
        END IF;
        RETURN OLD;
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER records_formquestion_guard
        BEFORE INSERT OR UPDATE OR DELETE ON records_formquestion
        FOR EACH ROW EXECUTE FUNCTION records_formquestion_guard();

    CREATE OR REPLACE FUNCTION records_entry_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            IF NOT EXISTS (SELECT 1 FROM records_formdesign d WHERE d.id = NEW.form_design_id
                           AND d.status = 'approved' AND d.kind = NEW.kind) THEN
                RAISE EXCEPTION '{ENTRY_DESIGN}';
            END IF;
        ELSIF NEW.form_design_id <> OLD.form_design_id OR NEW.kind <> OLD.kind THEN
            RAISE EXCEPTION '{ENTRY_KEEPS}';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER records_entry_guard
        BEFORE INSERT OR UPDATE ON records_entry
        FOR EACH ROW EXECUTE FUNCTION records_entry_guard();
    """


def _sqlite(apps):
    FormDesign = apps.get_model("records", "FormDesign")
    unchanged = " AND ".join(
        f"NEW.{f.column} IS OLD.{f.column}" for f in FormDesign._meta.concrete_fields if f.column != "status"
    )
    return [
        f"""CREATE TRIGGER records_formdesign_no_delete BEFORE DELETE ON records_formdesign
            BEGIN SELECT RAISE(ABORT, '{NO_DELETE}'); END""",
        f"""CREATE TRIGGER records_formdesign_new_is_draft BEFORE INSERT ON records_formdesign
            WHEN NEW.status <> 'draft'
            BEGIN SELECT RAISE(ABORT, '{NEW_IS_DRAFT}'); END""",
        f"""CREATE TRIGGER records_formdesign_frozen BEFORE UPDATE ON records_formdesign
            WHEN OLD.status IN ('approved', 'retired')
             AND NOT (OLD.status = 'approved' AND NEW.status = 'retired' AND {unchanged})
            BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END""",
        f"""CREATE TRIGGER records_formdesign_transition BEFORE UPDATE ON records_formdesign
            WHEN OLD.status NOT IN ('approved', 'retired') AND NEW.status <> OLD.status
             AND (OLD.status || '>' || NEW.status) NOT IN {TRANSITIONS}
            BEGIN SELECT RAISE(ABORT, '{BAD_TRANSITION}'); END""",
        f"""CREATE TRIGGER records_formdesign_decider BEFORE UPDATE ON records_formdesign
            WHEN OLD.status NOT IN ('approved', 'retired') AND NEW.status IN ('approved', 'rejected')
             AND (NEW.status <> OLD.status OR NEW.decided_by_id IS NOT OLD.decided_by_id)
             AND NOT {_senior_leader_sql(apps, "NEW.decided_by_id")}
            BEGIN SELECT RAISE(ABORT, '{DECIDER}'); END""",
        *(
            f"""CREATE TRIGGER records_formquestion_{op.lower()}_guard BEFORE {op} ON records_formquestion
                WHEN EXISTS (SELECT 1 FROM records_formdesign d
                             WHERE d.id IN ({ids}) AND d.status NOT IN {EDITABLE})
                BEGIN SELECT RAISE(ABORT, '{QUESTIONS_FROZEN}'); END"""
            for op, ids in (("INSERT", "NEW.design_id"), ("UPDATE", "OLD.design_id, NEW.design_id"),
                            ("DELETE", "OLD.design_id"))
        ),
        f"""CREATE TRIGGER records_entry_insert_guard BEFORE INSERT ON records_entry
            WHEN NOT EXISTS (SELECT 1 FROM records_formdesign d WHERE d.id = NEW.form_design_id
                             AND d.status = 'approved' AND d.kind = NEW.kind)
            BEGIN SELECT RAISE(ABORT, '{ENTRY_DESIGN}'); END""",
        f"""CREATE TRIGGER records_entry_update_guard BEFORE UPDATE ON records_entry
            WHEN NEW.form_design_id IS NOT OLD.form_design_id OR NEW.kind IS NOT OLD.kind
            BEGIN SELECT RAISE(ABORT, '{ENTRY_KEEPS}'); END""",
    ]


SQLITE_TRIGGERS = (
    "records_formdesign_no_delete", "records_formdesign_new_is_draft", "records_formdesign_frozen",
    "records_formdesign_transition", "records_formdesign_decider", "records_formquestion_insert_guard",
    "records_formquestion_update_guard", "records_formquestion_delete_guard", "records_entry_insert_guard",
    "records_entry_update_guard",
)


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_postgresql(apps), params=None)  # the bodies hold a literal %
    elif vendor == "sqlite":
        for statement in _sqlite(apps):
            schema_editor.execute(statement, params=None)
    else:
        raise NotImplementedError(f"No form design triggers for {vendor}: §2 would not be enforced.")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            """
            DROP TRIGGER IF EXISTS records_formdesign_guard ON records_formdesign;
            DROP TRIGGER IF EXISTS records_formquestion_guard ON records_formquestion;
            DROP TRIGGER IF EXISTS records_entry_guard ON records_entry;
            DROP FUNCTION IF EXISTS records_formdesign_guard();
            DROP FUNCTION IF EXISTS records_formquestion_guard();
            DROP FUNCTION IF EXISTS records_entry_guard();
            """
        )
    elif vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_first_approved_designs"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_triggers, drop_triggers)]
