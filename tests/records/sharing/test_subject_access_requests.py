"""Subject access requests: taken, extended, moved on and released by team managers only."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from access.models import AuditAction, Disclosure, SubjectAccessRequest
from records.sharing import subject_access
from records.models import PdfJob
from records.sharing.subject_access import change_status, extend_deadline, release_subject_access
from records.documents.services import upload_document
from tests.conftest import as_of_today, client_for
from tests.records.documents.document_builders import pdf_file
from tests.records.entries.test_recording_visits import completed_visit
from tests.records.history.test_history_views import restricted_entry  # noqa: F401 (a fixture)
from tests.records.pdfs.test_pdf_content import built
from tests.govuk_html import assert_form_error, texts
from tests.records.sharing.sharing_builders import actions, bundle, date_fields, identity_checked_sar, sar, today, url

Status = SubjectAccessRequest.Status


def request_fields(**overrides) -> dict:
    return {"requester_name": "Grace Okoye", "relationship": "Mother", **date_fields("received_on", today()),
            "identity_checked": "False", **overrides}


def row(request) -> dict:
    return SubjectAccessRequest.objects.filter(pk=request.pk).values().get()


# --- Taking a request -------------------------------------------------------------------------------

def test_manager_records_a_request_due_one_calendar_month_after_receipt(child, manager):
    response = client_for(manager).post(url("sar_new", child), request_fields())

    request = SubjectAccessRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == url("sar_detail", child, request.pk)
    assert (request.requester_name, request.relationship, request.received_on) == ("Grace Okoye", "Mother", today())
    assert request.due_on == subject_access.due_date(today()) and request.status == Status.RECEIVED
    assert request.created_by == manager
    assert actions(child)[-1] == AuditAction.RECEIVED_SUBJECT_ACCESS_REQUEST


def test_request_received_on_31_january_is_due_on_28_february(child, manager):
    assert sar(child, manager, received_on=date(2026, 1, 31)).due_on == date(2026, 2, 28)


def test_request_with_identity_checked_on_receipt_starts_identity_checked(child, manager):
    client_for(manager).post(url("sar_new", child), request_fields(
        identity_checked="True", **date_fields("identity_checked_on", today()),
        identity_evidence="Passport"))

    request = SubjectAccessRequest.objects.get()
    assert (request.status, request.identity_checked_on, request.identity_evidence) == (
        Status.IDENTITY_CHECKED, today(), "Passport")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"requester_name": ""}, "Enter the name of the person making the request"),
    ({"relationship": ""}, "Enter the requester's relationship to the child"),
    (lambda today: date_fields("received_on", today + timedelta(days=2)),
     "The date the request was received cannot be in the future"),
    ({"received_on_0": "30", "received_on_1": "2"}, "The date the request was received must be a real date"),
    ({"identity_checked": ""}, "Select yes if the requester's identity has been checked"),
    ({"identity_checked": "True", "identity_evidence": "Passport"},
     "Enter the date the requester's identity was checked"),
    (lambda today: {"identity_checked": "True", **date_fields("identity_checked_on", today)},
     "Enter the evidence of identity that was seen"),
    (lambda today: {"identity_checked": "True", "identity_evidence": "Passport",
                    **date_fields("received_on", today), **date_fields("identity_checked_on", today - timedelta(days=1))},
     "The identity cannot have been checked before the request was received"),
])
def test_each_rule_of_a_new_request_has_its_error_and_nothing_is_saved(child, manager, overrides, message):
    response = client_for(manager).post(url("sar_new", child), request_fields(**as_of_today(overrides)))

    assert response.status_code == 200
    assert_form_error(response, message)
    assert not SubjectAccessRequest.objects.exists()


def test_the_service_refuses_a_request_from_someone_who_is_not_a_manager(child, practitioner):
    with pytest.raises(PermissionDenied):
        sar(child, practitioner)
    assert not SubjectAccessRequest.objects.exists()


def test_the_service_refuses_a_request_received_in_the_future(child, manager):
    with pytest.raises(ValidationError, match="cannot be in the future"):
        sar(child, manager, received_on=today() + timedelta(days=1))


# --- Extending the deadline --------------------------------------------------------------------------

@pytest.fixture
def request_(child, manager):
    return sar(child, manager, received_on=date(2026, 10, 31))  # due 30 November, at the latest 31 January


def extension_fields(day, reason="The record runs to 2,000 pages") -> dict:
    return {**date_fields("extended_to", day), "reason": reason}


def test_manager_extends_the_deadline_with_a_reason(child, manager, request_):
    response = client_for(manager).post(url("sar_extend", child, request_.pk), extension_fields(date(2027, 1, 31)))

    assert response.status_code == 302
    request_.refresh_from_db()
    assert (request_.extended_to, request_.extension_reason) == (date(2027, 1, 31), "The record runs to 2,000 pages")
    assert request_.deadline == date(2027, 1, 31) and request_.due_on == date(2026, 11, 30)
    assert actions(child)[-1] == AuditAction.EXTENDED_SUBJECT_ACCESS_REQUEST
    page = client_for(manager).get(url("sar_detail", child, request_.pk))
    assert "31 January 2027: The record runs to 2,000 pages" in texts(page, "govuk-summary-list__value")


@pytest.mark.parametrize(("fields", "message"), [
    (extension_fields(date(2027, 2, 1)), "A deadline can be extended by at most two further months: "
                                         "the latest is 31 January 2027"),
    (extension_fields(date(2026, 11, 30)), "The new deadline must be after the current deadline, 30 November 2026"),
    (extension_fields(date(2026, 11, 15)), "The new deadline must be after the current deadline, 30 November 2026"),
    (extension_fields(date(2027, 1, 1), reason=""), "Enter why the deadline is extended"),
])
def test_each_rule_of_an_extension_has_its_error_and_nothing_is_saved(child, manager, request_, fields, message):
    before = row(request_)

    response = client_for(manager).post(url("sar_extend", child, request_.pk), fields)

    assert response.status_code == 200
    assert_form_error(response, message)
    assert row(request_) == before


def test_a_second_extension_may_go_on_to_the_limit_but_never_beyond(manager, request_):
    extend_deadline(request=request_, by=manager, extended_to=date(2026, 12, 31), reason="Several requests")
    extend_deadline(request=request_, by=manager, extended_to=date(2027, 1, 31), reason="Still complex")
    with pytest.raises(ValidationError, match="at most two further months"):
        extend_deadline(request=request_, by=manager, extended_to=date(2027, 2, 1), reason="More")
    request_.refresh_from_db()
    assert request_.deadline == date(2027, 1, 31)


def test_the_service_refuses_an_extension_without_a_reason_or_past_the_limit(manager, request_):
    before = row(request_)
    with pytest.raises(ValidationError, match="Enter why"):
        extend_deadline(request=request_, by=manager, extended_to=date(2026, 12, 31), reason="  ")
    with pytest.raises(ValidationError, match="the latest is 31 January 2027"):
        extend_deadline(request=request_, by=manager, extended_to=date(2027, 3, 1), reason="Complex")
    assert row(request_) == before


def test_the_database_refuses_an_extension_without_a_reason(request_):
    with pytest.raises(IntegrityError), transaction.atomic():
        SubjectAccessRequest.objects.filter(pk=request_.pk).update(extended_to=date(2026, 12, 31))


def test_a_released_request_cannot_be_extended(child, manager):
    request = identity_checked_sar(child, manager)
    release_subject_access(request=request, by=manager, pdf_job=bundle(request, manager))
    with pytest.raises(ValidationError, match="released: it can no longer change"):
        extend_deadline(request=request, by=manager, extended_to=request.due_on + timedelta(days=5), reason="Late")


def test_extending_is_refused_to_a_practitioner(child, practitioner, manager, request_):
    with pytest.raises(PermissionDenied):
        extend_deadline(request=request_, by=practitioner, extended_to=date(2026, 12, 31), reason="Complex")


# --- Status changes ---------------------------------------------------------------------------------

def test_manager_records_the_identity_check_on_the_status_page(child, manager, request_):
    response = client_for(manager).post(url("sar_status", child, request_.pk), {
        "status": Status.IDENTITY_CHECKED, **date_fields("identity_checked_on", date(2026, 11, 2)),
        "identity_evidence": "Driving licence", "note": ""})

    assert response.status_code == 302
    request_.refresh_from_db()
    assert (request_.status, request_.identity_checked_on, request_.identity_evidence) == (
        Status.IDENTITY_CHECKED, date(2026, 11, 2), "Driving licence")


@pytest.mark.parametrize(("fields", "message"), [
    ({"status": ""}, "Select the new status"),
    ({"status": Status.IDENTITY_CHECKED, "identity_evidence": "Passport"},
     "Enter the date the requester's identity was checked"),
    ({"status": Status.IDENTITY_CHECKED, **date_fields("identity_checked_on", date(2026, 11, 2))},
     "Enter the evidence of identity that was seen"),
    ({"status": Status.IDENTITY_CHECKED, "identity_evidence": "Passport",
      **date_fields("identity_checked_on", date(2026, 10, 30))},
     "The identity cannot have been checked before the request was received"),
    ({"status": Status.CLOSED, "note": ""}, "Enter why the request is closed without release"),
])
def test_each_rule_of_a_status_change_has_its_error_and_nothing_is_saved(child, manager, request_, fields, message):
    before = row(request_)

    response = client_for(manager).post(url("sar_status", child, request_.pk), fields)

    assert response.status_code == 200
    assert_form_error(response, message)
    assert row(request_) == before


def test_a_request_cannot_skip_the_identity_check(manager, request_):
    with pytest.raises(ValidationError, match="cannot become bundle ready"):
        change_status(request=request_, by=manager, status=Status.BUNDLE_READY)
    with pytest.raises(ValidationError, match="cannot become released"):
        change_status(request=request_, by=manager, status=Status.RELEASED)


def test_bundle_ready_needs_a_finished_bundle(child, manager):
    request = identity_checked_sar(child, manager)
    bundle(request, manager, status=PdfJob.Status.RUNNING)
    with pytest.raises(ValidationError, match="The subject access bundle has not been built yet"):
        change_status(request=request, by=manager, status=Status.BUNDLE_READY)
    bundle(request, manager)
    assert change_status(request=request, by=manager, status=Status.BUNDLE_READY).status == Status.BUNDLE_READY


def test_closing_without_release_keeps_the_reason_in_the_requests_story(child, manager, request_):
    client_for(manager).post(url("sar_status", child, request_.pk),
                             {"status": Status.CLOSED, "note": "The mother withdrew her request"})

    request_.refresh_from_db()
    assert request_.status == Status.CLOSED
    page = client_for(manager).get(url("sar_detail", child, request_.pk))
    assert any("The mother withdrew her request" in line for line in texts(page, "govuk-list"))
    # A closed request no longer changes: its pages send the manager back with the reason.
    response = client_for(manager).get(url("sar_extend", child, request_.pk), follow=True)
    assert texts(response, "govuk-error-summary__body") == [
        "This request is closed without release: it can no longer change."]


# --- Release ----------------------------------------------------------------------------------------

@pytest.fixture
def checked(child, manager):
    return identity_checked_sar(child, manager)


def test_release_needs_the_finished_bundle_of_this_request(child, manager, other_child, care_manager, checked):
    other_request = identity_checked_sar(other_child, care_manager)
    refused = [None, bundle(checked, manager, status=PdfJob.Status.FAILED),
               bundle(checked, manager, status=PdfJob.Status.QUEUED),
               bundle(other_request, care_manager),
               bundle(checked, manager, kind=PdfJob.Kind.RECORD)]
    before = row(checked)
    for job in refused:
        with pytest.raises(ValidationError, match="finished subject access bundle for this request is needed"):
            release_subject_access(request=checked, by=manager, pdf_job=job)
    assert row(checked) == before
    assert not Disclosure.objects.exists()


def test_release_marks_the_request_released_and_writes_the_disclosure_log(child, manager, checked):
    job = bundle(checked, manager)

    released = release_subject_access(request=checked, by=manager, pdf_job=job)

    checked.refresh_from_db()
    assert checked.status == released.status == Status.RELEASED
    assert checked.released_by == manager and checked.released_at is not None
    disclosure = Disclosure.objects.get()
    assert (disclosure.child, disclosure.basis, disclosure.subject_access_request) == (
        child, Disclosure.Basis.SUBJECT_ACCESS, checked)
    assert (disclosure.shared_with_person, disclosure.shared_by, disclosure.shared_at) == (
        "Grace Okoye", manager, checked.released_at)
    assert "bundle.pdf" in disclosure.what
    assert actions(child)[-1] == AuditAction.RELEASED_SUBJECT_ACCESS_REQUEST


def test_the_disclosure_names_each_entry_and_document_the_built_bundle_held(child, practitioner, manager, checked,
                                                                           restricted_entry):
    """§7: the release names what the bundle held when it was built: not a restricted entry (never in a bundle),
    nor what was recorded after the build, nor another bundle's contents."""
    shown = completed_visit(child, practitioner)
    order = upload_document(child=child, by=practitioner, upload=pdf_file(), title="Order",
                            document_date=child.date_of_birth, category="order")
    job = bundle(checked, manager, status=PdfJob.Status.QUEUED)
    built(job)
    later = completed_visit(child, practitioner)

    release_subject_access(request=checked, by=manager, pdf_job=job)

    items = Disclosure.objects.get().items.all()
    assert {item.entry_id for item in items if item.entry_id} == {shown.pk}
    assert {item.document_id for item in items if item.document_id} == {order.pk}
    assert not any(item.was_restricted for item in items)
    assert restricted_entry.pk != shown.pk and later.pk != shown.pk


