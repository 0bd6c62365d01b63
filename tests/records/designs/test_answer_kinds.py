"""§12: each question says which of five kinds of answer it takes, and every kind of record has a
place for analysis (new design versions, approved by senior leadership under §2; §5.5 for case summaries)."""

import importlib

import pytest
from crispy_forms.utils import render_crispy_form
from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from records.designs import services as designs
from records.designs.rendering import answer_groups, answers_for_display, build_answer_form
from records.models import AnswerKind, FormDesign, FormQuestion, RecordKind
from tests.conftest import client_for
from tests.factories import DraftEntryFactory
from tests.records.conftest import add_question, refused_by_database
from tests.records.designs.test_admin import existing_questions, question_formset, staff_slt  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

_first = importlib.import_module("records.migrations.0002_first_approved_designs")
_kinds = importlib.import_module("records.migrations.0023_answer_kinds")
_upgrade = importlib.import_module("records.migrations.0023_z_analysis_design_versions")
CONTACT_KINDS = [k for k in RecordKind.values if k.startswith("contact_")]
NEW_VERSION_KINDS = [*CONTACT_KINDS, RecordKind.DECISION, RecordKind.CASE_SUMMARY]
HEADINGS = ["Facts", "Opinions", "Assessment", "Judgements", "Decisions"]


def latest(kind) -> FormDesign:
    return FormDesign.objects.filter(kind=kind).order_by("-version").first()


def kinds_of(design) -> dict:
    return dict(design.questions.values_list("key", "answer_kind"))


# --- Five kinds, not two ----------------------------------------------------------------------

def test_a_question_takes_one_of_the_five_kinds_of_the_policy():
    assert [label for _, label in FormQuestion._meta.get_field("answer_kind").choices] == [
        "Fact", "Opinion", "Assessment", "Judgement", "Decision"]


def test_a_question_of_another_kind_is_refused_before_submission(admin_user, visit_draft):
    question = visit_draft.questions.get(key="purpose")
    question.answer_kind = "guess"

    with pytest.raises(ValidationError):
        question.full_clean()
    question.save()
    with pytest.raises(ValidationError):
        designs.submit(design=visit_draft, by=admin_user)


@pytest.mark.parametrize("kind", list(_first.DESIGNS))
def test_the_upgrade_keeps_the_meaning_of_every_approved_first_question(kind):
    """What 0002 marked as analysis is an opinion (or the assessment of an assessment form); the rest are facts."""
    questions = _first.DESIGNS[kind][3]
    expected = {q["key"]: ("fact" if not q["is_analysis"] else _kinds.ANALYSIS_KINDS.get((kind, q["key"]), "opinion"))
                for q in questions}

    design = FormDesign.objects.get(kind=kind, version=1)
    assert kinds_of(design) == expected


def test_the_first_versions_mark_analysis_apart_from_facts():
    assert kinds_of(FormDesign.objects.get(kind=RecordKind.VISIT, version=1))["analysis"] == AnswerKind.OPINION
    assert kinds_of(FormDesign.objects.get(kind=RecordKind.SINGLE_ASSESSMENT, version=1))["analysis"] == AnswerKind.ASSESSMENT
    assert kinds_of(FormDesign.objects.get(kind=RecordKind.VISIT, version=1))["child_views"] == AnswerKind.FACT


def test_the_upgrade_gives_the_history_of_each_question_its_kind_too(visit_v1):
    analysis = visit_v1.questions.get(key="analysis")

    assert [row.answer_kind for row in analysis.history.all()] == [AnswerKind.OPINION]


def test_the_kind_of_an_approved_question_still_cannot_be_changed(visit_v1):
    """The upgrade switched the database's guard off only for itself: it is back on."""
    question = visit_v1.questions.get(key="child_views")

    def update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE records_formquestion SET answer_kind = 'opinion' WHERE id = %s", [question.pk])

    assert "draft or rejected" in refused_by_database(update)
    question.answer_kind = AnswerKind.OPINION
    with pytest.raises(ValidationError):
        question.save()
    question.refresh_from_db()
    assert question.answer_kind == AnswerKind.FACT


