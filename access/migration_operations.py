"""One migration operation of our own: consecutive operations that re-render the migration state once.

After each CreateModel, AddField of a relation or AddConstraint, Django re-renders the changed model and every
model related to it, recursively, and nearly every model here is related to the user and the child. A fresh
`migrate` re-rendered the whole project about a thousand times: 90 s of CPU, paid by every new install, by
`make run` and by each test run's template database. `RenderOnce(op, op, ...)` makes the same tables, columns,
constraints and indexes, in the same order, ending in the same state, and re-renders the touched models once.

The database steps still run one operation at a time against the tables as they then stand (SQLite rebuilds a
whole table to add most columns or constraints, copying the columns its model lists), with only the one model
each step touches rendered anew.
"""

from django.db.migrations.operations.base import Operation
from django.db.migrations.operations.fields import AddField, AlterField, RemoveField
from django.db.migrations.operations.models import (
    AddConstraint, AddIndex, AlterModelOptions, AlterUniqueTogether, CreateModel, DeleteModel, RemoveConstraint,
    RemoveIndex)

# Operations that change one model each and read nothing but that model's state and the tables (RunPython, which
# may read any model, and renames, which change other models' references, stay outside a group).
STEPS = (AddField, AlterField, RemoveField, CreateModel, DeleteModel, AddConstraint, RemoveConstraint, AddIndex,
         RemoveIndex, AlterModelOptions, AlterUniqueTogether)


class RenderOnce(Operation):
    """Consecutive operations of one migration, applied in order, with the migration state rendered once."""

    reversible = True

    def __init__(self, *operations):
        if not operations or not all(type(operation) in STEPS for operation in operations):
            raise TypeError(f"RenderOnce takes only these operations: {', '.join(s.__name__ for s in STEPS)}")
        self.operations = list(operations)
        super().__init__()

    def deconstruct(self):
        return self.__class__.__qualname__, self.operations, {}

    def describe(self):
        return "; ".join(operation.describe() for operation in self.operations)

    @property
    def migration_name_fragment(self):
        return self.operations[0].migration_name_fragment

    def references_model(self, name, app_label):
        return any(operation.references_model(name, app_label) for operation in self.operations)

    def references_field(self, model_name, name, app_label):
        return any(operation.references_field(model_name, name, app_label) for operation in self.operations)

    def reduce(self, operation, app_label):
        return False  # the optimiser may not move operations across the group

    def state_forwards(self, app_label, state):
        # With the rendered models set aside, each operation only changes the model states; then the models they
        # touched, and everything related to them, are rendered once, as each operation would have done alone.
        rendered = state.__dict__.pop("apps", None)
        for operation in self.operations:
            operation.state_forwards(app_label, state)
        if rendered is None:
            return
        state.__dict__["apps"] = rendered
        touched = {_model_key(app_label, operation) for operation in self.operations}
        for key in touched - state.models.keys():  # deleted
            rendered.unregister_model(*key)
        rendered.clear_cache()
        state.reload_models(sorted(touched & state.models.keys()), delay=False)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        # Each operation runs against the tables as they then stand, between a state before it and a state after
        # it. `from_state` is a copy made for this operation alone (Migration.apply, SeparateDatabaseAndState), so
        # it and one copy of it are brought forward in place, re-rendering only the one model each step changes.
        before = from_state
        before.apps  # rendered, if it is not yet
        after = before.clone()
        for operation in self.operations:
            _advance(app_label, operation, after)
            operation.database_forwards(app_label, schema_editor, before, after)
            _advance(app_label, operation, before)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # Rarely run: undo one step at a time through full intermediate states, as separate operations would.
        states = [to_state]
        for operation in self.operations[:-1]:
            state = states[-1].clone()
            operation.state_forwards(app_label, state)
            states.append(state)
        states.append(from_state)
        for index in reversed(range(len(self.operations))):
            self.operations[index].database_backwards(app_label, schema_editor, states[index + 1], states[index])


def _model_key(app_label, operation):
    if isinstance(operation, (CreateModel, DeleteModel, AlterModelOptions, AlterUniqueTogether)):
        return app_label, operation.name_lower
    return app_label, operation.model_name_lower


def _advance(app_label, operation, state):
    """Apply one operation to `state`, whose models are rendered, and render anew only the model it changes."""
    rendered = state.__dict__.pop("apps")
    operation.state_forwards(app_label, state)
    state.__dict__["apps"] = rendered
    key = _model_key(app_label, operation)
    rendered.unregister_model(*key)
    if key in state.models:
        state.models[key].render(rendered)
    else:
        rendered.clear_cache()
