"""Repeated failed sign-ins lock out a username from one address (django-axes), with a GOV.UK page
that is the same whether the account exists or not; other addresses and other usernames carry on."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from access.sign_in.lockout import client_ip
from tests.factories import PASSWORD
from tests.govuk_html import error_summary, texts

LIMIT = 5


def attempt(client, username, password="Not-the-password-1", address="10.0.0.1"):
    return client.post("/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times=LIMIT, address="10.0.0.1"):
    return [attempt(client, username, address=address) for _ in range(times)][-1]


def page_without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_settings_lock_by_username_and_address_after_5_failures_for_30_minutes():
    assert settings.AUTHENTICATION_BACKENDS[0] == "access.sign_in.lockout.LockoutBackend"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)


def test_fewer_than_5_failures_show_the_sign_in_error(practitioner):
    response = fail(Client(), practitioner.username, times=LIMIT - 1)
    assert response.status_code == 200
    assert error_summary(response) == ["Enter a correct username and password. Both are case-sensitive."]


def test_the_5th_failure_locks_out_with_the_govuk_lockout_page(practitioner):
    response = fail(Client(), practitioner.username)
    assert response.status_code == 429
    assert texts(response, "govuk-heading-l") == ["You cannot sign in at the moment"]
    assert "stopped for 30 minutes" in response.content.decode()


def test_the_right_password_is_refused_while_locked_out(practitioner):
    client = Client()
    fail(client, practitioner.username)
    response = attempt(client, practitioner.username, password=PASSWORD)
    assert response.status_code == 429
    assert client.get("/").status_code == 302  # not signed in


def test_the_lockout_looks_the_same_whether_the_account_exists_or_not(practitioner):
    known = fail(Client(), practitioner.username)
    unknown = fail(Client(), "no-such-person")
    assert known.status_code == unknown.status_code == 429
    assert page_without_tokens(known) == page_without_tokens(unknown)
    assert practitioner.username not in known.content.decode()


def test_failures_before_the_lockout_look_the_same_whether_the_account_exists_or_not(practitioner):
    known = attempt(Client(), practitioner.username)
    unknown = attempt(Client(), "no-such-person")
    assert page_without_tokens(known).replace(practitioner.username, "") == \
        page_without_tokens(unknown).replace("no-such-person", "")


def test_the_same_username_from_another_address_can_still_sign_in(practitioner):
    fail(Client(), practitioner.username, address="10.0.0.1")
    response = attempt(Client(), practitioner.username, password=PASSWORD, address="10.0.0.2")
    assert response.status_code == 302


def test_another_username_from_the_same_address_can_still_sign_in(practitioner, colleague):
    fail(Client(), colleague.username, address="10.0.0.1")
    response = attempt(Client(), practitioner.username, password=PASSWORD, address="10.0.0.1")
    assert response.status_code == 302


def test_the_lockout_ends_after_the_cool_off(practitioner):
    fail(Client(), practitioner.username)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = attempt(Client(), practitioner.username, password=PASSWORD)
    assert response.status_code == 302


def test_signing_in_resets_the_count(practitioner):
    client = Client()
    fail(client, practitioner.username, times=LIMIT - 1)
    assert attempt(client, practitioner.username, password=PASSWORD).status_code == 302
    client.post("/sign-out/")
    assert fail(client, practitioner.username, times=LIMIT - 1).status_code == 200


def test_the_test_clients_login_and_force_login_still_work(practitioner):
    client = Client()
    assert client.login(username=practitioner.username, password=PASSWORD)
    assert client.get("/").status_code == 200
    other = Client()
    other.force_login(practitioner)
    assert other.get("/").status_code == 200


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "203.0.113.9", "10.0.0.1"),  # not behind a proxy: X-Forwarded-For is ignored
    (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the entry our proxy added, not what the client sent
    (2, "198.51.100.7, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
    (1, "", "10.0.0.1"),
])
def test_address_is_read_from_the_trusted_proxies_only(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
