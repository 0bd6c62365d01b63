"""The standard records, built once per test process and copied into each test that asks for them.

Most tests ask for `child` (the Assessment Team, its manager, the allocated practitioner, a colleague and
an open, allocated record) and many for `other_child` (the same in the Children in Care Team). Built
through the services, each costs a few hundred queries. So each is built once, through the same services,
when the test database is set up; the rows it wrote (every table, history and audit log included) are
kept in memory, and that transaction is rolled back. A test that asks for it gets the very same rows by one
COPY per table, inside the test's own transaction, and its objects read back by key.

Used only where it gives the test exactly what the fixtures would have built: not in transactional or
browser tests (their data is committed), not where a module replaces one of the fixtures, and not after
London's date has changed since the build (the allocation's date would then be yesterday). Otherwise the
fixtures build as before.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Prebuilt:
    key: str  # the fixture whose presence in a test means this set is wanted
    members: tuple[str, ...]  # the fixtures it provides
    built_on: date
    objects: dict[str, tuple[type, int]] = field(default_factory=dict)  # fixture -> (model, primary key)
    rows: dict[str, bytes] = field(default_factory=dict)  # table -> COPY text


PREBUILT: dict[str, Prebuilt] = {}


def _tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def tables_with_rows(cursor, tables: list[str], where: str = "") -> list[str]:
    """Those of `tables` holding a row (matching `where`, SQL), asked in one query."""
    quote = cursor.db.ops.quote_name
    cursor.execute("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {quote(t)} {where})" for t in tables))
    return [table for table, has_rows in zip(tables, cursor.fetchone()) if has_rows]


def build(key: str, make) -> None:
    """Run `make()` (returning {fixture name: object}) in a transaction that is rolled back, keeping the rows."""
    quote = connection.ops.quote_name
    with override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()::text::bigint")
            first_xid = cursor.fetchone()[0] % 2**32  # rows written from here on carry this or a later xmin
        made = make()
        prebuilt = Prebuilt(key=key, members=tuple(made), built_on=timezone.localdate(),
                            objects={name: (type(obj), obj.pk) for name, obj in made.items()})
        written = f"WHERE xmin::text::bigint >= {first_xid}"
        with connection.cursor() as cursor:
            for table in tables_with_rows(cursor, _tables(), written):
                with cursor.cursor.copy(f"COPY (SELECT * FROM {quote(table)} {written}) TO STDOUT") as copy:
                    prebuilt.rows[table] = b"".join(bytes(chunk) for chunk in copy)
        transaction.set_rollback(True)
    PREBUILT[key] = prebuilt


def applies(request, key: str) -> bool:
    """Whether this test asked for the set, and gets from it exactly what its fixtures would build."""
    prebuilt = PREBUILT.get(key)
    if prebuilt is None or key not in request.fixturenames or prebuilt.built_on != timezone.localdate():
        return False
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return False
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return False
    definitions = request.node._fixtureinfo.name2fixturedefs
    return all(definitions.get(name) and definitions[name][-1].func.__module__ == "tests.conftest"
               for name in prebuilt.members)


def fetch(request, key: str, name: str):
    """The object `name` of the set `key`, copied into this test's transaction on first use."""
    copied = request.node.__dict__.setdefault("_prebuilt_copied", {})
    if key not in copied:
        prebuilt = PREBUILT[key]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            # The rows are copied as they were written: their triggers ran then (the append-only guards and
            # foreign keys are triggers, and would refuse nothing here).
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table, data in prebuilt.rows.items():
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(data)
            cursor.execute("SET LOCAL session_replication_role = origin")
        copied[key] = {member: model._default_manager.get(pk=pk) for member, (model, pk) in prebuilt.objects.items()}
    return copied[key][name]
