"""Two-step verification (TOTP): anyone may set it up, whoever has it uses it at every sign-in, and the
roles in REQUIRE_2FA_FOR_ROLES (managers, administrators) must set it up before any other page."""

import time
from binascii import unhexlify
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.staff import roles

from access.sign_in import enrolment, two_factor
from access.models import AuditAction, AuditEvent
from tests.conftest import client_for
from tests.factories import PASSWORD, TOTPDeviceFactory
from tests.govuk_html import assert_form_error, by_class, error_summary, texts

SETUP = "/account/two-step-verification/"
VERIFY = "/account/two-step-verification/code/"


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_FOR_ROLES = [roles.TEAM_MANAGER, roles.ADMINISTRATOR]


def code(hex_key: str, steps_ahead: int = 0) -> str:
    totp = TOTP(unhexlify(hex_key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def signed_in(user, next_path="/children/search/") -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD, "next": next_path})
    assert response.status_code == 302
    return client


def set_up(client) -> TOTPDevice:
    client.get(SETUP)
    key = client.session[two_factor.SETUP_KEY]
    response = client.post(SETUP, {"code": code(key)})
    assert texts(response, "govuk-panel__title") == ["Two-step verification is set up"], response.content.decode()
    return TOTPDevice.objects.get(key=key)


def enter_enrolment_code(client, user, administrator) -> None:
    """Issue 18: the administrator issues a code and the person enters it before the set-up page shows a secret."""
    issued = enrolment.issue_enrolment_code(by=administrator, user=user)
    response = client.post(SETUP, {"enrolment_code": issued})
    assert response.status_code == 302 and response["Location"].startswith(SETUP), response.content.decode()[:300]


@pytest.fixture
def manager_device(manager):
    totp = TOTP(unhexlify("3132333435363738393031323334353637383930"))
    return TOTPDeviceFactory(user=manager, name="Authenticator app", confirmed=True,
                             key="3132333435363738393031323334353637383930", last_t=totp.t() - 5)


# --- required roles ---

def test_manager_is_sent_to_set_up_before_any_other_page(required, manager):
    client = signed_in(manager)
    for path in ("/children/search/", "/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next={path.replace('/', '%2F')}"


def test_set_up_page_shows_the_secret_the_uri_and_a_qr_code(required, manager, admin_user):
    client = signed_in(manager)
    enter_enrolment_code(client, manager, admin_user)
    page = client.get(SETUP)
    key = client.session[two_factor.SETUP_KEY]
    html = page.content.decode()
    assert texts(page, "govuk-heading-l") == ["Set up two-step verification"]
    assert "Your role must use two-step verification." in html
    assert two_factor.secret_for_people(key) in html
    uri = texts(page, "govuk-body-s")[0]
    parts = urlsplit(uri.replace("&amp;", "&"))
    assert parts.scheme == "otpauth" and unquote(parts.path) == "/Casework:manager"
    assert parse_qs(parts.query)["issuer"] == ["Casework"]
    assert 'src="data:image/svg+xml' in html
    # The secret stays the same on reload until it is confirmed.
    client.get(SETUP)
    assert client.session[two_factor.SETUP_KEY] == key


def test_a_wrong_code_at_set_up_is_refused(required, manager, admin_user):
    client = signed_in(manager)
    enter_enrolment_code(client, manager, admin_user)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000" if code(client.session[two_factor.SETUP_KEY]) != "000000" else "111111"})
    assert_form_error(response, "The code is not right. Check the app shows Casework and enter its current code")
    assert not TOTPDevice.objects.filter(user=manager).exists()


def test_a_code_that_is_not_6_digits_is_refused(required, manager, admin_user):
    client = signed_in(manager)
    enter_enrolment_code(client, manager, admin_user)
    assert_form_error(client.post(SETUP, {"code": "12ab"}), "Enter the code as 6 digits, like 123456")
    assert_form_error(client.post(SETUP, {"code": ""}), "Enter the 6-digit code from your authenticator app")


def test_setting_up_lets_the_manager_carry_on_to_where_they_were_going(required, manager, admin_user):
    client = signed_in(manager)
    enter_enrolment_code(client, manager, admin_user)
    client.get(SETUP)
    key = client.session[two_factor.SETUP_KEY]
    response = client.post(SETUP, {"code": code(key), "next": "/children/search/"})
    # The recovery codes are shown once, then the button carries on (tests/access/sign_in/test_recovery_codes.py).
    assert texts(response, "govuk-panel__title") == ["Two-step verification is set up"]
    assert [button.attrs.get("href") for button in by_class(response, "govuk-button")
            if button.text() == "I have saved my codes, continue"] == ["/children/search/"]
    assert client.get("/children/search/").status_code == 200
    device = TOTPDevice.objects.get(user=manager)
    assert device.confirmed and device.key == key
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.SET_UP_TWO_STEP).exists()