def test_a_request_is_released_once(manager, checked):
    job = bundle(checked, manager)
    release_subject_access(request=checked, by=manager, pdf_job=job)
    with pytest.raises(ValidationError, match="released: it can no longer change"):
        release_subject_access(request=checked, by=manager, pdf_job=job)
    assert Disclosure.objects.count() == 1


def test_release_needs_the_identity_checked(child, manager):
    request = sar(child, manager)
    with pytest.raises(ValidationError, match="Check the requester's identity"):
        release_subject_access(request=request, by=manager, pdf_job=bundle(request, manager))
    assert not Disclosure.objects.exists()


def test_release_is_refused_to_a_practitioner(child, practitioner, manager, checked):
    with pytest.raises(PermissionDenied):
        release_subject_access(request=checked, by=practitioner, pdf_job=bundle(checked, manager))
    assert not Disclosure.objects.exists()


# --- Managers' list of open requests ----------------------------------------------------------------

def test_managers_see_open_requests_nearest_deadline_first_with_near_and_past_marked(
        child, manager, other_child, care_manager):
    later = sar(child, manager, requester_name="Later", received_on=today())
    past = sar(child, manager, requester_name="Past", received_on=today() - timedelta(days=40))
    near = sar(child, manager, requester_name="Near",
               received_on=today() + timedelta(days=5) - relativedelta(months=1))
    closed = sar(child, manager, requester_name="Closed", received_on=today() - timedelta(days=50))
    change_status(request=closed, by=manager, status=Status.CLOSED, note="Withdrawn")
    sar(other_child, care_manager, requester_name="Another team's", received_on=today() - timedelta(days=45))

    response = client_for(manager).get(reverse("records:subject_access_requests"))

    rows = [cell for cell in texts(response, "govuk-table__cell") if "(Mother)" in cell]
    assert rows == ["Past (Mother)", "Near (Mother)", "Later (Mother)"]
    tags = texts(response, "govuk-tag")
    assert tags == ["Past deadline", "Due within 7 days"]
    assert near.deadline - today() <= timedelta(days=7) < later.deadline - today()
    assert past.deadline < today()


