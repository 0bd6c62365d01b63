"""`manage.py seed_demo`: demo data for `make run`, never by accident on a production database."""

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from access.models import Team
from casework.models import Allocation, Case, Child

DEMO_PASSWORD = "Casework-Demo-2026"
DEMO_USERNAMES = ["practitioner", "practitioner2", "practitioner3", "manager", "manager2", "slt", "edt", "admin"]


def seed(*args):
    call_command("seed_demo", *args, verbosity=0, stdout=io.StringIO())


def row_counts() -> dict[str, int]:
    """Rows in every table of the project, historical and many-to-many tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    return settings


def test_refuses_with_debug_off_and_no_force(db, production_like):
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not Child.objects.exists()
    assert not get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()


def test_runs_with_debug_on_without_force(db, settings):
    settings.DEBUG = True
    seed()
    assert Child.objects.count() == 30


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Seed once (with --force, DEBUG off) for the tests that read the result; rolled back after them."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=False, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        seed("--force")
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded", "db")
class TestForcedSeed:
    def test_creates_both_teams_with_their_managers(self):
        teams = {team.name: team.manager.username for team in Team.objects.select_related("manager")}
        assert teams == {"Assessment Team": "manager", "Children in Care Team": "manager2"}

    @pytest.mark.parametrize("username", DEMO_USERNAMES)
    def test_demo_user_can_sign_in_with_the_published_password(self, username):
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None
        assert user.username == username

    def test_only_admin_is_a_superuser(self):
        superusers = get_user_model().objects.filter(is_superuser=True).values_list("username", flat=True)
        assert list(superusers) == ["admin"]

    def test_creates_30_children_each_with_an_open_case_and_a_team(self):
        assert Child.objects.count() == 30
        assert Case.objects.filter(closure_date__isnull=True).count() == 30
        assert Allocation.objects.filter(ended_at__isnull=True).count() == 30

    def test_leaves_some_children_awaiting_allocation(self):
        waiting = Allocation.objects.filter(ended_at__isnull=True, worker__isnull=True).count()
        assert 0 < waiting < 30

    def test_practitioner_has_a_caseload(self):
        assert Allocation.objects.filter(ended_at__isnull=True, worker__username="practitioner").exists()

    def test_changes_are_attributed_to_the_system_user(self):
        for model in (Child, Case, Allocation, Team):
            users = set(model.history.values_list("history_user__username", flat=True))
            assert users == {settings.SYSTEM_USERNAME}, model

    def test_running_again_changes_nothing(self):
        before = row_counts()
        assert before["casework.Child"] == 30
        assert before["casework.HistoricalChild"] > 0
        seed("--force")
        assert row_counts() == before


def test_seed_demo_records_visits_on_time_late_and_planned(db, settings):
    from django.core.management import call_command

    from records.models import Entry

    settings.DEBUG = True
    call_command("seed_demo")
    visits = Entry.objects.filter(kind="visit")
    assert visits.filter(status="planned").count() == 3
    assert visits.filter(status="completed", is_late_entry=True).count() == 3
    assert visits.filter(status="completed", is_late_entry=False).count() == 3
    assert Entry.objects.filter(kind="contact_phone", status="draft").count() == 3
