"""§14 automatic log-out: an idle session is signed out by the server and the sign-in page says why;
pages carry what the warning script needs; the keep-alive keeps the session, asking does not."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from access.sign_in import inactivity
from access.models import AuditAction, AuditEvent
from tests.conftest import client_for
from tests.govuk_html import by_class, parse, texts

MESSAGE = "You were signed out because you were inactive for 15 minutes. Anything saved automatically is kept."


def idle_for(client, seconds: float) -> None:
    """Make the client's session look as if its last request was `seconds` ago."""
    session = client.session
    session[inactivity.LAST_ACTIVITY] = time.time() - seconds
    session.save()


def last_activity(client) -> float:
    return client.session[inactivity.LAST_ACTIVITY]


def test_session_idle_for_15_minutes_is_signed_out_and_sent_to_sign_in_with_next(practitioner):
    client = client_for(practitioner)
    idle_for(client, 15 * 60 + 1)

    response = client.get("/children/search/?q=okoye")

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/children/search/%3Fq%3Dokoye"
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still signed out


def test_sign_in_page_says_why_once(practitioner):
    client = client_for(practitioner)
    idle_for(client, 15 * 60 + 1)
    client.get("/")

    page = client.get("/sign-in/?next=/")
    assert texts(page, "govuk-notification-banner__heading") == [MESSAGE]
    assert texts(client.get("/sign-in/"), "govuk-notification-banner__heading") == []


def test_sign_in_page_speaks_of_the_configured_timeout(practitioner, settings):
    settings.INACTIVITY_TIMEOUT_SECONDS = 60
    client = client_for(practitioner)
    idle_for(client, 61)
    client.get("/")

    assert texts(client.get("/sign-in/"), "govuk-notification-banner__heading") == [
        "You were signed out because you were inactive for 1 minute. Anything saved automatically is kept."
    ]


def test_session_used_within_the_timeout_stays_signed_in_and_its_clock_restarts(practitioner):
    client = client_for(practitioner)
    idle_for(client, 14 * 60)
    before = last_activity(client)

    assert client.get("/").status_code == 200
    assert last_activity(client) > before + 13 * 60


def test_activity_is_written_at_most_every_sixtieth_of_the_timeout(practitioner):
    # 15 seconds for 15 minutes: a page straight after another costs no session write.
    client = client_for(practitioner)
    idle_for(client, 5)
    before = last_activity(client)
    client.get("/")
    assert last_activity(client) == before


def test_a_form_posted_after_the_timeout_returns_to_the_page_it_was_sent_from(practitioner):
    client = client_for(practitioner)
    idle_for(client, 15 * 60 + 1)

    response = client.post("/children/new/", {"first_name": "Amara"}, HTTP_REFERER="http://testserver/children/new/")

    assert response["Location"] == "/sign-in/?next=/children/new/"


def test_a_post_from_another_site_is_not_used_as_the_way_back(practitioner):
    client = client_for(practitioner)
    idle_for(client, 15 * 60 + 1)

    response = client.post("/children/new/", {}, HTTP_REFERER="https://elsewhere.example/children/new/")

    assert response["Location"] == "/sign-in/?next="


def test_asking_how_long_is_left_is_not_activity(practitioner):
    client = client_for(practitioner)
    idle_for(client, 100)
    before = last_activity(client)

    response = client.get(reverse("access:session"))

    assert response.status_code == 200
    assert 795 <= response.json()["seconds_left"] <= 800
    assert last_activity(client) == before


def test_stay_signed_in_restarts_the_clock(practitioner):
    client = client_for(practitioner)
    idle_for(client, 14 * 60 + 30)

    response = client.post(reverse("access:session"))

    assert response.json()["seconds_left"] >= 899
    assert time.time() - last_activity(client) < 5


