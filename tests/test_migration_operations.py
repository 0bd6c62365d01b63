"""RenderOnce (access/migration_operations.py) makes what its operations make one by one: the same tables, columns
in the same order, constraints and indexes, on SQLite (`make run`) and PostgreSQL, and the same migration state."""

import pytest
from django.db import ConnectionHandler, connection, models
from django.db.migrations import operations as ops
from django.db.migrations.migration import Migration
from django.db.migrations.state import ProjectState

from access.migration_operations import RenderOnce

APP = "batchtest"


def _operations():
    """Each kind of step a group may hold, in an order where each depends on the one before."""
    return [
        ops.CreateModel("Parent", [("id", models.BigAutoField(primary_key=True)),
                                   ("name", models.CharField(max_length=20))]),
        ops.CreateModel("Kid", [("id", models.BigAutoField(primary_key=True)),
                                ("parent", models.ForeignKey(f"{APP}.parent", on_delete=models.PROTECT))]),
        # Not null with a default: SQLite rebuilds the table, copying the columns the model lists.
        ops.AddField("parent", "code", models.CharField(max_length=5, default="x")),
        ops.AddField("kid", "guardian", models.ForeignKey(f"{APP}.parent", null=True, on_delete=models.PROTECT,
                                                          related_name="+")),
        ops.AddField("kid", "note", models.TextField(default="", blank=True), preserve_default=False),
        ops.AddConstraint("kid", models.CheckConstraint(condition=~models.Q(note="no"), name="kid_note_not_no")),
        ops.AlterField("parent", "name", models.CharField(max_length=40)),
        ops.AddIndex("parent", models.Index(fields=["code"], name="parent_code_idx")),
        ops.AlterModelOptions("kid", {"ordering": ["id"]}),
        ops.RemoveConstraint("kid", "kid_note_not_no"),
        ops.AddField("parent", "seen", models.BooleanField(null=True)),
        ops.RemoveField("kid", "guardian"),
        ops.CreateModel("Gone", [("id", models.BigAutoField(primary_key=True))]),
        ops.DeleteModel("Gone"),
    ]


def _migrate(operations, schema_editor):
    migration = Migration("0001_test", APP)
    migration.operations = operations
    state = ProjectState()
    state.apps  # rendered, as the migration executor has it
    return migration.apply(state, schema_editor)


def _same_state(one, other):
    assert one.models == other.models
    for (app_label, name) in one.models:
        fields = [(f.name, f.column, f.deconstruct()[1:]) for f in one.apps.get_model(app_label, name)._meta.fields]
        assert fields == [(f.name, f.column, f.deconstruct()[1:])
                          for f in other.apps.get_model(app_label, name)._meta.fields]


def test_on_sqlite_the_tables_and_the_state_are_those_of_the_operations_one_by_one(django_db_blocker):
    def build(operations):
        handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        sqlite = handler["default"]
        with sqlite.schema_editor() as editor:
            state = _migrate(operations, editor)
        with sqlite.cursor() as cursor:
            cursor.execute(f"SELECT type, name, sql FROM sqlite_master WHERE name LIKE '{APP}%' ORDER BY name")
            schema = cursor.fetchall()
        sqlite.close()
        return state, schema

    with django_db_blocker.unblock():  # an in-memory SQLite database of its own, not the test database
        one_by_one, expected = build(_operations())
        grouped, schema = build([RenderOnce(*_operations())])
    assert schema == expected
    assert any("code" in sql and "seen" in sql for _, _, sql in schema if sql)  # the later columns are there
    _same_state(grouped, one_by_one)


@pytest.mark.django_db
def test_on_postgresql_the_tables_are_those_of_the_operations_one_by_one():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")

    def build(operations):
        with connection.schema_editor(atomic=False) as editor:
            _migrate(operations, editor)
        with connection.cursor() as cursor:
            cursor.execute("SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default "
                           "FROM information_schema.columns WHERE table_name LIKE %s ORDER BY 1, 3", [f"{APP}%"])
            columns = cursor.fetchall()
            cursor.execute("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid::regclass::text LIKE %s ORDER BY 1, 2", [f"{APP}%"])
            constraints = cursor.fetchall()
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE %s ORDER BY 1",
                           [f"{APP}%"])
            indexes = cursor.fetchall()
            cursor.execute(f"DROP TABLE IF EXISTS {APP}_kid, {APP}_parent CASCADE")
        return columns, constraints, indexes

    expected = build(_operations())
    assert build([RenderOnce(*_operations())]) == expected
    assert expected[0] and expected[1] and expected[2]


def test_only_steps_that_change_one_model_may_be_grouped():
    with pytest.raises(TypeError):
        RenderOnce(ops.RunPython(lambda apps, schema_editor: None))
    with pytest.raises(TypeError):
        RenderOnce()
