"""One migrated database that every test database is copied from.

Migrating a fresh database costs about a minute of CPU (hundreds of schema operations, each
re-rendering the model state), and the suite needs one test database per xdist process. `make test`
sets TEST_DB_TEMPLATE=auto: the first process migrates a template database once, named after a
hash of the code that shapes the schema, and every test database is then made with
`CREATE DATABASE ... TEMPLATE` in a second. The next run with the same code finds the template
already there; any change to the apps, settings or requirements gives a new name, so a stale
schema is never copied. Older templates are dropped.

TEST_DB_TEMPLATE=incremental (for development, never `make test`): a new template starts as a copy of the
previous one when none of the migrations it applied has changed or gone, and only the new migrations run:
seconds instead of minutes. A migration edited in place, or removed, means a build from scratch.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_SOURCES = ("access", "casework", "records", "config")


def _code_hash() -> str:
    digest = hashlib.sha256()
    files = [ROOT / "requirements.txt"]
    for folder in SCHEMA_SOURCES:
        files += [path for path in (ROOT / folder).rglob("*.py") if "__pycache__" not in path.parts]
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _migration_hashes() -> dict[str, str]:
    """{app/migrations/file.py: hash} for every migration file (kept on the template as its comment)."""
    found = {}
    for folder in SCHEMA_SOURCES:
        for path in (ROOT / folder).glob("*/migrations/*.py"):
            found[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        for path in (ROOT / folder).glob("migrations/*.py"):
            found[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return found


def _reusable(server, candidates: set[str], current: dict[str, str]) -> str | None:
    """A template whose applied migrations are all still here, unchanged (the newest such), if any."""
    for name in sorted(candidates, reverse=True):
        comment = server.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                                 [name]).fetchone()[0]
        try:
            applied = json.loads(comment or "")
        except ValueError:
            continue
        if applied and all(current.get(path) == digest for path, digest in applied.items()):
            return name
    return None


def _server(url: str):
    settings = dj_database_url.parse(url)
    connection = psycopg.connect(
        host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"] or None,
        password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )
    return settings["NAME"], connection


def ensure_template(database_url: str, *, incremental: bool = False) -> str:
    """The name of an up-to-date migrated template database, migrating one if needed."""
    base, server = _server(database_url)
    name = f"{base}_tmpl_{_code_hash()}"
    prefix = f"{base}_tmpl_"
    migrations = _migration_hashes()
    with server:
        existing = {row[0] for row in server.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])}
        for leftover in {found for found in existing if found.startswith(f"{prefix}building_")}:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(leftover)))
        existing = {found for found in existing if not found.startswith(f"{prefix}building_")}
        if name in existing:
            for stale in existing - {name}:
                server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(stale)))
            return name
        start_from = _reusable(server, existing, migrations) if incremental else None
        building = f"{prefix}building_{os.getpid()}"
        if start_from:
            server.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(building), sql.Identifier(start_from)))
        else:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
        for stale in existing:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(stale)))
        try:
            url = database_url.rsplit("/", 1)[0] + f"/{building}"
            env = {**os.environ, "DATABASE_URL": url, "CONN_MAX_AGE": "0"}
            env.pop("PYTEST_XDIST_WORKER", None)
            subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                           check=True)
            server.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(building), sql.Literal(json.dumps(migrations))))
            server.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(building), sql.Identifier(name)))
        finally:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(building)))
    return name
