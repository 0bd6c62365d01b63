"""What a request wrote to the database, to show that a refused request changed nothing."""

from django.apps import apps
from django.db import connection

from functools import cache

# Written on every request by design, not by what the request asks: the session (last activity, §14).
ALWAYS_WRITTEN = {"django_session"}


@cache
def _all_tables() -> frozenset[str]:
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    return frozenset(names & set(connection.introspection.table_names()))


def tables(exclude: set[str] = frozenset()) -> list[str]:
    return sorted(_all_tables() - ALWAYS_WRITTEN - set(exclude))


def db_state(exclude: set[str] = frozenset()) -> dict[str, tuple]:
    """Table -> rows inserted, updated and deleted so far in this transaction (each test runs in one).

    PostgreSQL counts every write of the current transaction in pg_stat_xact_user_tables, so any
    insert, update or delete anywhere, history tables included, changes this; one query, however
    many tables."""
    names = set(tables(exclude))
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")
        return {name: tuple(counts) for name, *counts in cursor.fetchall() if name in names}


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in before if before[t] != after.get(t))