def test_manager_with_an_app_enters_a_code_at_sign_in(required, manager, manager_device):
    client = signed_in(manager)
    response = client.get("/children/search/")
    assert response["Location"] == f"{VERIFY}?next=%2Fchildren%2Fsearch%2F"

    response = client.post(VERIFY, {"code": code(manager_device.key), "next": "/children/search/"})
    assert response["Location"] == "/children/search/"
    assert client.get("/children/search/").status_code == 200
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.VERIFIED_TWO_STEP).exists()


def test_a_wrong_code_at_sign_in_is_refused_recorded_and_slowed_down(required, manager, manager_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30  # 30 s, then 60, 120...: long enough for a slow test run
    client = signed_in(manager)
    wrong = "000000" if code(manager_device.key) != "000000" else "111111"
    assert_form_error(client.post(VERIFY, {"code": wrong}), "The code is not right. Enter the code your app shows now")
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.FAILED_TWO_STEP).exists()
    assert client.get("/").status_code == 302

    # django-otp's throttle: straight away, even the right code must wait.
    response = client.post(VERIFY, {"code": code(manager_device.key)})
    assert error_summary(response) == ["Too many wrong codes. Wait 30 seconds and try again"]
    assert client.get("/").status_code == 302


def test_the_same_code_cannot_be_used_twice(required, manager, manager_device):
    first = signed_in(manager)
    used = code(manager_device.key)
    assert first.post(VERIFY, {"code": used})["Location"] == "/"
    second = signed_in(manager)
    assert second.post(VERIFY, {"code": used}).status_code == 200  # refused: the form again


def test_administrators_and_superusers_are_required_too(required, admin_user, manager, practitioner):
    assert two_factor.is_required_for(admin_user)
    assert two_factor.is_required_for(manager)
    assert not two_factor.is_required_for(practitioner)


def test_admin_sign_in_page_is_held_to_the_same_rule(required, admin_user):
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": admin_user.username, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_signing_out_and_the_keep_alive_work_while_a_code_is_owed(required, manager):
    client = signed_in(manager)
    assert client.get(reverse("access:session")).status_code == 200
    assert client.post(reverse("access:sign_out"))["Location"] == "/sign-in/"


def test_nobody_is_required_when_the_setting_is_empty(settings, manager):
    settings.REQUIRE_2FA_FOR_ROLES = []
    assert signed_in(manager).get("/").status_code == 200


# --- optional for everyone else ---

def test_practitioner_is_not_asked_but_may_set_it_up(required, practitioner):
    client = signed_in(practitioner)
    assert client.get("/").status_code == 200
    assert "Two-step verification" in texts(client.get("/"), "govuk-footer__link")
    page = client.get(SETUP)
    assert "Your role must use two-step verification." not in page.content.decode()
    device = set_up(client)

    again = signed_in(practitioner)
    assert again.get("/")["Location"].startswith(VERIFY)
    assert again.post(VERIFY, {"code": code(device.key, steps_ahead=1)})["Location"] == "/"


def test_verify_page_without_an_app_sends_to_set_up(practitioner):
    assert client_for(practitioner).get(VERIFY)["Location"] == SETUP


def test_set_up_page_after_setting_up_says_it_is_on(practitioner):
    client = signed_in(practitioner)
    set_up(client)
    page = client.get(SETUP)
    assert "Two-step verification is on." in page.content.decode()


def test_the_secret_is_never_shown_in_the_admin(settings):
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA is True
