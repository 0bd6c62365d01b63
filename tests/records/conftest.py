"""Form design fixtures. The first versions come from the data migration (records 0002), approved by a
senior leader in the suite's setup (tests/conftest.py)."""

import pytest
from django.db import DatabaseError, transaction

from access.staff import roles
from records.designs import services as designs
from records.models import FormDesign, FormQuestion, RecordKind
from tests.factories import FormQuestionFactory, make_staff


def add_question(design, key, label, **fields) -> FormQuestion:
    return FormQuestionFactory(design=design, key=key, label=label, **fields)


def new_version_in_use(kind) -> FormDesign:
    """The latest design of `kind`, a version after the first (records 0023_z), which the suite's senior
    leader approved (§2): the test fails if it is not the one in use."""
    new = FormDesign.objects.filter(kind=kind).order_by("-version").first()
    assert designs.approved_design_for(kind) == new and new.version > 1
    return new


def refused_by_database(action) -> str:
    """Run `action` in a savepoint and return the database's refusal (the test fails if there is none)."""
    with pytest.raises(DatabaseError) as refusal:
        with transaction.atomic():
            action()
    return str(refusal.value)


@pytest.fixture
def administrator(db):
    """An administrator who is not a superuser: reaches the admin through the Administrator group."""
    return make_staff("administrator", role=roles.ADMINISTRATOR, post_title="Business Support Officer")


@pytest.fixture
def senior(slt):
    return slt


@pytest.fixture
def visit_v1(db):
    return FormDesign.objects.get(kind=RecordKind.VISIT, version=1)


@pytest.fixture
def visit_draft(visit_v1, admin_user):
    """Version 2 of the visit design: one label reworded and an extra question."""
    draft = designs.new_version_from(design=visit_v1, by=admin_user)
    purpose = draft.questions.get(key="purpose")
    purpose.label = "Why you visited and how the visit relates to the plan"
    purpose.save()
    add_question(draft, "school_attendance", "How is the child getting on at school?", required=False)
    return draft


@pytest.fixture
def visit_submitted(visit_draft, admin_user):
    return designs.submit(design=visit_draft, by=admin_user)
