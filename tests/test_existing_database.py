"""A database made by the code before the feature-package reorganisation (commit a63f6e9), with the
demo data in it, migrates with today's code and then serves every main page.

Each code version runs only in its own subprocesses, against a PostgreSQL database this test creates
and drops; the two versions never share a process.
"""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "a63f6e9"  # the last commit before the code moved into feature packages
TIMEOUT = 300
OLD_TEMPLATE_PREFIX = "casework_olddb_tmpl_"  # the old code's migrated database, kept between runs

pytestmark = [pytest.mark.runs_first, pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                                reason="needs PostgreSQL")]

# Run in the current tree against the migrated database: sign in as each demo user and open the pages.
PAGES = r'''
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from casework.models import Allocation
from records.models import Entry

results = []
def get(client, who, url):
    response = client.get(url, follow=False)
    results.append([who, url, response.status_code])

User = get_user_model()
for username in ("practitioner", "manager", "admin"):
    client = Client(HTTP_HOST="localhost")  # an allowed host: this process is not the test runner
    assert client.login(username=username, password="Casework-Demo-2026"), f"{username} could not sign in"
    user = User.objects.get(username=username)
    allocation = (Allocation.objects.filter(ended_at__isnull=True, worker=user).select_related("case__child").first()
                  or Allocation.objects.filter(ended_at__isnull=True, team__manager=user).select_related("case__child").first())
    get(client, username, reverse("casework:caseload"))
    if allocation is not None:
        child = allocation.case.child
        local_id = child.local_id
        entry = Entry.objects.filter(child=child, status=Entry.Status.COMPLETED).order_by("pk").first()
        get(client, username, reverse("casework:child_record", args=[local_id]))
        get(client, username, reverse("records:entry_list", args=[local_id]))
        if entry is not None:
            get(client, username, reverse("records:entry_detail", args=[local_id, entry.pk]))
        get(client, username, reverse("records:plan", args=[local_id]))
        for name in ("chronology", "documents", "sharing", "child_history", "paper_files"):
            get(client, username, reverse(f"records:{name}", args=[local_id]))
    if username == "manager":
        get(client, username, reverse("records:team_dashboard"))
    if username == "admin":
        get(client, username, reverse("admin:index"))
print("RESULTS " + json.dumps(results))
'''


def _database_url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def _run(args, *, cwd: Path, env: dict, stdin: str | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, f"{' '.join(map(str, args))} in {cwd} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return done.stdout


@pytest.fixture
def old_tree():
    probe = subprocess.run(["git", "cat-file", "-e", f"{BEFORE}^{{commit}}"], cwd=ROOT, capture_output=True)
    if probe.returncode != 0:
        pytest.fail(f"commit {BEFORE} is not in this clone's history (a shallow clone?): "
                    f"fetch the full history (git fetch --unshallow) to run this test")
    with tempfile.TemporaryDirectory(prefix="casework-before-") as folder:
        archive = subprocess.run(["git", "archive", BEFORE], cwd=ROOT, capture_output=True, check=True).stdout
        tar_path = Path(folder) / "old.tar"
        tar_path.write_bytes(archive)
        tree = Path(folder) / "tree"
        tree.mkdir()
        with tarfile.open(tar_path) as tar:
            tar.extractall(tree, filter="data")
        yield tree


def _old_schema_key() -> str:
    """What the old code's migrated database depends on: the commit, the installed requirements, Python and the
    PostgreSQL server (its major version)."""
    with psycopg.connect(_database_url("postgres")) as connection:
        server = connection.info.server_version // 10000
    digest = hashlib.sha256(f"{BEFORE}\0{sys.version}\0{server}\0".encode() + (ROOT / "requirements.txt").read_bytes())
    return digest.hexdigest()[:12]


def _old_schema(old_tree: Path, env: dict) -> str:
    """A template database migrated by the old code (no data yet), made once per _old_schema_key, as the suite's
    own test databases are (tests/template_database.py): the old code's migrations never change, so migrating them
    again (about a minute of CPU) would make the same empty database. The demo data is added by the old code on
    every run, and today's code migrates the copy, so what the test proves is unchanged."""
    name = f"{OLD_TEMPLATE_PREFIX}{_old_schema_key()}"
    building = f"casework_olddb_building_{os.getpid()}"
    with psycopg.connect(_database_url("postgres"), autocommit=True) as server:
        found = {row[0] for row in server.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                                                  [OLD_TEMPLATE_PREFIX.replace("_", r"\_") + "%"])}
        if name in found:
            return name
        for stale in found:
            server.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
        server.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{building}"')
        try:
            _run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=old_tree,
                 env={**env, "DATABASE_URL": _database_url(building)})
            try:
                server.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
            except psycopg.errors.DuplicateDatabase:
                pass  # another run made it meanwhile: the same database
        finally:
            server.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    return name


@pytest.fixture
def scratch_database():
    name = f"casework_olddb_{os.getpid()}"
    admin_url = _database_url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    try:
        yield name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_database_from_before_the_reorganisation_migrates_and_serves_every_page(old_tree, scratch_database,
                                                                                   tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(scratch_database),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "SECRET_KEY": "test-only-secret-key-not-for-production-use-0123456789abcdef",
        "DEBUG": "false", "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
        "REQUIRE_2FA_FOR_ROLES": "",  # as in `make run` (DEBUG): demo managers sign in without a second step
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("PYTHONPATH", None)
    python = sys.executable

    # The old code makes the database (a copy of its migrated template) and fills it with the demo data.
    template = _old_schema(old_tree, env)
    with psycopg.connect(_database_url("postgres"), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{scratch_database}" TEMPLATE "{template}"')
    _run([python, "manage.py", "seed_demo", "--force"], cwd=old_tree, env=env)  # --force: DEBUG is off

    # Today's code migrates it, then finds nothing left to make and serves the pages (these two only read the
    # database, so they run side by side).
    _run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env)
    with ThreadPoolExecutor(max_workers=2) as pool:
        check = pool.submit(_run, [python, "manage.py", "makemigrations", "--check", "--dry-run"], cwd=ROOT,
                            env={**env, "DEBUG": "true"})
        pages = pool.submit(_run, [python, "-"], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdin=PAGES)
        check.result()
        out = pages.result()
    results = json.loads(out.split("RESULTS ", 1)[1].splitlines()[0])
    opened = {url.split("/")[-2] if url.endswith("/") else url for _, url, _ in results}
    assert len(results) >= 20, f"too few pages opened: {results}"
    assert {"plan", "records", "chronology", "documents", "sharing", "history", "paper-files", "team", "admin"} <= opened, results
    wrong = [row for row in results if row[2] != 200]
    assert not wrong, f"pages that did not answer 200 (user, url, status): {wrong}"
