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
from tests import prebuilt
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
# the template database holds them.
KEPT_BY_THE_FLUSH = {"django_content_type", "auth_permission", "casework_code", "casework_codelist"}

# The tables that held rows once the test database was set up (migrations and `django_db_setup`: approved
# designs, role groups, the system account, visit rules...), each copied into this schema, which Django never
# sees. A flush puts them back, so after a transactional test the database is as every test starts: no test
# has to make the designs, code lists or groups again, and keys read once per process stay true.
SNAPSHOT_SCHEMA = "flush_snapshot"
_SNAPSHOT: set[str] = set()


def _take_snapshot(connection) -> None:
    quote = connection.ops.quote_name
    tables = [table for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
              if table not in KEPT_BY_THE_FLUSH]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT_SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SNAPSHOT_SCHEMA}")
        filled = prebuilt.tables_with_rows(cursor, tables)
        for table in filled:
            cursor.execute(f"CREATE TABLE {SNAPSHOT_SCHEMA}.{quote(table)} AS SELECT * FROM {quote(table)}")
    _SNAPSHOT.clear()
    _SNAPSHOT.update(filled)


@pytest.fixture(scope="session", autouse=True)
def _quick_flush():
    """After a transactional or browser test, Django empties every table with one TRUNCATE of all ~150 tables
    and their ~860 indexes (1.5 to 6 seconds here, since each table gets new files). The tables a test wrote
    to are emptied instead, by DELETE with triggers off (foreign keys and the append-only guards are
    triggers), and the tables set up with rows get those rows back from the snapshot, in milliseconds."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return truncate(self, style, tables, reset_sequences=True, allow_cascade=allow_cascade)
        tables = [table for table in tables if table not in KEPT_BY_THE_FLUSH]
        if not tables:
            return []
        quote = self.quote_name
        with self.connection.cursor() as cursor:
            written = prebuilt.tables_with_rows(cursor, tables)
        emptied = [f"DELETE FROM {quote(table)}" for table in written]
        restored = [f"INSERT INTO {quote(table)} SELECT * FROM {SNAPSHOT_SCHEMA}.{quote(table)}"
                    for table in tables if table in _SNAPSHOT]
        return ["SET LOCAL session_replication_role = replica", *emptied, *restored]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(scope="session", autouse=True)
def _static_files_listed_once():
    """Each test client builds its own middleware, and WhiteNoise lists every static file through the
    finders when it starts (about 0.1 s, thousands of stat calls): a test that signs in seven roles paid
    that seven times. The list is the same for the whole run, so it is made once."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    list_files = WhiteNoiseMiddleware.add_files_from_finders
    listed = {}

    def add_files_from_finders(self):
        if not listed:
            before = dict(self.files)
            list_files(self)
            listed.update({url: found for url, found in self.files.items() if before.get(url) is not found})
        else:
            self.files.update(listed)

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders
    yield
    WhiteNoiseMiddleware.add_files_from_finders = list_files


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
        from django.db import connection

        if connection.vendor == "postgresql":
            _take_snapshot(connection)
            if os.environ.get("PREBUILT", "on") != "off":  # PREBUILT=off: every test builds its own
                for key, make in PREBUILT_SETS.items():
                    prebuilt.build(key, make)


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


def _assessment_team():
    return TeamFactory(name="Assessment Team")


def _care_team():
    return TeamFactory(name="Children in Care Team")


def _team_manager(username, team, **names):
    user = make_staff(username, role=roles.TEAM_MANAGER, team=team, post_title="Team Manager", **names)
    team.manager = user
    team.save()
    return user


def _manager(team):
    return _team_manager("manager", team, first_name="Marcus", last_name="Bennett")


def _care_manager(team):
    return _team_manager("manager2", team)


def _practitioner(team):
    return make_staff("practitioner", role=roles.PRACTITIONER, team=team, first_name="Priya", last_name="Shah")


def _colleague(team):
    return make_staff("colleague", role=roles.PRACTITIONER, team=team)


def _other_practitioner(team):
    return make_staff("practitioner2", role=roles.PRACTITIONER, team=team)


def _child(team, manager, practitioner):
    return open_record(team=team, manager=manager, worker=practitioner)


def _other_child(team, manager, worker):
    return open_record(team=team, manager=manager, worker=worker, first_name="Jayden", last_name="Clarke",
                       dob=date(2012, 9, 3))


def _child_and_its_team():
    team = _assessment_team()
    manager, practitioner, colleague = _manager(team), _practitioner(team), _colleague(team)
    return {"assessment_team": team, "manager": manager, "practitioner": practitioner, "colleague": colleague,
            "child": _child(team, manager, practitioner)}


def _other_child_and_its_team():
    team = _care_team()
    manager, worker = _care_manager(team), _other_practitioner(team)
    return {"care_team": team, "care_manager": manager, "other_practitioner": worker,
            "other_child": _other_child(team, manager, worker)}


PREBUILT_SETS = {"child": _child_and_its_team, "other_child": _other_child_and_its_team}
MEMBER_OF = {"assessment_team": "child", "manager": "child", "practitioner": "child", "colleague": "child",
             "child": "child", "care_team": "other_child", "care_manager": "other_child",
             "other_practitioner": "other_child", "other_child": "other_child"}


def _from_prebuilt(request, name):
    """The prebuilt object for fixture `name` when this test may have it (tests/prebuilt.py), else None."""
    key = MEMBER_OF[name]
    return prebuilt.fetch(request, key, name) if prebuilt.applies(request, key) else None


@pytest.fixture
def assessment_team(request, db):
    return _from_prebuilt(request, "assessment_team") or _assessment_team()


@pytest.fixture
def care_team(request, db):
    return _from_prebuilt(request, "care_team") or _care_team()


@pytest.fixture
def manager(request, assessment_team):
    return _from_prebuilt(request, "manager") or _manager(assessment_team)


@pytest.fixture
def care_manager(request, care_team):
    return _from_prebuilt(request, "care_manager") or _care_manager(care_team)


@pytest.fixture
def practitioner(request, assessment_team):
    return _from_prebuilt(request, "practitioner") or _practitioner(assessment_team)


@pytest.fixture
def colleague(request, assessment_team):
    return _from_prebuilt(request, "colleague") or _colleague(assessment_team)


@pytest.fixture
def other_practitioner(request, care_team):
    return _from_prebuilt(request, "other_practitioner") or _other_practitioner(care_team)


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
def child(request, assessment_team, manager, practitioner, colleague):
    return _from_prebuilt(request, "child") or _child(assessment_team, manager, practitioner)


@pytest.fixture
def other_child(request, care_team, care_manager, other_practitioner):
    return _from_prebuilt(request, "other_child") or _other_child(care_team, care_manager, other_practitioner)


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
                        "0021_i17_sw_episodes_and_leaver_codes", "0026_i17_placement_la",
                        "0027_i17_review_permanence_and_iro")


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
