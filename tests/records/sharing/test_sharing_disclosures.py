"""Recording that information was shared (§6, §7): with whom, when, what, why, by whom and on what basis;
every share is a row in the child's disclosure log, which can never be changed or removed."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from access.models import AuditAction, AuditEvent, Disclosure
from records.models import Document
from records.sharing.services import record_disclosure, withdraw_consent
from records.calendar.working_days import LONDON
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, by_class, texts
from tests.records.documents.document_builders import make_document
from tests.records.sharing.sharing_builders import date_fields, given_consent, identity_checked_sar, sar, today, url

Basis = Disclosure.Basis


def an_hour_ago() -> datetime:
    return timezone.localtime(timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)


@pytest.fixture(autouse=True)
def shared_document(child, practitioner):
    """§7: every share names what it shared; these tests name this document unless they say otherwise."""
    return make_document(child, practitioner, title="Conference dates letter")


def _the_shared_document():
    return Document.objects.get(title="Conference dates letter")


def share_fields(moment=None, **overrides) -> dict:
    moment = timezone.localtime(moment or an_hour_ago())
    return {"shared_with_person": "Mrs Patel", "shared_with_agency": "Castle Primary School",
            **date_fields("shared_date", moment.date()), "shared_time": f"{moment:%H:%M}",
            "what": "Dates of the child protection conference", "why": "So the school can attend",
            "basis": "", "consent": "", "public_interest_justification": "", "decided_by": "",
            "documents": [str(_the_shared_document().pk)], **overrides}


@pytest.fixture
def consent(child, practitioner):
    return given_consent(child, practitioner, obtained_on=today() - timedelta(days=30))


def service_share(child, by, **overrides) -> Disclosure:
    fields = {"shared_with_person": "Mrs Patel", "shared_with_agency": "Castle Primary School",
              "shared_at": an_hour_ago(), "what": "Attendance plan", "why": "Support at school",
              "documents": [_the_shared_document()], **overrides}
    return record_disclosure(child=child, by=by, **fields)


# --- With consent -----------------------------------------------------------------------------------

def test_sharing_with_consent_is_logged_with_everything_the_policy_asks(child, practitioner, consent):
    moment = an_hour_ago()
    client = client_for(practitioner)

    response = client.post(url("disclosure_new", child), share_fields(
        moment, basis="consent", consent=str(consent.pk), consent_covers="on"))

    assert response.status_code == 302 and response["Location"] == url("sharing", child)
    disclosure = Disclosure.objects.get()
    assert (disclosure.child, disclosure.shared_with_person, disclosure.shared_with_agency) == (
        child, "Mrs Patel", "Castle Primary School")
    assert (disclosure.shared_at, disclosure.shared_by, disclosure.basis, disclosure.consent) == (
        moment, practitioner, Basis.CONSENT, consent)
    assert (disclosure.what, disclosure.why) == ("Dates of the child protection conference", "So the school can attend")
    assert disclosure.decided_by is None and disclosure.public_interest_justification == ""
    event = AuditEvent.objects.get(action=AuditAction.SHARED_INFORMATION)
    assert (event.actor, event.child) == (practitioner, child)
    log = texts(client.get(url("sharing", child)), "govuk-table__cell")
    assert "Mrs Patel, Castle Primary School" in log
    assert any(cell.startswith("With consent Given by Grace Okoye") for cell in log)


@pytest.mark.parametrize(("overrides", "field_message"), [
    ({"consent_covers": "on"}, "Select the consent the sharing relied on"),
    ({"consent": "CONSENT"}, "Confirm that the consent covers this agency and purpose, or choose another basis"),
])
def test_sharing_with_consent_needs_the_consent_and_the_check_that_it_covers_it(child, practitioner, consent,
                                                                               overrides, field_message):
    overrides = {key: str(consent.pk) if value == "CONSENT" else value for key, value in overrides.items()}
    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(basis="consent", **overrides))

    assert response.status_code == 200
    assert_form_error(response, field_message)
    assert not Disclosure.objects.exists()


def test_a_withdrawn_consent_does_not_cover_sharing_after_its_withdrawal(child, practitioner, consent):
    withdraw_consent(consent=consent, by=practitioner, withdrawn_on=today() - timedelta(days=1), notes="By phone")

    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(
        basis="consent", consent=str(consent.pk), consent_covers="on"))

    assert_form_error(response, "That consent was not in force on the day the information was shared")
    assert not Disclosure.objects.exists()


def test_sharing_before_the_withdrawal_may_still_be_recorded_against_the_consent(child, practitioner, consent):
    withdraw_consent(consent=consent, by=practitioner, withdrawn_on=today(), notes="By phone")
    shared = datetime.combine(today() - timedelta(days=2), time(10, 0), tzinfo=LONDON)
    disclosure = service_share(child, practitioner, shared_at=shared, basis="consent", consent=consent,
                               consent_covers=True)
    assert disclosure.consent == consent


def test_consent_given_after_the_sharing_does_not_cover_it(child, practitioner, consent):
    shared = datetime.combine(today() - timedelta(days=31), time(10, 0), tzinfo=LONDON)
    with pytest.raises(ValidationError, match="not in force"):
        service_share(child, practitioner, shared_at=shared, basis="consent", consent=consent, consent_covers=True)
    assert not Disclosure.objects.exists()


def test_a_refusal_or_another_childs_consent_is_no_basis(child, other_child, practitioner, other_practitioner):
    refusal = given_consent(child, practitioner, decision="refused", obtained_on=today() - timedelta(days=3))
    theirs = given_consent(other_child, other_practitioner, obtained_on=today() - timedelta(days=3))
    with pytest.raises(ValidationError, match="not in force"):
        service_share(child, practitioner, basis="consent", consent=refusal, consent_covers=True)
    with pytest.raises(ValidationError, match="Select the consent"):
        service_share(child, practitioner, basis="consent", consent=theirs, consent_covers=True)
    # The form offers only consents given for this child.
    page = client_for(practitioner).get(url("disclosure_new", child))
    options = [el.attrs.get("value") for el in by_class(page, "govuk-select") for el in el.iter() if el.tag == "option"]
    assert str(refusal.pk) not in options and str(theirs.pk) not in options
    assert not Disclosure.objects.exists()


# --- Without consent, in the public interest --------------------------------------------------------

def test_sharing_without_consent_records_the_justification_and_the_managers_decision(child, practitioner, manager):
    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(
        basis="public_interest", public_interest_justification="Risk of serious harm to the child",
        decided_by=str(manager.pk)))

    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert (disclosure.basis, disclosure.decided_by, disclosure.consent) == (Basis.PUBLIC_INTEREST, manager, None)
    assert disclosure.public_interest_justification == "Risk of serious harm to the child"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"decided_by": "MANAGER"}, "Enter why sharing without consent is in the public interest"),
    ({"public_interest_justification": "Risk of harm"}, "Select the team manager who decided to share without consent"),
])
def test_sharing_without_consent_needs_a_justification_and_a_managers_decision(child, practitioner, manager,
                                                                              overrides, message):
    overrides = {key: str(manager.pk) if value == "MANAGER" else value for key, value in overrides.items()}
    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(basis="public_interest",
                                                                                         **overrides))

    assert response.status_code == 200
    assert_form_error(response, message)
    assert not Disclosure.objects.exists()


def test_only_a_team_manager_can_decide_to_share_without_consent(child, practitioner, colleague, manager):
    page = client_for(practitioner).get(url("disclosure_new", child))
    deciders = [el.text() for select in by_class(page, "govuk-select") if select.attrs.get("name") == "decided_by"
                for el in select.iter() if el.tag == "option" and el.attrs.get("value")]
    assert deciders == [manager.get_full_name()]

    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(
        basis="public_interest", public_interest_justification="Risk of harm", decided_by=str(colleague.pk)))
    assert response.status_code == 200
    assert not Disclosure.objects.exists()
    with pytest.raises(ValidationError, match="must be made by a team manager"):
        service_share(child, practitioner, basis="public_interest", public_interest_justification="Risk of harm",
                      decided_by=colleague)
    assert not Disclosure.objects.exists()


# --- What every share needs -------------------------------------------------------------------------

@pytest.mark.parametrize(("overrides", "message"), [
    ({"shared_with_person": ""}, "Enter who the information was shared with"),
    ({"what": ""}, "Enter what information was shared"),
    ({"why": " "}, "Enter why the information was shared"),
    ({"basis": ""}, "Select the basis for sharing"),
    ({"shared_time": ""}, "Enter the time it was shared as hours and minutes, for example 14:30"),
])
def test_each_rule_of_a_share_has_its_error_and_nothing_is_saved(child, practitioner, manager, overrides, message):
    fields = share_fields(basis="public_interest", public_interest_justification="Risk", decided_by=str(manager.pk))
    response = client_for(practitioner).post(url("disclosure_new", child), {**fields, **overrides})

    assert response.status_code == 200
    assert_form_error(response, message)
    assert not Disclosure.objects.exists()


def test_a_share_cannot_be_in_the_future(child, practitioner, manager):
    tomorrow = timezone.localtime(timezone.now() + timedelta(days=1))
    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(
        tomorrow, basis="public_interest", public_interest_justification="Risk", decided_by=str(manager.pk)))
    assert_form_error(response, "Information that has been shared cannot have been shared in the future")
    assert not Disclosure.objects.exists()


# --- For a subject access request: managers only ----------------------------------------------------

def test_a_manager_records_sharing_for_a_subject_access_request(child, manager):
    request = identity_checked_sar(child, manager)
    response = client_for(manager).post(url("disclosure_new", child), share_fields(
        basis="subject_access", subject_access_request=str(request.pk)))
    assert response.status_code == 302
    assert Disclosure.objects.get().subject_access_request == request


def test_practitioners_are_not_offered_subject_access_as_a_basis(child, practitioner, manager):
    request = identity_checked_sar(child, manager)
    page = client_for(practitioner).get(url("disclosure_new", child))
    values = [el.attrs.get("value") for el in by_class(page, "govuk-radios__input")]
    assert values == ["routine", "consent", "public_interest"]
    response = client_for(practitioner).post(url("disclosure_new", child), share_fields(
        basis="subject_access", subject_access_request=str(request.pk)))
    assert response.status_code == 200 and not Disclosure.objects.exists()
    with pytest.raises(PermissionDenied):
        service_share(child, practitioner, basis="subject_access", subject_access_request=request)


def test_a_request_whose_identity_is_not_checked_is_no_basis(child, manager):
    request = sar(child, manager)
    with pytest.raises(ValidationError, match="Check the requester's identity"):
        service_share(child, manager, basis="subject_access", subject_access_request=request)


# --- The disclosure log -----------------------------------------------------------------------------

@pytest.fixture
def logged(child, practitioner, manager):
    return service_share(child, practitioner, basis="public_interest", public_interest_justification="Risk of harm",
                         decided_by=manager)


def test_the_log_lists_every_share_newest_first(child, practitioner, manager, consent, logged):
    older = service_share(child, practitioner, shared_at=an_hour_ago() - timedelta(days=2), basis="consent",
                          consent=consent, consent_covers=True, what="Older share")
    rows = by_class(client_for(practitioner).get(url("sharing", child)), "govuk-table__row")
    log = [row.text() for row in rows if "Mrs Patel" in row.text()]
    assert len(log) == 2
    assert "Attendance plan" in log[0] and older.what in log[1]
    assert f"Decided by {manager.get_full_name()}: Risk of harm" in log[0]


def test_saving_a_logged_share_again_is_refused(logged):
    logged.what = "Something else"
    with pytest.raises(ValueError, match="append-only"):
        logged.save()
    logged.refresh_from_db()
    assert logged.what == "Attendance plan"


def test_the_database_refuses_to_change_or_remove_the_log(logged):
    for action in (lambda: Disclosure.objects.filter(pk=logged.pk).update(what="Changed"),
                   # (past the ORM's own refusal: what it shared points at it, with PROTECT)
                   lambda: Disclosure.objects.filter(pk=logged.pk)._raw_delete(using="default")):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            action()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_disclosure")
    logged.refresh_from_db()
    assert logged.what == "Attendance plan"


def test_the_database_refuses_a_share_without_its_basis(child, practitioner, manager):
    incomplete = [
        {"basis": "consent"},
        {"basis": "public_interest", "decided_by": manager},
        {"basis": "public_interest", "public_interest_justification": "Risk"},
        {"basis": "subject_access"},
    ]
    for fields in incomplete:
        with pytest.raises(IntegrityError), transaction.atomic():
            Disclosure.objects.create(child=child, shared_with_person="Mrs Patel", what="x", why="y",
                                      shared_by=practitioner, **fields)
    assert not Disclosure.objects.exists()


def test_someone_who_cannot_see_the_child_cannot_share_or_read_the_log(child, other_practitioner, edt, manager,
                                                                      logged):
    for user in (other_practitioner, edt):
        client = client_for(user)
        assert client.get(url("sharing", child)).status_code == 404
        assert client.post(url("disclosure_new", child), share_fields(
            basis="public_interest", public_interest_justification="x", decided_by=str(manager.pk))).status_code == 404
        with pytest.raises(PermissionDenied):
            service_share(child, user, basis="public_interest", public_interest_justification="x", decided_by=manager)
    assert Disclosure.objects.count() == 1