def test_stay_signed_in_needs_the_csrf_token(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(reverse("access:session")).status_code == 403


def test_stay_signed_in_cannot_revive_a_session_that_has_timed_out(practitioner):
    client = client_for(practitioner)
    idle_for(client, 15 * 60 + 1)

    response = client.post(reverse("access:session"))

    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert "_auth_user_id" not in client.session


def test_pages_carry_the_warning_settings_on_body_and_the_warning_dialog(practitioner):
    page = parse(client_for(practitioner).get("/").content)
    body = next(el for el in page.iter() if el.tag == "body")
    dialog = next(el for el in page.iter() if el.tag == "dialog")

    assert 895 <= int(body.attrs["data-session-seconds-left"]) <= 900
    assert body.attrs["data-session-warning-seconds"] == "60"
    assert body.attrs["data-session-url"] == reverse("access:session")
    assert "open" not in dialog.attrs  # nothing shows without JavaScript
    assert "You will be signed out in 1 minute" in dialog.text()
    buttons = [b.text() for b in dialog.iter() if b.tag == "button"]
    assert buttons == ["Stay signed in", "Sign out"]
    assert [el.tag for el in dialog.iter() if "govuk-button" in el.classes] == ["button", "button"]


def test_signed_out_pages_have_no_timeout(client):
    page = parse(client.get("/sign-in/").content)
    body = next(el for el in page.iter() if el.tag == "body")
    assert "data-session-url" not in body.attrs
    assert not [el for el in page.iter() if el.tag == "dialog"]


def test_warning_lead_time_is_a_setting(practitioner, settings):
    settings.INACTIVITY_WARNING_SECONDS = 120
    response = client_for(practitioner).get("/")
    assert "You will be signed out in 2 minutes" in by_class(response, "cw-timeout-dialog")[0].text()


def test_page_script_signs_out_for_inactivity_and_comes_back_to_the_page(practitioner):
    client = client_for(practitioner)

    response = client.post(reverse("access:sign_out"), {"reason": "inactive", "next": "/children/search/"})

    assert response["Location"] == "/sign-in/?next=/children/search/"
    assert texts(client.get(response["Location"]), "govuk-notification-banner__heading") == [MESSAGE]
    assert AuditEvent.objects.filter(actor=practitioner, action=AuditAction.SIGNED_OUT, detail="after inactivity").exists()


def test_page_script_cannot_send_anyone_to_another_site(practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("access:sign_out"), {"reason": "inactive", "next": "https://elsewhere.example/"})
    assert response["Location"] == "/sign-in/?next=/"


def test_ordinary_sign_out_says_nothing_about_inactivity(practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("access:sign_out"))
    assert texts(client.get(response["Location"]), "govuk-notification-banner__heading") == []


def test_timeout_is_signed_out_by_the_server_after_a_sign_in_through_the_form(practitioner):
    client = Client()
    client.post("/sign-in/", {"username": practitioner.username, "password": "Casework-Test-2026"})
    assert client.get("/").status_code == 200
    idle_for(client, 15 * 60 + 1)
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(actor=practitioner, action=AuditAction.SIGNED_OUT, detail="after inactivity").exists()


@pytest.mark.parametrize(("seconds", "words"), [(900, "15 minutes"), (60, "1 minute"), (6, "6 seconds"), (1, "1 second"),
                                               (90, "90 seconds")])
def test_durations_are_written_in_words(seconds, words):
    assert inactivity.describe(seconds) == words


def test_timeout_settings_come_from_the_environment():
    env = {**os.environ, "INACTIVITY_TIMEOUT_SECONDS": "600", "INACTIVITY_WARNING_SECONDS": "30"}
    code = "from django.conf import settings; print(settings.INACTIVITY_TIMEOUT_SECONDS, settings.INACTIVITY_WARNING_SECONDS)"
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=settings.BASE_DIR,
                            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"}, capture_output=True, text=True)
    assert result.stdout.split() == ["600", "30"], result.stderr


def test_a_warning_not_shorter_than_the_timeout_is_refused_at_start_up():
    env = {**os.environ, "INACTIVITY_TIMEOUT_SECONDS": "60", "INACTIVITY_WARNING_SECONDS": "60",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "INACTIVITY_WARNING_SECONDS" in result.stderr
