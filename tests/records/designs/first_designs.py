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
_answer_kinds = importlib.import_module("records.migrations.0023_answer_kinds")


def _as_today(kind: str, question: dict) -> dict:
    """The 0002 question with today's field: its yes/no analysis mark as the kind of answer 0023 gave it."""
    question = dict(question)
    question["answer_kind"] = _answer_kinds.answer_kind_of(kind, question["key"], question.pop("is_analysis"))
    return question


def approve_policy_designs(*, administrator, senior_leader, kinds=None) -> dict:
    """Approve a design with the policy's questions for each kind (all kinds by default): {kind: design}."""
    approved = {}
    for kind, (title, purpose, _section, questions) in _migration.DESIGNS.items():
        if kinds is not None and kind not in kinds:
            continue
        draft = designs.create_draft(kind=kind, by=administrator, title=title, purpose=purpose)
        for position, question in enumerate(questions, start=1):
            FormQuestionFactory(design=draft, position=position, **_as_today(kind, question))
        designs.submit(design=draft, by=administrator)
        approved[kind] = designs.approve(design=draft, by=senior_leader, comment="Policy headings, for a test")
    return approved
