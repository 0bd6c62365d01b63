"""§2: nothing is recorded on a design until a senior leader approves it, including the first ones.

A fresh install starts with the policy's first designs submitted (records 0002); one service call
approves the latest submitted version of every kind as a senior leader (seed_demo and the suite's
setup use it), rejecting older submitted versions as superseded.
"""

import pytest
from django.core.exceptions import PermissionDenied

from records.designs import services as designs
from records.models import Entry, FormDesign, RecordKind
from tests.conftest import client_for
from tests.govuk_html import error_summary
from tests.records.entries.test_recording_visits import an_hour_ago, page_url, when_fields

Status = FormDesign.Status


def submitted_copy(design, by):
    """A new version with the same questions, submitted for approval by administrator `by`."""
    return designs.submit(design=designs.new_version_from(design=design, by=by), by=by)


def leave_only_submitted(kind, administrator):
    """The state of a fresh install for `kind`: a submitted design, none approved."""
    in_use = designs.approved_design_for(kind)
    copy = submitted_copy(in_use, administrator)
    in_use.status = Status.RETIRED  # the one change §2 allows an approved design
    in_use.save()
    return copy


def test_one_call_approves_the_latest_submitted_version_of_each_kind(administrator, senior):
    visit_v2 = submitted_copy(designs.approved_design_for(RecordKind.VISIT), administrator)
    visit_v3 = submitted_copy(designs.approved_design_for(RecordKind.VISIT), administrator)
    letter_in_use = designs.approved_design_for(RecordKind.CONTACT_LETTER)
    letter_new = submitted_copy(letter_in_use, administrator)

    approved = designs.approve_latest_submitted(by=senior, comment="Agreed at the leadership meeting")

    assert sorted((d.kind, d.version) for d in approved) == [
        ("contact_letter", letter_in_use.version + 1), ("visit", visit_v3.version)]
    visit_v2.refresh_from_db()
    assert (visit_v2.status, visit_v2.decided_by, visit_v2.decision_comment) == (
        Status.REJECTED, senior, f"Superseded by version {visit_v3.version}.")
    assert designs.approved_design_for(RecordKind.VISIT).pk == visit_v3.pk
    assert designs.approved_design_for(RecordKind.CONTACT_LETTER).pk == letter_new.pk
    in_use = FormDesign.objects.get(pk=visit_v3.pk)
    assert (in_use.decided_by, in_use.decision_comment, in_use.history.latest().history_user) == (
        senior, "Agreed at the leadership meeting", senior)
    assert FormDesign.objects.get(kind=RecordKind.VISIT, version=1).status == Status.RETIRED
    assert not FormDesign.objects.filter(status=Status.SUBMITTED).exists()


def test_a_submitted_version_older_than_the_one_in_use_is_rejected_as_superseded(administrator, senior):
    older = submitted_copy(designs.approved_design_for(RecordKind.DECISION), administrator)
    newer = submitted_copy(designs.approved_design_for(RecordKind.DECISION), administrator)
    designs.approve(design=newer, by=senior)

    assert designs.approve_latest_submitted(by=senior) == []

    older.refresh_from_db()
    assert (older.status, older.decision_comment) == (Status.REJECTED, f"Superseded by version {newer.version}.")
    assert designs.approved_design_for(RecordKind.DECISION).pk == newer.pk


@pytest.mark.parametrize("who", ["administrator", "admin_user", "manager", "practitioner"])
def test_only_a_senior_leader_can_approve_the_submitted_designs(request, administrator, who):
    copy = leave_only_submitted(RecordKind.REVIEW, administrator)

    with pytest.raises(PermissionDenied):
        designs.approve_latest_submitted(by=request.getfixturevalue(who))

    copy.refresh_from_db()
    assert copy.status == Status.SUBMITTED
    assert not FormDesign.objects.filter(kind=RecordKind.REVIEW, status=Status.APPROVED).exists()


def test_a_kind_with_only_a_submitted_design_cannot_be_recorded_and_says_so(child, practitioner, administrator):
    leave_only_submitted(RecordKind.VISIT, administrator)

    response = client_for(practitioner).post(page_url(child, "visit_new"), {**when_fields(an_hour_ago()),
                                                                            "planned_purpose": "See Amara"})

    assert response.status_code == 200
    assert error_summary(response) == [
        "There is no approved form design for visit yet, so it cannot be recorded. Ask senior leadership to approve one."
    ]
    assert not Entry.objects.exists()


def test_once_a_senior_leader_approves_it_the_kind_can_be_recorded(child, practitioner, administrator, senior):
    copy = leave_only_submitted(RecordKind.VISIT, administrator)
    designs.approve_latest_submitted(by=senior)

    response = client_for(practitioner).post(page_url(child, "visit_new"), {**when_fields(an_hour_ago()),
                                                                            "planned_purpose": "See Amara"})

    assert response.status_code == 302
    assert Entry.objects.get().form_design_id == copy.pk


def test_seed_demo_approves_the_submitted_designs_and_the_forms_as_the_demo_senior_leader(settings, administrator):
    import io

    from django.core.management import call_command

    from records.form_register import selectors as form_register
    from records.form_register.services import record_versions

    settings.DEBUG = True
    copy = leave_only_submitted(RecordKind.VISIT, administrator)
    record_versions()

    call_command("seed_demo", verbosity=0, stdout=io.StringIO())

    copy.refresh_from_db()
    assert (copy.status, copy.decided_by.username) == (Status.APPROVED, "slt")
    assert not FormDesign.objects.filter(status=Status.SUBMITTED).exists()
    assert not form_register.versions_awaiting_approval().exists()
    assert {v.approved_by.username for v in form_register.versions_in_use()} == {"slt"}
