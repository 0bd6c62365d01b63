"""The fixed cast every view is tested against (healthchecks' alice/bob/charlie, here by role):

- `practitioner`: allocated worker of `child` (Assessment Team)
- `colleague`: same team as the practitioner, not allocated
- `other_practitioner`: Children in Care Team, allocated `other_child`
- `manager`: manager of the Assessment Team
- `edt`: emergency duty, no allocations
- `slt`: senior leadership
- `admin_user`: superuser
"""

import importlib
import os
from datetime import date

import pytest
from django.test import Client

from access.staff import roles
from access.audit.history import system_user
from casework.models import Case, Child
from casework.children.services import allocate_case, create_child_with_referral
from tests.factories import PASSWORD, TeamFactory, make_staff


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Every test under tests/browser is a browser test, marked or not (before `-m` deselects anything).
    for item in items:
        if item.nodeid.startswith("tests/browser/"):
            item.add_marker(pytest.mark.browser)


def pytest_configure(config):
    # `make test` asks for a migrated template database (tests/template_database.py). The first
    # process makes it before the xdist processes start; they inherit its name in the environment.
    # TEST_DB_TEMPLATE=incremental (development only) builds a new template from the last one.
    mode = os.environ.get("TEST_DB_TEMPLATE")
    if mode in ("auto", "incremental") and not hasattr(config, "workerinput"):
        from tests.template_database import ensure_template

        os.environ["TEST_DB_TEMPLATE"] = ensure_template(os.environ["DATABASE_URL"], incremental=mode == "incremental")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    from django.conf import settings

    template = os.environ.get("TEST_DB_TEMPLATE")
    if template and template not in ("auto", "incremental"):
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # A throwaway test database need not wait for each commit to reach the disk (about 40 ms a commit
        # here): the transactional and browser tests commit hundreds of times each.
        options = settings.DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


# Reference data a migration loads and no test changes: kept when a transactional test empties the tables, as
# the template database holds them, so that each test need not load them again.
KEPT_BY_THE_FLUSH = {"django_content_type", "auth_permission", "casework_returns_codelist", "casework_returns_code"}


@pytest.fixture(scope="session", autouse=True)
def _quick_flush():
    """After a transactional or browser test, Django empties every table with one TRUNCATE of all ~150 tables
    and their ~860 indexes (1.5 to 6 seconds here, since each table gets new files). The tables a test wrote
    to are emptied instead, by DELETE with triggers off (foreign keys and the append-only guards are
    triggers), which leaves the database exactly as empty, in milliseconds."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return truncate(self, style, tables, reset_sequences=True, allow_cascade=allow_cascade)
        tables = [table for table in tables if table not in KEPT_BY_THE_FLUSH]
        if not tables:
            return []
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {self.quote_name(t)})" for t in tables))
            written = [table for table, has_rows in zip(tables, cursor.fetchone()) if has_rows]
        if not written:
            return []
        return ["SET LOCAL session_replication_role = replica"] + [
            f"DELETE FROM {self.quote_name(table)}" for table in written]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


POLICY_APPROVER = "policy-designs-approver"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """§2: a fresh install's first designs are submitted, not approved. Once per test database (each
    xdist worker has its own), a senior leader approves them through the service a person uses, so the
    suite records on designs approved by senior leadership. Tests of the unapproved state retire or
    reject a design themselves; transactional tests that empty the tables use `policy_designs`."""
    from records.designs.services import approve_latest_submitted
    from records.models import FormDesign

    with django_db_blocker.unblock():
        if FormDesign.objects.filter(status=FormDesign.Status.SUBMITTED).exists():
            from django.contrib.auth import get_user_model

            approver = get_user_model().objects.filter(username=POLICY_APPROVER).first() or make_staff(
                POLICY_APPROVER, role=roles.SENIOR_LEADERSHIP, post_title="Director of Children's Services",
                first_name="Policy", last_name="Approver",
            )
            approve_latest_submitted(by=approver, comment="Approved for the test suite")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_required_two_step(settings):
    """Managers and administrators sign in without an authenticator app, except in the tests of
    two-step verification (tests/access/sign_in/test_two_factor.py), which switch the requirement back on."""
    settings.REQUIRE_2FA_FOR_ROLES = []


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """PDFs built by a test go to its own temporary directory, never to the project's private-media/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def assessment_team(db):
    return TeamFactory(name="Assessment Team")


@pytest.fixture
def care_team(db):
    return TeamFactory(name="Children in Care Team")


@pytest.fixture
def manager(assessment_team):
    user = make_staff("manager", role=roles.TEAM_MANAGER, team=assessment_team, post_title="Team Manager",
                      first_name="Marcus", last_name="Bennett")
    assessment_team.manager = user
    assessment_team.save()
    return user


@pytest.fixture
def care_manager(care_team):
    user = make_staff("manager2", role=roles.TEAM_MANAGER, team=care_team, post_title="Team Manager")
    care_team.manager = user
    care_team.save()
    return user


@pytest.fixture
def practitioner(assessment_team):
    return make_staff("practitioner", role=roles.PRACTITIONER, team=assessment_team,
                      first_name="Priya", last_name="Shah")


