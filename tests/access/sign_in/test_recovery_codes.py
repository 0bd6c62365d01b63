"""Recovery codes (issue 18, §14): ten single-use codes, shown once when two-step verification is set up (or on
request, as a new set that ends the old one), kept only as salted hashes; at sign-in one may stand in for the
app's code, once; wrong ones count against the app's throttle; people are told when few are left."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import AuditAction, AuditEvent, RecoveryCode
from access.staff import roles
from tests.access.sign_in.test_two_factor import SETUP, VERIFY, code, enter_enrolment_code, signed_in
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, error_summary, parse, texts

RECOVERY = "/account/two-step-verification/recovery-code/"
NEW_SET = "/account/two-step-verification/recovery-codes/"
WRONG = "The recovery code is not right or has already been used. Check it and try again"


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_FOR_ROLES = [roles.TEAM_MANAGER, roles.ADMINISTRATOR]


def shown_codes(response) -> list[str]:
    return [item.text() for element in parse(response.content).iter() if element.attrs.get("id") == "recovery-codes"
            for item in element.iter() if item.tag == "li"]


def set_up_with_codes(client, user, administrator, next_path="/") -> list[str]:
    enter_enrolment_code(client, user, administrator)
    client.get(SETUP)
    response = client.post(SETUP, {"code": code(client.session["casework_2fa_setup_key"]), "next": next_path})
    assert texts(response, "govuk-panel__title") == ["Two-step verification is set up"]
    return shown_codes(response)


@pytest.fixture
def manager_codes(required, manager, admin_user) -> list[str]:
    return set_up_with_codes(signed_in(manager), manager, admin_user)


def rows_holding(text: str) -> list[str]:
    """Every table in the database with a row whose text holds `text` (sessions and audit events included)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT count(*) FROM "{table}" AS x WHERE x::text ILIKE %s', [f"%{text}%"])
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def test_setting_up_shows_ten_codes_once_and_keeps_only_salted_hashes(required, manager, admin_user):
    client = signed_in(manager)
    codes = set_up_with_codes(client, manager, admin_user, next_path="/children/search/")
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(c) == 14 and c[4] == c[9] == "-" for c in codes)  # like ABCD-EFGH-JK23
    stored = list(RecoveryCode.objects.filter(user=manager).values_list("code_hash", flat=True))
    assert len(stored) == 10 and len({h.split("$")[1] for h in stored}) == 10  # a salt of its own each
    for shown in codes:
        assert rows_holding(shown) == [] and rows_holding(shown.replace("-", "")) == []
        assert shown not in str(dict(client.session))
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.MADE_RECOVERY_CODES).count() == 1
    # Never shown again: the two-step verification page says how many are left, not what they are.
    page = client.get(SETUP)
    assert shown_codes(page) == [] and not any(c in page.content.decode() for c in codes)
    assert [el.text() for el in parse(page.content).iter() if el.attrs.get("id") == "recovery-codes-left"] == ["10"]


def test_a_recovery_code_stands_in_for_the_apps_code_once(manager, manager_codes):
    client = signed_in(manager, next_path="/children/search/")
    verify_page = client.get(f"{VERIFY}?next=/children/search/")
    assert f'href="{RECOVERY}?next=/children/search/"' in verify_page.content.decode()
    assert "Use a recovery code" in verify_page.content.decode()
    assert client.get(RECOVERY).status_code == 200  # open while the code is still owed

    typed = manager_codes[0].lower().replace("-", " ")  # however it is typed
    response = client.post(RECOVERY, {"recovery_code": typed, "next": "/children/search/"})
    assert response["Location"] == "/children/search/"
    landing = client.get("/children/search/")
    assert landing.status_code == 200
    assert "You have 9 recovery codes left." in texts(landing, "govuk-notification-banner__heading")[0]
    used = AuditEvent.objects.get(actor=manager, action=AuditAction.USED_RECOVERY_CODE)
    assert used.detail == "9 left"

    other = signed_in(manager)
    assert_form_error(other.post(RECOVERY, {"recovery_code": manager_codes[0]}), WRONG)
    assert other.get("/")["Location"].startswith(VERIFY)  # still not through
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.FAILED_RECOVERY_CODE).count() == 1


def test_bad_input_is_refused_with_a_clear_message_and_is_not_a_guess(manager, manager_codes):
    client = signed_in(manager)
    assert_form_error(client.post(RECOVERY, {"recovery_code": ""}), "Enter one of your recovery codes")
    assert_form_error(client.post(RECOVERY, {"recovery_code": "ABCD-EFGH"}),
                      "Enter the recovery code as 12 letters and numbers, like ABCD-EFGH-JK23")
    assert_form_error(client.post(RECOVERY, {"recovery_code": "x" * 41}),
                      "Ensure this value has at most 40 characters (it has 41).")
    assert not AuditEvent.objects.filter(action=AuditAction.FAILED_RECOVERY_CODE).exists()
    assert TOTPDevice.objects.get(user=manager).throttling_failure_count == 0
    assert RecoveryCode.objects.filter(user=manager, used_at__isnull=True).count() == 10


