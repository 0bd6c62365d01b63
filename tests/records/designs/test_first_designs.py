"""The data migration's first versions, approved by a senior leader, follow the recording policy (§2, §4, §5.2, §5.3, §5.5)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from access.staff import roles
from records.models import FormDesign, RecordKind
from tests.conftest import POLICY_APPROVER

pytestmark = pytest.mark.django_db

VISIT_LABELS = [  # §5.2, without the items kept as fixed columns (venue, who was present, interpreter, seen)
    "The purpose of the visit and how it relates to the plan",
    "Information exchanged",
    "A succinct narrative of the discussion",
    "The child's views",
    "The parent's or carer's views",
    "Significant changes of circumstances",
    "Analysis and evaluation of the outcome of the visit",
    "Actions",
]
CASE_SUMMARY_LABELS = [  # §5.5, the six headings in order
    "Pen picture of the child",
    "Reason for current involvement",
    "Overview of relevant history",
    "Purpose and focus of intervention",
    "Intended outcomes and plan",
    "Any other key information",
]


def labels(kind):
    return list(FormDesign.objects.get(kind=kind, version=1).questions.order_by("position").values_list("label", flat=True))


def test_every_kind_has_an_approved_first_version():
    approved = dict(FormDesign.objects.filter(status="approved").values_list("kind", "version"))

    # the first version, or the newer one a migration submitted since (contacts, decisions, case summaries)
    assert set(approved) == set(RecordKind.values)
    assert all(version >= 1 for version in approved.values())


def test_a_fresh_install_submits_the_first_versions_without_approving_them():
    """§2: the migration makes each first version submitted by the system user; its first history row says so."""
    for design in FormDesign.objects.filter(version=1):
        first = design.history.earliest()
        assert (first.history_type, first.status, first.history_user.username) == ("+", "submitted", settings.SYSTEM_USERNAME)
        assert first.decided_by_id is None
        assert "recording policy" in first.history_change_reason


def test_first_versions_in_use_were_approved_by_a_senior_leader_through_the_service():
    """The suite's setup approves them as a senior leader (tests/conftest.py), as seed_demo does."""
    for design in FormDesign.objects.filter(status="approved").select_related("created_by", "submitted_by", "decided_by"):
        assert {design.created_by.username, design.submitted_by.username} == {settings.SYSTEM_USERNAME}
        assert design.decided_by.username == POLICY_APPROVER
        assert roles.is_senior_leader(design.decided_by)
        assert design.history.latest().history_user == design.decided_by
        assert not design.approved_at_install


def test_no_design_in_use_is_approved_by_the_system_user():
    assert not FormDesign.objects.filter(status="approved", decided_by__username=settings.SYSTEM_USERNAME).exists()


def test_system_user_cannot_sign_in():
    system = FormDesign.objects.get(kind="visit", version=1).submitted_by

    assert not system.is_active
    assert not system.has_usable_password()


def test_visit_questions_follow_section_5_2():
    assert labels(RecordKind.VISIT) == VISIT_LABELS


def test_visit_analysis_is_marked_as_opinion():
    design = FormDesign.objects.get(kind=RecordKind.VISIT, version=1)

    assert list(design.questions.exclude(answer_kind="fact").values_list("key", "answer_kind")) == [("analysis", "opinion")]


def test_case_summary_questions_are_the_six_headings_of_section_5_5():
    assert labels(RecordKind.CASE_SUMMARY) == CASE_SUMMARY_LABELS


@pytest.mark.parametrize("kind", [k for k in RecordKind.values if k.startswith("contact_")])
def test_contacts_record_who_what_actions_and_reasons(kind):
    keys = list(FormDesign.objects.get(kind=kind, version=1).questions.order_by("position").values_list("key", flat=True))

    assert keys == ["people", "discussion", "actions_decisions", "reasons"]


def test_decision_records_basis_options_and_the_familys_preference():
    assert labels(RecordKind.DECISION) == [
        "The decision",
        "The basis and reasons for the decision",
        "Options considered",
        "The child's and family's preferred choice",
        "Why their preferred choice was or was not followed",
    ]


def test_administrators_and_senior_leaders_reach_the_designs_in_the_admin():
    def codenames(group):
        return set(Group.objects.get(name=group).permissions.filter(content_type__app_label="records")
                   .values_list("codename", flat=True))

    assert codenames("Administrator") == {
        "add_formdesign", "change_formdesign", "view_formdesign",
        "add_formquestion", "change_formquestion", "view_formquestion", "delete_formquestion",
        "view_fixedform", "view_fixedformversion",
        "view_visitrule", "change_visitrule",  # issue 16: the statutory visit rules
        "view_retentionrule", "change_retentionrule",  # issue 18: the retention rules
    }
    assert codenames("Senior leadership") == {"view_formdesign", "change_formdesign", "view_formquestion",
                                              "view_fixedform", "view_fixedformversion",
                                              "view_visitrule", "change_visitrule", "view_retentionrule"}
