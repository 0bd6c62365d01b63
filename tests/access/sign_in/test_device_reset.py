"""An administrator resets a person's two-step verification (issue 18, §14): their app and recovery codes stop
working, an audit event records it, the person is e-mailed, and they set it up again only with a new enrolment
code. Nobody else can reset anyone."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import AuditAction, AuditEvent, RecoveryCode
from access.sign_in import device_reset, recovery
from access.staff import roles
from tests.access.sign_in.test_recovery_codes import RECOVERY, set_up_with_codes
from tests.access.sign_in.test_two_factor import SETUP, set_up, signed_in
from tests.conftest import client_for
from tests.govuk_html import texts

USERS = "/admin/auth/user/"


@pytest.fixture
def codes(settings, manager, admin_user) -> list[str]:
    """The manager's app and recovery codes, set up as the manager would (with an enrolment code)."""
    settings.REQUIRE_2FA_FOR_ROLES = [roles.TEAM_MANAGER, roles.ADMINISTRATOR]
    shown = set_up_with_codes(signed_in(manager), manager, admin_user)
    settings.REQUIRE_2FA_FOR_ROLES = []  # the administrator's own second step is tested in test_two_factor.py
    return shown


def reset_in_admin(client, *people):
    return client.post(USERS, {"action": "reset_two_step", "_selected_action": [p.pk for p in people]}, follow=True)


def asks_for_an_enrolment_code(response) -> bool:
    return texts(response, "govuk-heading-l") == ["Ask your administrator for an enrolment code"]


def test_an_administrator_resets_the_app_and_recovery_codes_and_the_person_is_emailed(
        settings, manager, admin_user, codes):
    response = reset_in_admin(client_for(admin_user), manager)
    assert "Two-step verification reset for Marcus Bennett. They have been e-mailed." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert RecoveryCode.objects.filter(user=manager).count() == 10  # kept, as the record, but ended
    assert not recovery.unused(manager).exists()
    event = AuditEvent.objects.get(action=AuditAction.RESET_TWO_STEP)
    assert (event.actor, event.subject_user) == (admin_user, manager)

    [sent] = mail.outbox
    assert sent.to == [manager.email] and sent.subject == "Casework: your two-step verification was reset"
    assert sent.body.startswith("Dear Marcus Bennett,")
    assert f"{admin_user.get_full_name()} reset your two-step verification" in sent.body
    assert "ask your administrator for one" in sent.body and "tell your administrator" in sent.body
    assert not any(code in sent.body for code in codes)

    # Signing in again: the old codes open nothing, and only the enrolment page is reachable.
    settings.REQUIRE_2FA_FOR_ROLES = [roles.TEAM_MANAGER, roles.ADMINISTRATOR]
    client = signed_in(manager)
    assert client.post(RECOVERY, {"recovery_code": codes[0]})["Location"] == SETUP
    for path in ("/", "/children/search/"):
        assert client.get(path)["Location"].startswith(SETUP)
    assert asks_for_an_enrolment_code(client.get(SETUP))
    # A new enrolment code from an administrator sets it up again, with a new set of recovery codes.
    assert len(set_up_with_codes(client, manager, admin_user)) == 10
    assert client.get("/").status_code == 200


def test_a_session_that_enrolled_before_the_reset_needs_a_new_enrolment_code(settings, manager, admin_user):
    settings.REQUIRE_2FA_FOR_ROLES = [roles.TEAM_MANAGER, roles.ADMINISTRATOR]
    client = signed_in(manager)
    set_up_with_codes(client, manager, admin_user)
    assert client.get("/").status_code == 200
    device_reset.reset_two_step(by=admin_user, user=manager)
    assert client.get("/")["Location"].startswith(SETUP)
    assert asks_for_an_enrolment_code(client.get(SETUP))


def test_a_person_without_an_email_address_is_reset_and_the_administrator_told(manager, admin_user, codes):
    manager.email = ""
    manager.save()
    response = reset_in_admin(client_for(admin_user), manager)
    assert "who has no e-mail address: tell them yourself" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action=AuditAction.RESET_TWO_STEP, subject_user=manager).exists()


def test_only_an_administrator_resets(manager, practitioner, slt, admin_user, codes):
    for person in (manager, practitioner, slt):
        with pytest.raises(PermissionDenied):
            device_reset.reset_two_step(by=person, user=manager)
    # A member of staff who may read the user list in the admin is not offered the action, and posting it does nothing.
    slt.is_staff = True  # as seed_demo makes senior leaders, who approve form designs in the admin
    slt.save()
    slt.user_permissions.add(Permission.objects.get(codename="view_user"))
    listing = client_for(slt).get(USERS)
    assert listing.status_code == 200 and "reset_two_step" not in listing.content.decode()
    reset_in_admin(client_for(slt), manager)
    assert client_for(admin_user).get(USERS).content.decode().count('value="reset_two_step"') == 1
    assert TOTPDevice.objects.filter(user=manager).exists()
    assert recovery.unused(manager).count() == 10
    assert not AuditEvent.objects.filter(action=AuditAction.RESET_TWO_STEP).exists()
    assert mail.outbox == []


def test_a_person_not_required_to_use_it_may_set_it_up_again_on_their_own(practitioner, admin_user):
    set_up(signed_in(practitioner))
    device_reset.reset_two_step(by=admin_user, user=practitioner)
    assert len(mail.outbox) == 1
    client = signed_in(practitioner)
    assert client.get("/").status_code == 200  # nothing owed: their role does not require it
    assert texts(client.get(SETUP), "govuk-heading-l") == ["Set up two-step verification"]
