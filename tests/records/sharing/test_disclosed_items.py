"""§7: routine sharing with the child or family is a basis of its own, and each disclosure names the
entries and documents it shared, chosen from the child's own record; anything in 'Restricted from user'
only by someone who may see it, giving the reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from access.models import AuditAction, AuditEvent, Disclosure
from records.entries.restrictions import restrict_entry
from records.models import DisclosedItem
from records.sharing.services import record_disclosure
from tests.conftest import client_for
from tests.govuk_html import assert_form_error
from tests.records.documents.document_builders import make_document
from tests.records.oversight.oversight_builders import completed_entry
from tests.records.sharing.sharing_builders import date_fields, given_consent, identity_checked_sar, url

Basis = Disclosure.Basis


def an_hour_ago():
    return timezone.localtime(timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)


def done(child, author, hours=30):
    moment = timezone.now() - timedelta(hours=hours)
    return completed_entry(child, author, event_at=moment, completed_at=moment + timedelta(hours=1))


def routine(child, by, **overrides) -> Disclosure:
    fields = {"shared_with_person": "Grace Okoye (mother)", "shared_with_agency": "", "shared_at": an_hour_ago(),
              "what": "The record of the last visit", "why": "She asked to read it", "basis": Basis.ROUTINE,
              **overrides}
    return record_disclosure(child=child, by=by, **fields)


def form_fields(**overrides) -> dict:
    moment = an_hour_ago()
    return {"shared_with_person": "Grace Okoye (mother)", "shared_with_agency": "",
            **date_fields("shared_date", moment.date()), "shared_time": f"{moment:%H:%M}",
            "what": "The record of the last visit", "why": "She asked to read it", "basis": "routine",
            "consent": "", "public_interest_justification": "", "decided_by": "", "restricted_reason": "",
            **overrides}


def restricted(entry, by, manager):
    restrict_entry(entry=entry, by=by, reason="in_confidence", reason_detail="Told in confidence",
                   advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    entry.refresh_from_db()
    return entry


@pytest.fixture
def entry(child, practitioner):
    return done(child, practitioner)


def test_routine_sharing_with_the_family_names_the_entries_and_documents_shared(child, practitioner, entry):
    document = make_document(child, practitioner, title="Child in need plan")
    response = client_for(practitioner).post(url("disclosure_new", child), form_fields(
        entries=[str(entry.pk)], documents=[str(document.pk)]))
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.basis == Basis.ROUTINE and disclosure.consent is None and disclosure.decided_by is None
    items = list(disclosure.items.order_by("pk"))
    assert [(item.entry, item.document, item.was_restricted) for item in items] == [
        (entry, None, False), (None, document, False)]
    assert AuditEvent.objects.filter(action=AuditAction.SHARED_INFORMATION, detail__contains="2 items named").exists()

    page = client_for(practitioner).get(url("sharing", child)).content.decode()
    assert "Routine sharing with the child or their family" in page
    assert f'href="/children/{child.local_id}/entries/{entry.pk}/"' in page
    assert f'href="/children/{child.local_id}/documents/{document.pk}/"' in page
    assert "Child in need plan" in page


def test_routine_sharing_must_name_what_was_shared(child, practitioner):
    response = client_for(practitioner).post(url("disclosure_new", child), form_fields())
    assert_form_error(response, "Choose the entries or documents that were shared")
    with pytest.raises(ValidationError, match="Choose the entries or documents that were shared"):
        routine(child, practitioner)
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("basis", [Basis.CONSENT, Basis.PUBLIC_INTEREST, Basis.SUBJECT_ACCESS])
def test_every_basis_of_sharing_must_name_what_was_shared(child, practitioner, manager, basis):
    """§7: whatever the basis, a disclosure names the entries or documents it shared: the form says so
    against the question, the service refuses it too, and nothing is logged."""
    consent = given_consent(child, practitioner, obtained_on=timezone.localdate() - timedelta(days=30))
    request = identity_checked_sar(child, manager)
    by_basis = {
        Basis.CONSENT: ({"consent": str(consent.pk), "consent_covers": "on"},
                        {"consent": consent, "consent_covers": True}),
        Basis.PUBLIC_INTEREST: ({"public_interest_justification": "Risk of harm", "decided_by": str(manager.pk)},
                                {"public_interest_justification": "Risk of harm", "decided_by": manager}),
        Basis.SUBJECT_ACCESS: ({"subject_access_request": str(request.pk)}, {"subject_access_request": request}),
    }
    posted, given = by_basis[basis]
    response = client_for(manager).post(url("disclosure_new", child), form_fields(basis=basis, **posted))
    assert_form_error(response, "Choose the entries or documents that were shared")
    with pytest.raises(ValidationError, match="Choose the entries or documents that were shared"):
        routine(child, manager, basis=basis, **given)
    assert not Disclosure.objects.exists()


def test_only_the_childs_own_completed_entries_and_current_documents_can_be_named(
        child, other_child, practitioner, other_practitioner, entry):
    others = done(other_child, other_practitioner)
    response = client_for(practitioner).post(url("disclosure_new", child), form_fields(entries=[str(others.pk)]))
    assert_form_error(response, "Choose only completed entries from this child's record")
    with pytest.raises(ValidationError, match="from this child's record"):
        routine(child, practitioner, entries=[others])
    withdrawn = make_document(child, practitioner)
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now(), withdrawn_by=practitioner,
                                                          withdrawal_reason="Wrong child")
    with pytest.raises(ValidationError, match="from this child's record"):
        routine(child, practitioner, entries=[entry], documents=[withdrawn])
    assert not Disclosure.objects.exists() and not DisclosedItem.objects.exists()


def test_restricted_entries_are_shared_only_with_a_reason(child, practitioner, manager, entry):
    restricted(entry, practitioner, manager)
    response = client_for(practitioner).post(url("disclosure_new", child), form_fields(entries=[str(entry.pk)]))
    assert_form_error(response, "Enter why information in 'Restricted from user' was shared")
    with pytest.raises(ValidationError, match="Restricted from user"):
        routine(child, practitioner, entries=[entry])
    assert not Disclosure.objects.exists()

    routine(child, practitioner, entries=[entry], restricted_reason="The neighbour now agrees it can be shared")
    item = DisclosedItem.objects.get()
    assert item.was_restricted and item.restricted_reason == "The neighbour now agrees it can be shared"


def test_someone_who_may_not_see_restricted_information_cannot_share_it(child, colleague, practitioner, manager,
                                                                        entry):
    restricted(entry, practitioner, manager)
    page = client_for(colleague).get(url("disclosure_new", child)).content.decode()
    assert f'value="{entry.pk}"' not in page
    response = client_for(colleague).post(url("disclosure_new", child), form_fields(
        entries=[str(entry.pk)], restricted_reason="x"))
    assert_form_error(response, "Choose only completed entries from this child's record")
    with pytest.raises(PermissionDenied):
        routine(child, colleague, entries=[entry], restricted_reason="Because")
    assert not Disclosure.objects.exists()


def test_the_log_shows_restricted_items_only_to_those_who_may_see_them(child, colleague, practitioner, manager):
    secret = restricted(done(child, practitioner), practitioner, manager)
    plain = done(child, practitioner, hours=40)
    routine(child, practitioner, entries=[secret, plain], restricted_reason="Agreed with the manager")
    theirs = client_for(colleague).get(url("sharing", child)).content.decode()
    assert f"/entries/{plain.pk}/" in theirs and f"/entries/{secret.pk}/" not in theirs
    assert "1 item in &#x27;Restricted from user&#x27;" in theirs or "1 item in 'Restricted from user'" in theirs
    assert "Agreed with the manager" not in theirs
    mine = client_for(practitioner).get(url("sharing", child)).content.decode()
    assert f"/entries/{secret.pk}/" in mine and "Agreed with the manager" in mine


def test_named_items_are_append_only_and_the_database_checks_them(child, practitioner, entry):
    routine(child, practitioner, entries=[entry])
    item = DisclosedItem.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        DisclosedItem.objects.filter(pk=item.pk).update(was_restricted=False, restricted_reason="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        DisclosedItem.objects.filter(pk=item.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        DisclosedItem.objects.create(disclosure=item.disclosure, entry=entry, was_restricted=True)


def test_other_bases_may_name_items_too(child, practitioner, entry):
    from tests.records.sharing.sharing_builders import given_consent

    consent = given_consent(child, practitioner, obtained_on=timezone.localdate() - timedelta(days=3))
    disclosure = record_disclosure(
        child=child, by=practitioner, shared_with_person="Mrs Patel", shared_with_agency="Castle Primary School",
        shared_at=an_hour_ago(), what="Attendance plan", why="Support", basis=Basis.CONSENT, consent=consent,
        consent_covers=True, entries=[entry])
    assert [item.entry for item in disclosure.items.all()] == [entry]
