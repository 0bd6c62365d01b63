"""Consent to share information (§6): who gave or refused it, what it covers, when and how; its withdrawal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from access.models import AuditAction, AuditEvent, Consent
from records.sharing.services import record_consent, withdraw_consent
from tests.conftest import as_of_today, client_for
from tests.govuk_html import assert_form_error, by_class, texts
from tests.records.sharing.sharing_builders import actions, date_fields, given_consent, today, url


def consent_fields(**overrides) -> dict:
    return {"person_name": "Grace Okoye", "relationship": "parent", "decision": "given",
            "agencies": "Castle Primary School; the school nurse", "purpose": "Support with attendance",
            **date_fields("obtained_on", today() - timedelta(days=1)), "obtained_how": "in_writing", **overrides}


def row(consent) -> dict:
    return Consent.objects.filter(pk=consent.pk).values().get()


# --- Recording consent ------------------------------------------------------------------------------

def test_practitioner_records_consent_and_it_is_listed_on_the_sharing_tab(child, practitioner):
    client = client_for(practitioner)

    response = client.post(url("consent_new", child), consent_fields())

    assert response.status_code == 302 and response["Location"] == url("sharing", child)
    consent = Consent.objects.get()
    assert (consent.child, consent.person_name, consent.relationship, consent.decision) == (
        child, "Grace Okoye", "parent", "given")
    assert (consent.obtained_on, consent.obtained_how, consent.recorded_by) == (
        today() - timedelta(days=1), "in_writing", practitioner)
    assert consent.is_current
    event = AuditEvent.objects.filter(action=AuditAction.RECORDED_CONSENT).get()
    assert (event.actor, event.child) == (practitioner, child)
    tab = client.get(url("sharing", child))
    cells = texts(tab, "govuk-table__cell")
    assert any("Castle Primary School; the school nurse" in cell for cell in cells)
    assert "Given" in texts(tab, "govuk-tag")


def test_a_refusal_is_recorded_and_cannot_be_withdrawn(child, practitioner):
    refusal = given_consent(child, practitioner, decision="refused", relationship="child", person_name="Amara Okoye")
    assert not refusal.is_current
    tab = client_for(practitioner).get(url("sharing", child))
    assert "Refused" in texts(tab, "govuk-tag")
    assert url("consent_withdraw", child, refusal.pk) not in tab.content.decode()
    assert client_for(practitioner).get(url("consent_withdraw", child, refusal.pk)).status_code == 404
    with pytest.raises(ValidationError, match="Consent was refused"):
        withdraw_consent(consent=refusal, by=practitioner, withdrawn_on=today(), notes="n/a")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"person_name": ""}, "Enter the name of the person who gave or refused consent"),
    ({"relationship": ""}, "Select the person's relationship to the child"),
    ({"decision": ""}, "Select whether consent was given or refused"),
    ({"agencies": ""}, "Enter which agencies the consent covers"),
    ({"purpose": " "}, "Enter the purpose the consent covers"),
    (lambda today: date_fields("obtained_on", today + timedelta(days=3)),
     "The date consent was obtained cannot be in the future"),
    ({"obtained_on_1": "13"}, "The date consent was obtained must be a real date"),
    ({"obtained_how": ""}, "Select how consent was obtained"),
])
def test_each_rule_of_consent_has_its_error_and_nothing_is_saved(child, practitioner, overrides, message):
    response = client_for(practitioner).post(url("consent_new", child), consent_fields(**as_of_today(overrides)))

    assert response.status_code == 200
    assert_form_error(response, message)
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RECORDED_CONSENT).exists()


def test_the_service_checks_the_rules_too(child, practitioner):
    good = {"person_name": "Grace", "relationship": "parent", "decision": "given", "agencies": "School",
            "purpose": "Attendance", "obtained_on": today(), "obtained_how": "phone"}
    for change, message in (({"agencies": ""}, "Enter which agencies"), ({"decision": "maybe"}, "given or refused"),
                            ({"obtained_on": today() + timedelta(days=1)}, "cannot be in the future")):
        with pytest.raises(ValidationError, match=message):
            record_consent(child=child, by=practitioner, **{**good, **change})
    assert not Consent.objects.exists()


def test_someone_who_cannot_see_the_child_cannot_record_consent(child, other_practitioner, slt):
    for user in (other_practitioner, slt):
        with pytest.raises(PermissionDenied):
            given_consent(child, user)
        assert client_for(user).post(url("consent_new", child), consent_fields()).status_code == 404
    assert not Consent.objects.exists()


# --- Withdrawing consent ----------------------------------------------------------------------------

@pytest.fixture
def consent(child, practitioner):
    return given_consent(child, practitioner, obtained_on=today() - timedelta(days=10))


def test_consent_is_withdrawn_with_the_date_and_what_was_said(child, colleague, consent):
    client = client_for(colleague)

    response = client.post(url("consent_withdraw", child, consent.pk), {
        **date_fields("withdrawn_on", today()), "notes": "Mother phoned: she no longer wants the school told"})

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == today()
    assert consent.withdrawal_notes == "Mother phoned: she no longer wants the school told"
    assert not consent.is_current
    assert actions(child)[-1] == AuditAction.WITHDREW_CONSENT
    tab = client.get(url("sharing", child))
    assert "Withdrawn" in texts(tab, "govuk-tag")
    assert url("consent_withdraw", child, consent.pk) not in tab.content.decode()


@pytest.mark.parametrize(("fields", "message"), [
    ({"notes": ""}, "Enter what was said when consent was withdrawn"),
    (lambda today: date_fields("withdrawn_on", today + timedelta(days=1)),
     "The date consent was withdrawn cannot be in the future"),
    (lambda today: date_fields("withdrawn_on", today - timedelta(days=11)),
     "Consent cannot be withdrawn before the date it was given"),
])
def test_each_rule_of_withdrawal_has_its_error_and_nothing_is_saved(child, practitioner, consent, fields, message):
    before = row(consent)
    data = {**date_fields("withdrawn_on", today()), "notes": "Withdrawn by phone", **as_of_today(fields)}

    response = client_for(practitioner).post(url("consent_withdraw", child, consent.pk), data)

    assert response.status_code == 200
    assert_form_error(response, message)
    assert row(consent) == before
    assert not AuditEvent.objects.filter(action=AuditAction.WITHDREW_CONSENT).exists()


def test_consent_is_withdrawn_once(child, practitioner, consent):
    withdraw_consent(consent=consent, by=practitioner, withdrawn_on=today(), notes="By letter")
    with pytest.raises(ValidationError, match="already been withdrawn"):
        withdraw_consent(consent=consent, by=practitioner, withdrawn_on=today(), notes="Again")
    assert client_for(practitioner).get(url("consent_withdraw", child, consent.pk)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.WITHDREW_CONSENT).count() == 1


def test_a_consent_of_another_child_is_404_under_this_childs_address(child, other_child, other_practitioner,
                                                                     practitioner):
    theirs = given_consent(other_child, other_practitioner)
    assert client_for(practitioner).get(url("consent_withdraw", child, theirs.pk)).status_code == 404


def test_readers_who_do_not_write_see_consents_but_no_buttons(child, admin_user, consent):
    tab = client_for(admin_user).get(url("sharing", child))
    assert tab.status_code == 200
    assert "Grace Okoye" in tab.content.decode()
    assert not [a for a in by_class(tab, "govuk-button") if "consent" in a.attrs.get("href", "")]
