"""§2: only senior leadership approves or rejects a form design, by whatever route it is tried."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from access.staff import roles
from access.audit.history import acting_as
from records.designs import services as designs
from records.models import FormDesign
from tests.conftest import client_for
from tests.records.conftest import refused_by_database

Status = FormDesign.Status


def test_senior_leader_approves_and_the_previous_version_is_retired(visit_v1, visit_submitted, senior):
    designs.approve(design=visit_submitted, by=senior, comment="Fits the visiting guidance")

    visit_submitted.refresh_from_db()
    visit_v1.refresh_from_db()
    assert visit_submitted.status == Status.APPROVED
    assert visit_submitted.decided_by == senior
    assert visit_submitted.decision_comment == "Fits the visiting guidance"
    assert visit_v1.status == Status.RETIRED
    assert designs.approved_design_for("visit") == visit_submitted


def test_history_shows_who_drafted_submitted_and_approved(visit_submitted, admin_user, senior):
    designs.approve(design=visit_submitted, by=senior)

    rows = list(visit_submitted.history.order_by("history_date", "history_id").values_list("status", "history_user"))
    assert rows == [(Status.DRAFT, admin_user.pk), (Status.SUBMITTED, admin_user.pk), (Status.APPROVED, senior.pk)]


@pytest.mark.parametrize("who", ["practitioner", "manager", "admin_user", "administrator", "edt"])
def test_other_roles_cannot_approve_through_the_service(request, visit_submitted, who):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        designs.approve(design=visit_submitted, by=user)

    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["practitioner", "admin_user"])
def test_other_roles_cannot_reject_through_the_service(request, visit_submitted, who):
    with pytest.raises(PermissionDenied):
        designs.reject(design=visit_submitted, by=request.getfixturevalue(who), comment="No")

    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


def test_inactive_senior_leader_cannot_approve(visit_submitted, senior):
    senior.is_active = False
    senior.save()

    with pytest.raises(PermissionDenied):
        designs.approve(design=visit_submitted, by=senior)


def test_direct_save_as_approved_by_a_practitioner_is_refused(visit_submitted, practitioner):
    visit_submitted.status = Status.APPROVED
    visit_submitted.decided_by = practitioner
    visit_submitted.decided_at = timezone.now()

    with acting_as(practitioner), pytest.raises(PermissionDenied):
        visit_submitted.save()


def test_direct_save_naming_a_senior_leader_while_someone_else_acts_is_refused(visit_submitted, senior, admin_user):
    visit_submitted.status = Status.APPROVED
    visit_submitted.decided_by = senior
    visit_submitted.decided_at = timezone.now()

    with acting_as(admin_user), pytest.raises(PermissionDenied):
        visit_submitted.save()


def test_direct_save_naming_a_senior_leader_outside_any_request_is_refused(visit_submitted, senior):
    # A shell or task acts as the system user, who is not a senior leader.
    visit_submitted.status = Status.APPROVED
    visit_submitted.decided_by = senior
    visit_submitted.decided_at = timezone.now()

    with pytest.raises(PermissionDenied):
        visit_submitted.save()


def test_system_user_cannot_approve(visit_submitted, system):
    visit_submitted.status = Status.APPROVED
    visit_submitted.decided_by = system
    visit_submitted.decided_at = timezone.now()

    with acting_as(system), pytest.raises(PermissionDenied):
        visit_submitted.save()


@pytest.mark.parametrize("status", [Status.APPROVED, Status.REJECTED])
def test_queryset_update_by_a_non_senior_is_refused_by_the_database(visit_submitted, practitioner, status):
    message = refused_by_database(
        lambda: FormDesign.objects.filter(pk=visit_submitted.pk).update(
            status=status, decided_by=practitioner, decided_at=timezone.now(), decision_comment="Looks fine"
        )
    )

    assert "Only members of Senior leadership can approve or reject" in message
    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


def test_raw_sql_approval_by_a_non_senior_is_refused_by_the_database(visit_submitted, admin_user):
    def approve_in_sql():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE records_formdesign SET status = 'approved', decided_by_id = %s, decided_at = now() WHERE id = %s",
                [admin_user.pk, visit_submitted.pk],
            )

    assert "Only members of Senior leadership" in refused_by_database(approve_in_sql)


def test_database_accepts_approval_naming_a_senior_leader(visit_v1, visit_submitted, senior):
    # The database can only check who is named; the model layer checks who is acting.
    FormDesign.objects.filter(pk=visit_v1.pk).update(status=Status.RETIRED)
    FormDesign.objects.filter(pk=visit_submitted.pk).update(
        status=Status.APPROVED, decided_by=senior, decided_at=timezone.now()
    )

    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.APPROVED


def test_database_refuses_approval_by_a_former_senior_leader(visit_v1, visit_submitted, senior):
    senior.groups.remove(Group.objects.get(name=roles.SENIOR_LEADERSHIP))
    FormDesign.objects.filter(pk=visit_v1.pk).update(status=Status.RETIRED)

    message = refused_by_database(
        lambda: FormDesign.objects.filter(pk=visit_submitted.pk).update(
            status=Status.APPROVED, decided_by=senior, decided_at=timezone.now()
        )
    )
    assert "Only members of Senior leadership" in message


def test_draft_cannot_jump_to_approved_in_the_database(visit_draft, senior):
    message = refused_by_database(
        lambda: FormDesign.objects.filter(pk=visit_draft.pk).update(
            status=Status.APPROVED, submitted_by=senior, submitted_at=timezone.now(),
            decided_by=senior, decided_at=timezone.now(),
        )
    )
    assert "change of status is not allowed" in message


def test_a_draft_cannot_be_approved(visit_draft, senior):
    with pytest.raises(ValidationError, match="Only a submitted design can be approved"):
        designs.approve(design=visit_draft, by=senior)


def test_rejection_needs_a_comment(visit_submitted, senior):
    with pytest.raises(ValidationError, match="Enter the reason for rejecting"):
        designs.reject(design=visit_submitted, by=senior, comment="  ")

    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


def test_rejected_design_can_be_changed_and_resubmitted(visit_submitted, senior, admin_user):
    designs.reject(design=visit_submitted, by=senior, comment="Say which plan outcome the visit was for")
    question = visit_submitted.questions.get(key="purpose")
    question.help_text = "Name the plan outcome the visit was for."
    question.save()

    designs.submit(design=visit_submitted, by=admin_user)

    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED
    assert visit_submitted.decided_by is None
    assert visit_submitted.history.filter(status=Status.REJECTED, decision_comment__startswith="Say which").exists()


def test_an_older_version_cannot_replace_a_newer_one_in_use(visit_v1, admin_user, senior):
    older = designs.new_version_from(design=visit_v1, by=admin_user)
    newer = designs.new_version_from(design=visit_v1, by=admin_user)
    designs.submit(design=older, by=admin_user)
    designs.submit(design=newer, by=admin_user)
    designs.approve(design=newer, by=senior)

    with pytest.raises(ValidationError, match="already in use and is newer"):
        designs.approve(design=older, by=senior)


def test_admin_action_by_an_administrator_does_not_approve(visit_submitted, admin_user):
    response = client_for(admin_user).post(
        "/admin/records/formdesign/",
        {"action": "approve_selected", "_selected_action": [visit_submitted.pk]},
        follow=True,
    )

    assert response.status_code == 200
    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


def test_approve_action_is_not_offered_to_an_administrator(visit_submitted, admin_user):
    response = client_for(admin_user).get("/admin/records/formdesign/")

    assert 'value="submit_for_approval"' in response.content.decode()
    assert 'value="approve_selected"' not in response.content.decode()


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_admin_decision_post_by_an_administrator_is_refused(visit_submitted, admin_user, decision):
    response = client_for(admin_user).post(
        f"/admin/records/formdesign/{visit_submitted.pk}/decide/", {"decision": decision, "comment": "Fine"}
    )

    assert response.status_code == 403
    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


def test_admin_change_form_cannot_set_the_status(visit_draft, admin_user):
    response = client_for(admin_user).post(
        f"/admin/records/formdesign/{visit_draft.pk}/change/",
        {"title": "Visit record", "purpose": "", "status": "approved", "decided_by": admin_user.pk,
         "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 302  # saved, with the status left alone
    visit_draft.refresh_from_db()
    assert visit_draft.status == Status.DRAFT
    assert visit_draft.decided_by is None


def test_senior_leader_approves_through_the_admin_action(visit_v1, visit_submitted, senior):
    senior.is_staff = True
    senior.save()

    client_for(senior).post(
        "/admin/records/formdesign/", {"action": "approve_selected", "_selected_action": [visit_submitted.pk]}
    )

    visit_submitted.refresh_from_db()
    visit_v1.refresh_from_db()
    assert (visit_submitted.status, visit_v1.status) == (Status.APPROVED, Status.RETIRED)


def test_senior_leader_approves_through_the_decision_page(visit_v1, visit_submitted, senior):
    senior.is_staff = True
    senior.save()

    response = client_for(senior).post(
        f"/admin/records/formdesign/{visit_submitted.pk}/decide/", {"decision": "approve", "comment": "Agreed at SLT"}
    )

    assert response.status_code == 302
    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.APPROVED
    assert visit_submitted.decision_comment == "Agreed at SLT"


def test_rejecting_in_the_admin_without_a_comment_shows_the_error(visit_submitted, senior):
    senior.is_staff = True
    senior.save()

    response = client_for(senior).post(
        f"/admin/records/formdesign/{visit_submitted.pk}/decide/", {"decision": "reject", "comment": ""}
    )

    assert response.status_code == 200
    assert "Enter the reason for rejecting the design" in response.content.decode()
    visit_submitted.refresh_from_db()
    assert visit_submitted.status == Status.SUBMITTED


def test_whoever_submitted_a_design_cannot_approve_it_through_the_service(visit_draft, senior):
    senior.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))  # a senior leader who also drafts designs
    designs.submit(design=visit_draft, by=senior)

    with pytest.raises(PermissionDenied, match="another member of Senior leadership must approve it"):
        designs.approve(design=visit_draft, by=senior)

    visit_draft.refresh_from_db()
    assert visit_draft.status == Status.SUBMITTED


def test_each_decision_is_an_audit_event_naming_the_design(visit_submitted, senior, admin_user):
    designs.reject(design=visit_submitted, by=senior, comment="Keep the analysis question")
    designs.submit(design=visit_submitted, by=admin_user)
    designs.approve(design=visit_submitted, by=senior)

    events = list(AuditEvent.objects.filter(actor=senior).order_by("pk").values_list("action", "detail", "child"))
    about = f"Visit design, version {visit_submitted.version}"
    assert events == [(AuditAction.SENT_BACK_FORM_DESIGN, f"{about}: Keep the analysis question", None),
                      (AuditAction.APPROVED_FORM_DESIGN, about, None)]
