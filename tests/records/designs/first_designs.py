"""Put the policy's first designs back after a transactional test has emptied the tables.

`transactional_db` and `live_server` tests (the browser tests) end by emptying every table, which
removes the designs the data migration inserted, and `serialized_rollback` cannot restore them: the
database refuses a new row that is already approved. This goes through the rules instead: an
administrator drafts each design from the migration's own questions and a senior leader approves it.
"""

import importlib

from records.designs import services as designs
from tests.factories import FormQuestionFactory

_migration = importlib.import_module("records.migrations.0002_first_approved_designs")


def approve_policy_designs(*, administrator, senior_leader, kinds=None) -> dict:
    """Approve a design with the policy's questions for each kind (all kinds by default): {kind: design}."""
    approved = {}
    for kind, (title, purpose, _section, questions) in _migration.DESIGNS.items():
        if kinds is not None and kind not in kinds:
            continue
        draft = designs.create_draft(kind=kind, by=administrator, title=title, purpose=purpose)
        for position, question in enumerate(questions, start=1):
            FormQuestionFactory(design=draft, position=position, **question)
        designs.submit(design=draft, by=administrator)
        approved[kind] = designs.approve(design=draft, by=senior_leader, comment="Policy headings, for a test")
    return approved
