"""A query built and compiled once, then run again with new values (issue 16: speed).

Some pages read one query with so many conditions (the record's banner, the caseload's "Return data missing") that
Django took longer to build and compile it in Python than PostgreSQL took to answer it. Such a query is built once
with a stand-in for each value that changes between requests (the child, the user, the time), compiled, and kept
with the positions of those stand-ins among its parameters; each request runs the same SQL with its own values.
The query's structure must not depend on the values, only on the cache key the caller gives.

On PostgreSQL the SQL is also prepared once on each connection (PREPARE, then EXECUTE with the values): PostgreSQL
then plans it once instead of on every request (the caseload's marker took 11 ms to plan and 2 ms to run). A query
PostgreSQL cannot prepare (a value whose type it cannot tell) is run as it is.
"""

import itertools
import re
import weakref

from datetime import datetime, timezone as dt_timezone
from typing import Callable

import psycopg
from django.db import connection
from django.db.models.expressions import RawSQL

# Stand-ins no real value equals: ids below any sequence's range, a moment before the product existed, a text no
# reference is written like.
STAND_IN_IDS = (-1_999_999_001, -1_999_999_002, -1_999_999_003)
STAND_IN_MOMENT = datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt_timezone.utc)
STAND_IN_TEXT = "~stand-in 1999999001~"


def stand_in_user(user_pk, *, is_superuser: bool = False):
    """A user to build a query with, whose id is a stand-in (the query is built for every user of its kind)."""
    from django.contrib.auth import get_user_model

    return get_user_model()(pk=user_pk, is_active=True, is_superuser=is_superuser)


class CompiledQuery:
    """`rows(key, build, **values)`: the rows (dicts by column alias) of `build(**stand_ins)`'s SQL run with `values`.

    `stand_ins` maps each name to the stand-in passed to `build` for it: an int from STAND_IN_IDS, STAND_IN_MOMENT,
    STAND_IN_TEXT, or a list object (matched by identity, for an array parameter). One compiled query is kept per key."""

    def __init__(self, **stand_ins):
        self.stand_ins = stand_ins
        self._compiled: dict = {}

    def _compile(self, build: Callable) -> tuple:
        compiler = build(**self.stand_ins).query.get_compiler(using=connection.alias)
        sql, params = compiler.as_sql()
        # The database's values made Python's as the ORM makes them (SQLite returns dates and times as text).
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        adapt = connection.ops.adapt_datetimefield_value
        positions = {}
        for at, param in enumerate(params):
            for name, stand_in in self.stand_ins.items():
                if isinstance(stand_in, list):
                    found = (param is stand_in, False)
                elif isinstance(stand_in, datetime):
                    # (SQLite's backend passes a moment as text)
                    found = (param == stand_in, False) if isinstance(param, datetime) else (param == adapt(stand_in), True)
                elif isinstance(stand_in, str):
                    found = (type(param) is str and param == stand_in, False)
                else:
                    found = (type(param) is int and param == stand_in, False)
                if found[0]:
                    positions[at] = (name, found[1])
        missing = set(self.stand_ins) - {name for name, _ in positions.values()}
        if missing:
            raise ValueError(f"the query does not use {sorted(missing)}: it cannot be compiled once")
        return sql, list(params), positions, compiler, converters

    def _with_values(self, key, build: Callable, values: dict) -> tuple:
        """The compiled query of `key` (built now if new) and its parameters with `values` in place of the stand-ins."""
        if key not in self._compiled:
            if len(self._compiled) >= 8:  # (a key holds the day: yesterday's are dropped)
                self._compiled.clear()
            self._compiled[key] = self._compile(build)
        sql, params, positions, compiler, converters = self._compiled[key]
        adapt = connection.ops.adapt_datetimefield_value
        params = list(params)
        for at, (name, adapted) in positions.items():
            params[at] = adapt(values[name]) if adapted else values[name]
        return sql, params, compiler, converters

    def expression(self, key, build: Callable, **values) -> RawSQL:
        """`build(**values)` as a ready-made SQL expression, for a subquery of other queries (`child__in=`): the
        queries using it are built without building it again."""
        sql, params, _, _ = self._with_values(key, build, values)
        return RawSQL(sql, params)

    def rows(self, key, build: Callable, **values) -> list[dict]:
        sql, params, compiler, converters = self._with_values(key, build, values)
        with connection.cursor() as cursor:
            _execute(cursor, sql, params)
            names = [column[0] for column in cursor.description]
            found = cursor.fetchall()
        if converters:
            found = compiler.apply_converters(found, converters)
        return [dict(zip(names, row)) for row in found]


# Prepared statements: the name of each SQL text, and the names prepared on each database connection (a
# connection's prepared statements end with it; Django opens a new one when it must).
_NAMES: dict = {}
_NUMBERS = itertools.count(1)
_PREPARED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_UNPREPARABLE: set = set()
_PLACEHOLDER = re.compile(r"%%|%s")


def _execute(cursor, sql: str, params: list) -> None:
    """Run `sql` with `params`, prepared on this connection (PostgreSQL), else as it is."""
    if connection.vendor != "postgresql" or sql in _UNPREPARABLE:
        cursor.execute(sql, params)
        return
    name = _NAMES.setdefault(sql, f"casework_compiled_{next(_NUMBERS)}")
    prepared = _PREPARED.setdefault(connection.connection, set())
    if name not in prepared:
        numbers = itertools.count(1)
        statement = _PLACEHOLDER.sub(lambda match: "%" if match.group() == "%%" else f"${next(numbers)}", sql)
        # On the driver's own connection: preparing is set-up of the connection, done once, not a query of the page
        # (a page's queries are counted the same whether or not its connection had prepared the statement before),
        # and a refusal rolls back only to here (psycopg's savepoint), never the caller's transaction.
        raw = connection.connection
        try:
            with raw.transaction():
                raw.execute(f"PREPARE {name} AS {statement}")
        except psycopg.Error:
            _UNPREPARABLE.add(sql)
            cursor.execute(sql, params)
            return
        prepared.add(name)
    cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}", params)
