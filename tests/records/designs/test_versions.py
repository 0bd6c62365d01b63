"""Drafting designs: version numbers, copying a version, and the design in use for each kind."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from records.designs import services as designs
from records.designs.services import NoApprovedDesign
from records.models import FormDesign, FormQuestion, RecordKind
from tests.records.conftest import add_question
from tests.records.designs.first_designs import approve_policy_designs

# Some tests reach the database only through request.getfixturevalue, so declare it: without the
# mark pytest-django would run them after the transactional tests, which empty the seeded tables.
pytestmark = pytest.mark.django_db

QUESTION_FIELDS = ("key", "position", "label", "help_text", "required", "answer_type", "options", "answer_kind")


def test_new_draft_is_the_next_version_of_its_kind(visit_v1, admin_user):
    draft = designs.create_draft(kind=RecordKind.VISIT, by=admin_user)

    assert (draft.version, draft.status, draft.created_by) == (2, FormDesign.Status.DRAFT, admin_user)
    assert draft.title == "Visit record"


@pytest.mark.parametrize("who", ["practitioner", "manager", "slt"])
def test_only_administrators_draft_designs(request, who):
    with pytest.raises(PermissionDenied):
        designs.create_draft(kind=RecordKind.VISIT, by=request.getfixturevalue(who))


def test_new_version_copies_every_question(visit_v1, admin_user):
    draft = designs.new_version_from(design=visit_v1, by=admin_user)

    copied = list(draft.questions.order_by("position").values_list(*QUESTION_FIELDS))
    original = list(visit_v1.questions.order_by("position").values_list(*QUESTION_FIELDS))
    assert copied == original
    assert (draft.version, draft.title, draft.purpose) == (2, visit_v1.title, visit_v1.purpose)
    assert visit_v1.questions.count() == len(original)  # the original keeps its own questions


def test_choice_options_are_copied(visit_v1, admin_user):
    draft = designs.create_draft(kind=RecordKind.VISIT, by=admin_user)
    add_question(draft, "venue_type", "Where was the visit?", answer_type="choice", options=["Home", "School"])

    copy = designs.new_version_from(design=draft, by=admin_user)

    assert copy.questions.get(key="venue_type").options == ["Home", "School"]


def test_submit_needs_at_least_one_question(visit_v1, admin_user):
    draft = designs.create_draft(kind=RecordKind.VISIT, by=admin_user)

    with pytest.raises(ValidationError, match="Add at least one question"):
        designs.submit(design=draft, by=admin_user)


def test_a_submitted_design_cannot_be_submitted_again(visit_submitted, admin_user):
    with pytest.raises(ValidationError, match="Only a draft or rejected design can be submitted"):
        designs.submit(design=visit_submitted, by=admin_user)


def test_approved_design_for_a_kind_is_the_one_in_use(visit_v1):
    assert designs.approved_design_for(RecordKind.VISIT) == visit_v1


def test_kind_without_an_approved_design_cannot_be_recorded_and_says_so(visit_v1):
    visit_v1.status = FormDesign.Status.RETIRED
    visit_v1.save()

    with pytest.raises(NoApprovedDesign) as refusal:
        designs.approved_design_for(RecordKind.VISIT)

    assert str(refusal.value) == (
        "There is no approved form design for visit yet, so it cannot be recorded. "
        "Ask senior leadership to approve one."
    )


def test_choice_question_needs_options(visit_draft):
    question = FormQuestion(design=visit_draft, key="mood", label="Mood", position=50, answer_type="choice")

    with pytest.raises(ValidationError, match="Enter the options"):
        question.full_clean()


def test_only_a_choice_question_has_options(visit_draft):
    question = FormQuestion(design=visit_draft, key="mood", label="Mood", position=50, options=["Happy"])

    with pytest.raises(ValidationError, match="Only a choice question has options"):
        question.full_clean()


def test_policy_designs_can_be_approved_again_through_the_rules(visit_v1, admin_user, slt):
    approved = approve_policy_designs(administrator=admin_user, senior_leader=slt, kinds={"visit"})

    assert approved["visit"].version == 2
    assert designs.approved_design_for("visit") == approved["visit"]
    assert list(approved["visit"].questions.values_list("label", flat=True)) == list(
        visit_v1.questions.values_list("label", flat=True)
    )