# --- The admin edits the kind ------------------------------------------------------------------

def test_an_administrator_sets_the_kind_of_a_draft_question_in_the_admin(admin_user, visit_draft):
    rows = existing_questions(visit_draft)
    actions = next(row for row in rows if row["key"] == "actions")
    actions["answer_kind"] = AnswerKind.DECISION
    data = {"title": visit_draft.title, "purpose": visit_draft.purpose} | question_formset(rows, initial=len(rows))

    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_draft.pk}/change/", data)

    assert response.status_code == 302
    assert visit_draft.questions.get(key="actions").answer_kind == AnswerKind.DECISION


def test_a_senior_leader_sees_each_questions_kind_before_deciding(staff_slt):
    new = latest(RecordKind.DECISION)

    html = client_for(staff_slt).get(f"/admin/records/formdesign/{new.pk}/decide/").content.decode()

    assert "Kind of answer" in html
    for label in ("Fact", "Assessment", "Judgement", "Decision"):
        assert f"<td>{label}</td>" in html


# --- Shown grouped and labelled by kind ---------------------------------------------------------

@pytest.fixture
def five_kinds(visit_v1, admin_user, senior):
    """An approved visit design whose questions take each kind, in a mixed order."""
    draft = designs.create_draft(kind=RecordKind.VISIT, by=admin_user, title="Five kinds")
    add_question(draft, "decided", "What was decided", answer_kind=AnswerKind.DECISION)
    add_question(draft, "seen", "What you saw")
    add_question(draft, "view", "Your view", answer_kind=AnswerKind.OPINION)
    add_question(draft, "judged", "Your judgement", answer_kind=AnswerKind.JUDGEMENT)
    add_question(draft, "assessed", "Your assessment", answer_kind=AnswerKind.ASSESSMENT)
    add_question(draft, "heard", "What you heard")
    designs.submit(design=draft, by=admin_user)
    return designs.approve(design=draft, by=senior)


def test_answers_are_grouped_under_their_kinds_facts_first(five_kinds, child, practitioner):
    entry = DraftEntryFactory(child=child, case=child.cases.get(), kind=RecordKind.VISIT, form_design=five_kinds,
                              recorded_by=practitioner, answers={"seen": "A", "heard": "B", "decided": "C", "view": "D",
                                                                 "assessed": "E", "judged": "F"})

    groups = answer_groups(answers_for_display(entry))

    assert [(heading, [row.label for row in rows]) for heading, rows in groups] == [
        ("Facts", ["What you saw", "What you heard"]),
        ("Opinions", ["Your view"]),
        ("Assessment", ["Your assessment"]),
        ("Judgements", ["Your judgement"]),
        ("Decisions", ["What was decided"]),
    ]


def test_the_write_up_form_asks_each_question_under_its_kinds_heading(five_kinds):
    html = render_crispy_form(build_answer_form(five_kinds))

    positions = [html.index(f">{heading}</h3>") for heading in HEADINGS]
    assert positions == sorted(positions)
    for heading, label in [("Facts", "What you heard"), ("Opinions", "Your view"), ("Assessment", "Your assessment"),
                           ("Judgements", "Your judgement"), ("Decisions", "What was decided")]:
        after = HEADINGS[HEADINGS.index(heading) + 1] if heading != "Decisions" else None
        at = html.index(label)
        assert html.index(f">{heading}</h3>") < at
        assert after is None or at < html.index(f">{after}</h3>")


# --- New versions with a place for analysis, for approval --------------------------------------

@pytest.fixture
def upgraded(db):
    """An install whose designs were in use when the upgrade came (the test database's are approved):
    the upgrade, run again, submits a new version of each kind beside the one in use."""
    in_use = {kind: designs.approved_design_for(kind) for kind in NEW_VERSION_KINDS}
    _upgrade.create_new_versions(django_apps, None)
    return in_use


