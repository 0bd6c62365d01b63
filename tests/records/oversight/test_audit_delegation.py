"""§13: a manager delegates record audits to a named senior practitioner of the team for a period: during
it, and only then, the delegate draws samples and audits for that team; the delegation is recorded (who
delegated and when) and can be ended early."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from access.staff import roles
from records.oversight import audits, delegation
from records.oversight.models import AuditDelegation, AuditSample
from tests.conftest import client_for
from tests.factories import make_staff
from tests.records.oversight.oversight_builders import completed_entry


@pytest.fixture(autouse=True)
def _designs(policy_designs):
    """The approved designs."""


@pytest.fixture
def senior(assessment_team):
    return make_staff("senior", role=roles.PRACTITIONER, team=assessment_team, post_title="Senior Social Worker",
                      first_name="Tom", last_name="Okafor")


@pytest.fixture
def recorded(child, practitioner):
    now = timezone.now()
    return completed_entry(child, practitioner, event_at=now - timedelta(days=3), completed_at=now - timedelta(days=2))


def today():
    return timezone.localdate()


def delegate(team, manager, senior, start=0, end=7):
    return delegation.delegate_audits(team=team, by=manager, delegate=senior, starts_on=today() + timedelta(days=start),
                                      ends_on=today() + timedelta(days=end))


def draw(team, by):
    return audits.draw_sample(team=team, by=by, period_start=today() - timedelta(days=20), period_end=today(),
                              per_practitioner=1, seed=7)


def test_delegation_is_recorded_with_who_delegated_and_when(assessment_team, manager, senior):
    made = delegate(assessment_team, manager, senior)
    assert (made.team, made.delegate, made.delegated_by, made.ended_at) == (assessment_team, senior, manager, None)
    assert abs(made.delegated_at - timezone.now()) < timedelta(minutes=1)
    event = AuditEvent.objects.get(action=AuditAction.DELEGATED_RECORD_AUDITS)
    assert (event.actor, event.subject_user) == (manager, senior)


def test_during_the_period_the_delegate_draws_and_audits_for_the_team(assessment_team, manager, senior, recorded,
                                                                      child):
    delegate(assessment_team, manager, senior)
    sample = draw(assessment_team, senior)
    assert sample.drawn_by == senior
    audit = sample.audits.get()
    answers = {code: audits.ChecklistAnswer("met", "") for code, _ in audits.CHECKLIST}
    done = audits.complete_audit(audit=audit, by=senior, answers=answers, grade="good", summary="Well kept")
    assert done.auditor == senior
    deficiency = audits.add_deficiency(audit=audit, by=senior, description="Add the child's views",
                                       assigned_to=recorded.recorded_by, put_right_by=today() + timedelta(days=5))
    assert deficiency.created_by == senior
    client = client_for(senior)
    assert client.get("/audits/").status_code == 200
    assert client.get("/audits/new/").status_code == 200
    assert client.get(f"/children/{child.local_id}/audits/{audit.pk}/").status_code == 200


@pytest.mark.parametrize("start, end", [(1, 7), (-10, -1)])
def test_before_or_after_the_period_the_delegate_cannot(assessment_team, manager, senior, recorded, start, end):
    if start < 0:  # a delegation that has run its course (made in the past)
        AuditDelegation.objects.create(team=assessment_team, delegate=senior, delegated_by=manager,
                                       starts_on=today() + timedelta(days=start), ends_on=today() + timedelta(days=end))
    else:
        delegate(assessment_team, manager, senior, start, end)
    with pytest.raises(PermissionDenied):
        draw(assessment_team, senior)
    assert not AuditSample.objects.exists()
    assert client_for(senior).get("/audits/").status_code == 404
    assert client_for(senior).get("/audits/new/").status_code == 404


def test_ending_early_stops_it_and_keeps_the_record(assessment_team, manager, senior, recorded, child):
    made = delegate(assessment_team, manager, senior)
    sample = draw(assessment_team, senior)
    response = client_for(manager).post(f"/audits/delegations/{made.pk}/end/")
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.ended_by == manager and made.ended_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.ENDED_AUDIT_DELEGATION, subject_user=senior).exists()
    with pytest.raises(PermissionDenied):
        draw(assessment_team, senior)
    audit = sample.audits.get()
    assert client_for(senior).get(f"/children/{child.local_id}/audits/{audit.pk}/").status_code == 404
    with pytest.raises(ValidationError, match="already ended"):
        delegation.end_delegation(delegation=made, by=manager)


def test_the_delegate_audits_only_that_team(assessment_team, care_team, manager, care_manager, senior, other_child,
                                            other_practitioner):
    delegate(assessment_team, manager, senior)
    now = timezone.now()
    completed_entry(other_child, other_practitioner, event_at=now - timedelta(days=3), completed_at=now)
    with pytest.raises(PermissionDenied):
        draw(care_team, senior)
    assert list(audits.teams_audited_by(senior)) == [assessment_team]


def test_only_the_teams_manager_delegates_and_only_to_a_practitioner_of_the_team(
        assessment_team, manager, care_manager, senior, colleague, other_practitioner):
    with pytest.raises(PermissionDenied):
        delegate(assessment_team, care_manager, senior)
    with pytest.raises(PermissionDenied):
        delegate(assessment_team, colleague, senior)
    for wrong in (other_practitioner, manager):
        with pytest.raises(ValidationError, match="practitioner of the team"):
            delegate(assessment_team, manager, wrong)
    with pytest.raises(ValidationError, match="start today or later"):
        delegate(assessment_team, manager, senior, -1, 3)
    with pytest.raises(ValidationError, match="on or after the day it starts"):
        delegate(assessment_team, manager, senior, 3, 2)
    assert not AuditDelegation.objects.exists()


def test_the_manager_delegates_through_the_form_and_sees_the_list(assessment_team, manager, senior):
    start, end = today(), today() + timedelta(days=14)
    client = client_for(manager)
    page = client.get("/audits/delegations/new/").content.decode()
    assert "Tom Okafor, Senior Social Worker" in page
    response = client.post("/audits/delegations/new/", {
        "team": assessment_team.pk, "delegate": senior.pk,
        "starts_on_0": start.day, "starts_on_1": start.month, "starts_on_2": start.year,
        "ends_on_0": end.day, "ends_on_1": end.month, "ends_on_2": end.year,
    })
    assert response.status_code == 302
    made = AuditDelegation.objects.get()
    assert (made.delegate, made.starts_on, made.ends_on, made.delegated_by) == (senior, start, end, manager)
    listing = client.get("/audits/delegations/").content.decode()
    assert "Tom Okafor" in listing and "In force" in listing
    assert "Delegate record audits" in client.get("/audits/").content.decode()


def test_others_cannot_use_the_delegation_pages(assessment_team, manager, senior, colleague, care_manager):
    made = delegate(assessment_team, manager, senior)
    for user in (senior, colleague):
        assert client_for(user).get("/audits/delegations/").status_code == 404
        assert client_for(user).post(f"/audits/delegations/{made.pk}/end/").status_code == 404
    assert client_for(care_manager).post(f"/audits/delegations/{made.pk}/end/").status_code == 404
    made.refresh_from_db()
    assert made.ended_at is None


# --- The delegation pages: bad input and their queries (issue 15 re-audit) ---------------------------

def _delegation_form(team, senior, start, end) -> dict:
    return {"team": team.pk, "delegate": senior.pk,
            "starts_on_0": start.day, "starts_on_1": start.month, "starts_on_2": start.year,
            "ends_on_0": end.day, "ends_on_1": end.month, "ends_on_2": end.year}


def test_a_delegation_ending_before_it_starts_is_refused_and_nothing_is_saved(assessment_team, manager, senior):
    from tests.govuk_html import error_summary
    response = client_for(manager).post("/audits/delegations/new/", _delegation_form(
        assessment_team, senior, today() + timedelta(days=7), today()))
    assert response.status_code == 200 and error_summary(response)
    with pytest.raises(ValidationError):
        delegation.delegate_audits(team=assessment_team, by=manager, delegate=senior,
                                   starts_on=today() + timedelta(days=7), ends_on=today())
    assert not AuditDelegation.objects.exists()


@pytest.mark.parametrize("size", [1, 12])
def test_the_delegation_pages_read_a_fixed_number_of_queries(assessment_team, manager, senior, size,
                                                             django_assert_max_num_queries):
    for n in range(size):
        made = delegate(assessment_team, manager, senior, start=n, end=n + 1)
        if n % 2:
            delegation.end_delegation(delegation=made, by=manager)
    client = client_for(manager)
    client.get("/audits/delegations/")  # warm
    with django_assert_max_num_queries(12) as listing:
        page = client.get("/audits/delegations/")
    assert page.status_code == 200 and page.content.decode().count("Tom Okafor") >= size
    with django_assert_max_num_queries(12):
        assert client.get("/audits/delegations/new/").status_code == 200
    assert len(listing) <= 12
