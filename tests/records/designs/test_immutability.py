"""§2: approved and retired designs, and their questions, never change and are never deleted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from records.designs import services as designs
from records.models import FormDesign, FormQuestion
from tests.records.conftest import add_question, refused_by_database

# Some tests reach the database only through request.getfixturevalue, so declare it: without the
# mark pytest-django would run them after the transactional tests, which empty the seeded tables.
pytestmark = pytest.mark.django_db

Status = FormDesign.Status


@pytest.fixture
def visit_v1_retired(visit_v1, visit_submitted, senior):
    designs.approve(design=visit_submitted, by=senior)
    visit_v1.refresh_from_db()
    return visit_v1


def test_approved_design_cannot_be_edited(visit_v1):
    visit_v1.title = "Home visit"

    with pytest.raises(ValidationError, match="can never change. Make a new draft version"):
        visit_v1.save()


def test_approved_design_cannot_go_back_to_draft(visit_v1):
    visit_v1.status = Status.DRAFT

    with pytest.raises(ValidationError, match="can never change"):
        visit_v1.save()


def test_retired_design_cannot_be_edited_or_brought_back(visit_v1_retired):
    visit_v1_retired.status = Status.APPROVED

    with pytest.raises(ValidationError, match="can never change"):
        visit_v1_retired.save()


def test_retiring_cannot_carry_another_change(visit_v1):
    visit_v1.status = Status.RETIRED
    visit_v1.title = "Something else"

    with pytest.raises(ValidationError, match="can never change"):
        visit_v1.save()


def test_submitted_design_cannot_be_edited(visit_submitted):
    visit_submitted.title = "Changed after submission"

    with pytest.raises(ValidationError, match="cannot be edited"):
        visit_submitted.save()


@pytest.mark.parametrize("fixture", ["visit_v1", "visit_draft"])
def test_form_designs_are_never_deleted(request, fixture):
    design = request.getfixturevalue(fixture)
    # Its questions hold it (PROTECT) before the database's own refusal is reached.
    assert "protected foreign keys" in refused_by_database(design.delete)
    assert FormDesign.objects.filter(pk=design.pk).exists()


def test_queryset_delete_of_a_design_is_refused_by_the_database(visit_v1, admin_user):
    empty_draft = designs.create_draft(kind="visit", by=admin_user)

    assert "never deleted" in refused_by_database(lambda: FormDesign.objects.filter(pk=empty_draft.pk).delete())


def test_raw_sql_delete_of_an_approved_design_is_refused_by_the_database(visit_v1):
    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM records_formdesign WHERE id = %s", [visit_v1.pk])

    assert "never deleted" in refused_by_database(delete)


def test_new_design_cannot_start_approved(senior):
    design = FormDesign(kind="visit", version=9, status=Status.APPROVED, title="Visit", created_by=senior,
                        submitted_by=senior, submitted_at=timezone.now(), decided_by=senior, decided_at=timezone.now())

    with pytest.raises(PermissionDenied):
        design.save()


def test_bulk_created_approved_design_is_refused_by_the_database(visit_v1, senior):
    now = timezone.now()
    FormDesign.objects.filter(pk=visit_v1.pk).update(status=Status.RETIRED)
    design = FormDesign(kind="visit", version=9, status=Status.APPROVED, title="Visit", created_by=senior,
                        submitted_by=senior, submitted_at=now, decided_by=senior, decided_at=now)

    assert "must start as a draft" in refused_by_database(lambda: FormDesign.objects.bulk_create([design]))


def test_queryset_update_of_an_approved_design_is_refused_by_the_database(visit_v1):
    message = refused_by_database(lambda: FormDesign.objects.filter(pk=visit_v1.pk).update(title="Home visit"))

    assert "never change" in message


def test_raw_sql_update_of_a_retired_design_is_refused_by_the_database(visit_v1_retired):
    def reinstate():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE records_formdesign SET status = 'approved' WHERE id = %s", [visit_v1_retired.pk])

    assert "never change" in refused_by_database(reinstate)


def test_retiring_with_another_change_is_refused_by_the_database(visit_v1):
    message = refused_by_database(
        lambda: FormDesign.objects.filter(pk=visit_v1.pk).update(status=Status.RETIRED, title="Old visit")
    )

    assert "never change" in message


def test_database_allows_retiring_an_approved_design(visit_v1):
    FormDesign.objects.filter(pk=visit_v1.pk).update(status=Status.RETIRED)

    visit_v1.refresh_from_db()
    assert visit_v1.status == Status.RETIRED


@pytest.mark.parametrize("fixture", ["visit_v1", "visit_v1_retired", "visit_submitted"])
def test_questions_of_a_design_not_in_draft_cannot_be_edited(request, fixture):
    question = request.getfixturevalue(fixture).questions.first()
    question.label = "Reworded"

    with pytest.raises(ValidationError, match="only change while it is a draft or rejected"):
        question.save()


def test_question_cannot_be_added_to_an_approved_design(visit_v1):
    with pytest.raises(ValidationError, match="only change while it is a draft or rejected"):
        add_question(visit_v1, "extra", "An extra question")


def test_question_of_an_approved_design_cannot_be_deleted(visit_v1):
    with pytest.raises(ValidationError, match="only change while it is a draft or rejected"):
        visit_v1.questions.first().delete()


def test_question_cannot_be_moved_from_a_draft_into_an_approved_design(visit_draft, visit_v1):
    question = visit_draft.questions.get(key="school_attendance")
    question.design = visit_v1

    with pytest.raises(ValidationError, match="only change while it is a draft or rejected"):
        question.save()


def test_queryset_update_of_approved_questions_is_refused_by_the_database(visit_v1):
    message = refused_by_database(lambda: visit_v1.questions.update(label="Reworded"))

    assert "only change while it is a draft or rejected" in message


def test_queryset_delete_of_approved_questions_is_refused_by_the_database(visit_v1):
    assert "draft or rejected" in refused_by_database(lambda: FormQuestion.objects.filter(design=visit_v1).delete())


def test_raw_sql_insert_of_a_question_into_a_retired_design_is_refused(visit_v1_retired):
    def insert():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO records_formquestion (design_id, key, position, label, help_text, required,"
                " answer_type, options, answer_kind) VALUES (%s, 'extra', 99, 'Extra', '', true, 'long_text', '[]', 'fact')",
                [visit_v1_retired.pk],
            )

    assert "draft or rejected" in refused_by_database(insert)


def test_questions_of_a_draft_can_be_edited(visit_draft):
    question = visit_draft.questions.get(key="actions")
    question.label = "Next steps"
    question.save()

    assert visit_draft.questions.get(key="actions").label == "Next steps"