@pytest.mark.parametrize("kind", NEW_VERSION_KINDS)
def test_the_upgrade_made_version_2_of_each_kind_as_the_system_user(kind):
    new = FormDesign.objects.get(kind=kind, version=2)

    assert new.submitted_by.username == settings.SYSTEM_USERNAME
    assert new.history.filter(history_change_reason=_upgrade.SUBMITTED, history_user=new.submitted_by).exists()


@pytest.mark.parametrize("kind", NEW_VERSION_KINDS)
def test_new_versions_are_submitted_by_the_system_user_and_not_in_use(kind, upgraded):
    new = latest(kind)

    assert new.version == upgraded[kind].version + 1
    assert new.status == FormDesign.Status.SUBMITTED
    assert new.submitted_by.username == settings.SYSTEM_USERNAME
    assert new.decided_by is None
    assert designs.approved_design_for(kind) == upgraded[kind]  # the old version stays in use until approved


@pytest.mark.parametrize("kind", NEW_VERSION_KINDS)
def test_new_versions_keep_every_question_key_and_add_analysis(kind):
    old, new = FormDesign.objects.get(kind=kind, version=1), latest(kind)

    assert set(kinds_of(old)) <= set(kinds_of(new))
    assert any(answer_kind != AnswerKind.FACT for answer_kind in kinds_of(new).values())
    assert all(answer_kind == AnswerKind.FACT for answer_kind in kinds_of(old).values())  # why they were needed


@pytest.mark.parametrize("kind", CONTACT_KINDS)
def test_a_contacts_decisions_and_reasons_are_no_longer_facts(kind):
    new = kinds_of(latest(kind))

    assert (new["actions_decisions"], new["reasons"], new["analysis"]) == (
        AnswerKind.DECISION, AnswerKind.JUDGEMENT, AnswerKind.OPINION)
    assert (new["people"], new["discussion"]) == (AnswerKind.FACT, AnswerKind.FACT)


def test_a_decisions_reasons_and_options_are_no_longer_facts():
    new = kinds_of(latest(RecordKind.DECISION))

    assert new["decision"] == AnswerKind.DECISION
    assert (new["basis"], new["preference_followed"]) == (AnswerKind.JUDGEMENT, AnswerKind.JUDGEMENT)
    assert (new["options"], new["impact"]) == (AnswerKind.ASSESSMENT, AnswerKind.ASSESSMENT)


def test_the_new_case_summary_asks_for_supervision_outcomes_and_other_agencies_decisions():
    """§5.5: outcomes of supervision, and the local authority's and partner agencies' decisions and their impact."""
    new = latest(RecordKind.CASE_SUMMARY)
    questions = {q.key: q for q in new.questions.all()}

    assert "supervision" in questions["supervision_outcomes"].label.lower()
    assert questions["supervision_outcomes"].answer_kind == AnswerKind.DECISION
    assert "partner agencies" in questions["agency_decisions"].label
    assert "impact" in questions["agency_decisions"].label
    assert questions["progress_analysis"].answer_kind == AnswerKind.ASSESSMENT
    six = ["pen_picture", "reason_for_involvement", "relevant_history", "purpose_and_focus", "intended_outcomes",
           "other_information"]
    assert [k for k in new.questions.order_by("position").values_list("key", flat=True) if k in six] == six


@pytest.mark.parametrize("kind", [RecordKind.CONTACT_PHONE, RecordKind.DECISION, RecordKind.CASE_SUMMARY])
def test_a_senior_leader_approves_the_new_version_and_it_comes_into_use(kind, senior, upgraded):
    new = latest(kind)

    designs.approve(design=new, by=senior, comment="Analysis kept apart")

    assert designs.approved_design_for(kind) == new
    upgraded[kind].refresh_from_db()
    assert upgraded[kind].status == FormDesign.Status.RETIRED


def test_nobody_but_a_senior_leader_approves_the_new_versions(admin_user, upgraded):
    with pytest.raises(Exception):
        designs.approve(design=latest(RecordKind.DECISION), by=admin_user)
    assert latest(RecordKind.DECISION).status == FormDesign.Status.SUBMITTED