@pytest.fixture
def colleague(assessment_team):
    return make_staff("colleague", role=roles.PRACTITIONER, team=assessment_team)


@pytest.fixture
def other_practitioner(care_team):
    return make_staff("practitioner2", role=roles.PRACTITIONER, team=care_team)


@pytest.fixture
def edt(db):
    return make_staff("edt", role=roles.EMERGENCY_DUTY, post_title="Emergency Duty Social Worker")


@pytest.fixture
def slt(db):
    return make_staff("slt", role=roles.SENIOR_LEADERSHIP, post_title="Head of Service")


@pytest.fixture
def admin_user(db):
    return make_staff("admin", role=roles.ADMINISTRATOR, post_title="Systems Administrator", is_superuser=True, is_staff=True)


def open_record(*, team, manager, worker=None, first_name="Amara", last_name="Okoye", dob=date(2016, 5, 17)) -> Child:
    """A child with an open case placed with `team` by its manager, allocated to `worker` if given."""
    child = create_child_with_referral(
        by=manager,
        team=team,
        child=Child(first_name=first_name, last_name=last_name, date_of_birth=dob),
        case=Case(referral_date=date(2026, 1, 12), referral_source="2A",
                  referral_reason="School concerned about attendance."),
    )
    if worker is not None:
        allocate_case(case=child.cases.get(), team=team, worker=worker, by=manager, reason="Allocated")
    return child


@pytest.fixture
def child(assessment_team, manager, practitioner, colleague):
    return open_record(team=assessment_team, manager=manager, worker=practitioner)


@pytest.fixture
def other_child(care_team, care_manager, other_practitioner):
    return open_record(team=care_team, manager=care_manager, worker=other_practitioner,
                       first_name="Jayden", last_name="Clarke", dob=date(2012, 9, 3))


@pytest.fixture
def cast(practitioner, colleague, other_practitioner, manager, edt, slt, admin_user, child, other_child):
    """Every role and both children, for permission matrices."""
    return {
        "practitioner": practitioner,
        "colleague": colleague,
        "other_practitioner": other_practitioner,
        "manager": manager,
        "edt": edt,
        "slt": slt,
        "admin": admin_user,
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def system(db):
    return system_user()


def as_of_today(value):
    """A parametrize value that depends on today is written `lambda today: ...`, so that it is computed
    inside the test (London time), never at import: a run that crosses midnight would go stale.
    Other values pass through."""
    from django.utils import timezone

    return value(timezone.localdate()) if callable(value) else value


__all__ = ["PASSWORD", "as_of_today", "client_for", "open_record"]


# The migrations that load DfE code lists.
CODE_LIST_MIGRATIONS = ("0014_i17_returns", "0017_i17_cin_episodes", "0021_i17_adoption", "0022_i17_code_meanings",
                        "0021_i17_sw_episodes_and_leaver_codes")


@pytest.fixture(autouse=True)
def _dfe_code_lists_after_a_flush(request):
    """The DfE code lists a migration loaded (issue 17), put back after an earlier transactional test emptied the
    tables: recording a child checks its ethnicity and the referral's source against them."""
    marker = request.node.get_closest_marker("django_db")
    marked_transactional = marker is not None and bool(marker.kwargs.get("transaction", marker.args[:1] == (True,)))
    if marked_transactional:
        # A test marked django_db(transaction=True) gets its database from pytest-django's marker fixture.
        request.getfixturevalue("_django_db_helper")
    elif "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    else:
        return
    from casework.returns.models import Code, CodeList

    if CodeList.objects.exists():
        return
    for migration in CODE_LIST_MIGRATIONS:
        importlib.import_module(f"casework.migrations.{migration}").load_code_lists(CodeList, Code)


@pytest.fixture
def policy_designs(db):
    """An approved design of every kind, with the policy's questions: those the suite's setup approved
    (django_db_setup above). A transactional test empties the tables afterwards, so a later one
    recreates them the legitimate way: drafted, submitted, approved by a senior leader."""
    from records.models import FormDesign, RecordKind
    from tests.records.designs.first_designs import approve_policy_designs

    if FormDesign.objects.filter(status="approved").count() < len(RecordKind):
        approve_policy_designs(
            administrator=make_staff("design-admin", role=roles.ADMINISTRATOR, post_title="Administrator"),
            senior_leader=make_staff("design-slt", role=roles.SENIOR_LEADERSHIP, post_title="Head of Service"),
            kinds=[k for k in RecordKind if not FormDesign.objects.filter(kind=k, status="approved").exists()],
        )


def complete_closing_summary(case, by):
    """§5.3: a case closes only with a completed closing summary; tests that close cases write one first."""
    from django.utils import timezone

    from records.entries import services as entries

    summary = entries.start_summary(child=case.child, by=by, kind="closing_summary", event_at=timezone.now())
    answers = {q.key: "Summary of the work and why the case can close."
               for q in summary.form_design.questions.filter(required=True)}
    return entries.complete_entry(entry=summary, by=by, expected_version=None, write_up=entries.WriteUp(
        answers=answers, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=True))