def test_the_list_and_the_request_pages_are_404_for_practitioners(child, practitioner, colleague, manager):
    request = sar(child, manager)
    for user in (practitioner, colleague):
        client = client_for(user)
        assert client.get(reverse("records:subject_access_requests")).status_code == 404
        for name in ("sar_new",):
            assert client.get(url(name, child)).status_code == 404
        for name in ("sar_detail", "sar_extend", "sar_status"):
            assert client.get(url(name, child, request.pk)).status_code == 404
        assert client.post(url("sar_new", child), request_fields()).status_code == 404
        assert client.post(url("sar_extend", child, request.pk), extension_fields(today() + timedelta(days=40))
                           ).status_code == 404
    assert SubjectAccessRequest.objects.count() == 1
    request.refresh_from_db()
    assert request.extended_to is None


def test_a_manager_cannot_reach_a_request_of_a_child_they_cannot_see(other_child, care_manager, manager):
    request = sar(other_child, care_manager)
    assert client_for(manager).get(url("sar_detail", other_child, request.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        extend_deadline(request=request, by=manager, extended_to=request.due_on + timedelta(days=3), reason="x")


def test_a_request_of_another_child_is_404_under_this_childs_address(child, other_child, manager, care_manager):
    request = sar(other_child, care_manager)
    assert client_for(manager).get(url("sar_detail", child, request.pk)).status_code == 404
