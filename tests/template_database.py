"""One migrated database that every test database is copied from.

Migrating a fresh database costs about a minute of CPU (hundreds of schema operations, each
re-rendering the model state), and the suite needs one test database per xdist process. `make test`
sets TEST_DB_TEMPLATE=auto: the first process migrates a template database once, named after a
hash of the code that shapes the schema, and every test database is then made with
`CREATE DATABASE ... TEMPLATE` in a second. The next run with the same code finds the template
already there; any change to the apps, settings or requirements gives a new name, so a stale
schema is never copied. Older templates are dropped.
"""

import hashlib
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


def _server(url: str):
    settings = dj_database_url.parse(url)
    connection = psycopg.connect(
        host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"] or None,
        password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )
    return settings["NAME"], connection


def ensure_template(database_url: str) -> str:
    """The name of an up-to-date migrated template database, migrating one if needed."""
    base, server = _server(database_url)
    name = f"{base}_tmpl_{_code_hash()}"
    prefix = f"{base}_tmpl_"
    with server:
        existing = {row[0] for row in server.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])}
        for stale in existing - {name}:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(stale)))
        if name in existing:
            return name
        building = f"{prefix}building_{os.getpid()}"
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
        try:
            url = database_url.rsplit("/", 1)[0] + f"/{building}"
            env = {**os.environ, "DATABASE_URL": url, "CONN_MAX_AGE": "0"}
            env.pop("PYTEST_XDIST_WORKER", None)
            subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                           check=True)
            server.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(building), sql.Identifier(name)))
        finally:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(building)))
    return name