def test_wrong_recovery_codes_share_the_apps_throttle(manager, manager_codes, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    client = signed_in(manager)
    assert_form_error(client.post(RECOVERY, {"recovery_code": "ABCD-EFGH-JK23"}), WRONG)
    # Straight away, even a right recovery code or the app's code must wait.
    wait = ["Too many wrong codes. Wait 30 seconds and try again"]
    assert error_summary(client.post(RECOVERY, {"recovery_code": manager_codes[1]})) == wait
    assert error_summary(client.post(VERIFY, {"code": code(TOTPDevice.objects.get(user=manager).key)})) == wait
    assert RecoveryCode.objects.filter(user=manager, used_at__isnull=True).count() == 10
    assert client.get("/").status_code == 302

    # And the other way round: a wrong app code holds back the recovery codes.
    TOTPDevice.objects.filter(user=manager).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    wrong = "000000" if code(TOTPDevice.objects.get(user=manager).key) != "000000" else "111111"
    client.post(VERIFY, {"code": wrong})
    assert error_summary(client.post(RECOVERY, {"recovery_code": manager_codes[1]})) == wait


def test_when_few_are_left_they_are_told_to_make_a_new_set(manager, manager_codes):
    for used in manager_codes[:7]:
        client = signed_in(manager)
        assert client.post(RECOVERY, {"recovery_code": used})["Location"] == "/"
    banner = client.get("/")
    assert texts(banner, "govuk-notification-banner__title") == ["Important"]
    assert texts(banner, "govuk-notification-banner__heading") == [
        "You signed in with a recovery code. It will not work again. You have 3 recovery codes left. "
        "Make a new set on the two-step verification page before you run out."]
    page = client.get(SETUP)
    assert "You have only 3 recovery codes left. Make a new set" in " ".join(texts(page, "govuk-warning-text__text"))


def test_a_new_set_from_the_two_step_page_ends_the_earlier_one(manager, manager_codes, django_assert_max_num_queries):
    client = signed_in(manager)
    assert client.post(RECOVERY, {"recovery_code": manager_codes[0]}).status_code == 302
    assert client.get(NEW_SET).status_code == 405  # a new set is made by the page's button (POST) only
    with django_assert_max_num_queries(11):  # the ten codes in one insert
        response = client.post(NEW_SET)
    fresh = shown_codes(response)
    assert texts(response, "govuk-heading-l") == ["Your new recovery codes"]
    assert len(fresh) == 10 and not set(fresh) & set(manager_codes)
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.MADE_RECOVERY_CODES).count() == 2
    assert RecoveryCode.objects.filter(user=manager, used_at__isnull=True, ended_at__isnull=True).count() == 10

    assert signed_in(manager).post(RECOVERY, {"recovery_code": fresh[0]})["Location"] == "/"
    assert_form_error(signed_in(manager).post(RECOVERY, {"recovery_code": manager_codes[1]}), WRONG)


def test_only_a_verified_session_makes_a_new_set(manager, manager_codes, practitioner):
    owing = signed_in(manager)
    assert owing.post(NEW_SET)["Location"] == VERIFY  # the step it owes comes first
    assert client_for(practitioner).post(NEW_SET)["Location"] == SETUP  # no app: nothing to recover
    assert AuditEvent.objects.filter(action=AuditAction.MADE_RECOVERY_CODES).count() == 1
    assert RecoveryCode.objects.filter(user=practitioner).count() == 0


def test_the_recovery_page_without_an_app_sends_to_set_up(practitioner):
    assert client_for(practitioner).get(RECOVERY)["Location"] == SETUP


def test_the_recovery_page_asks_in_a_bounded_number_of_queries(manager, manager_codes, django_assert_max_num_queries):
    client = signed_in(manager)
    with django_assert_max_num_queries(5):
        page = client.get(RECOVERY)
    assert texts(page, "govuk-heading-l") == ["Enter a recovery code"]
    with django_assert_max_num_queries(15):
        assert client.post(RECOVERY, {"recovery_code": manager_codes[2]}).status_code == 302


def test_a_fresh_client_cannot_use_codes_without_the_password(manager, manager_codes):
    response = Client().post(RECOVERY, {"recovery_code": manager_codes[0]})
    assert response["Location"].startswith(reverse("access:sign_in"))
    assert RecoveryCode.objects.filter(user=manager, used_at__isnull=True).count() == 10
