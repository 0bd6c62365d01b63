"""The demo and two-step verification (issue 18): `make run` keeps the requirement off, so the demo managers and
administrator sign in with their password alone; with the requirement on (production's default), a demo manager
without an app reaches nothing but the page that asks for an enrolment code."""

import runpy
from pathlib import Path

import pytest

from access.audit.history import acting_as, system_user
from access.staff import roles
from records.management.commands.seed_demo import DEMO_PASSWORD, DEMO_STAFF, Command
from tests.access.sign_in.test_two_factor import SETUP
from tests.govuk_html import texts

ROOT = Path(__file__).resolve().parents[3]
SETTINGS_READ_FROM_THE_ENVIRONMENT = ("DEBUG", "SECRET_KEY", "REQUIRE_2FA_FOR_ROLES", "DATABASE_URL", "REDIS_URL")
MANAGERS_AND_ADMIN = [username for username, *_, role, _team in DEMO_STAFF if role in (roles.TEAM_MANAGER, roles.ADMINISTRATOR)]


def settings_with(monkeypatch, **environment) -> dict:
    """config/settings.py as it reads this environment (and nothing else of this test run's)."""
    for name in SETTINGS_READ_FROM_THE_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "config" / "settings.py"))


@pytest.fixture
def demo_staff(db):
    with acting_as(system_user()) as system:
        return Command()._staff(system)


def sign_in(client, username):
    response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, username


def test_make_run_turns_debug_on_and_sets_no_roles():
    recipe = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert "export DEBUG=$${DEBUG:-true}" in recipe
    assert "REQUIRE_2FA_FOR_ROLES" not in (ROOT / "Makefile").read_text()


def test_demo_managers_and_admin_sign_in_with_no_second_step_under_the_demo_settings(
        monkeypatch, settings, demo_staff, client):
    demo = settings_with(monkeypatch, DEBUG="true")
    assert demo["REQUIRE_2FA_FOR_ROLES"] == []
    settings.REQUIRE_2FA_FOR_ROLES = demo["REQUIRE_2FA_FOR_ROLES"]
    assert sorted(MANAGERS_AND_ADMIN) == ["admin", "manager", "manager2"]
    for username in MANAGERS_AND_ADMIN:
        sign_in(client, username)
        assert client.get("/").status_code == 200, username
        assert client.get("/children/search/").status_code == 200, username
        client.post("/sign-out/")


def test_with_the_requirement_on_a_demo_manager_without_an_app_reaches_only_the_enrolment_page(
        monkeypatch, settings, demo_staff, client):
    production = settings_with(monkeypatch, DEBUG="false", SECRET_KEY="x" * 50)
    assert production["REQUIRE_2FA_FOR_ROLES"] == [roles.TEAM_MANAGER, roles.ADMINISTRATOR]
    settings.REQUIRE_2FA_FOR_ROLES = production["REQUIRE_2FA_FOR_ROLES"]
    for username in MANAGERS_AND_ADMIN:
        sign_in(client, username)
        for path in ("/", "/children/search/", "/admin/", "/children/search/?q=a"):
            assert client.get(path)["Location"].startswith(f"{SETUP}?next="), (username, path)
        page = client.get(SETUP)
        assert texts(page, "govuk-heading-l") == ["Ask your administrator for an enrolment code"], username
        assert "otpauth" not in page.content.decode()
        client.post("/sign-out/")
