"""access.compiled_query: a query built once and run again with each request's values (issue 16: the banner and the
caseload's marker). It must answer as the ORM would for every value, build the query once per key, and refuse a
query that does not use a value it is given."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from access.compiled_query import STAND_IN_IDS, STAND_IN_MOMENT, CompiledQuery
from access.models import EmergencyAccess
from casework.models import Child

pytestmark = pytest.mark.django_db


def test_each_run_answers_for_its_own_values_as_the_orm_does_and_the_query_is_built_once(child, other_child, edt):
    EmergencyAccess.objects.create(user=edt, child=child, reason="Police called",
                                   expires_at=timezone.now() + timedelta(hours=24))
    built = []

    def build(child_pk, now):
        built.append(child_pk)
        return (Child.objects.filter(pk=child_pk, emergency_accesses__expires_at__gt=now)
                .annotate(found_id=F("pk"), born=F("date_of_birth"), until=F("emergency_accesses__expires_at"))
                .values("found_id", "born", "until"))

    query = CompiledQuery(child_pk=STAND_IN_IDS[0], now=STAND_IN_MOMENT)
    for each in (child, other_child, child):
        now = timezone.now()
        expected = list(build(each.pk, now))
        assert query.rows("key", build, child_pk=each.pk, now=now) == expected
    assert query.rows("key", build, child_pk=child.pk, now=timezone.now() + timedelta(days=2)) == []  # expired then
    assert built.count(STAND_IN_IDS[0]) == 1  # built with the stand-ins once; the other builds are the ORM's answers
    [row] = query.rows("key", build, child_pk=child.pk, now=timezone.now())
    assert row["found_id"] == child.pk and row["born"] == child.date_of_birth and row["until"].tzinfo is not None


def test_a_value_the_query_does_not_use_is_refused():
    query = CompiledQuery(child_pk=STAND_IN_IDS[0], now=STAND_IN_MOMENT)
    with pytest.raises(ValueError, match="does not use"):
        query.rows("key", lambda child_pk, now: Child.objects.filter(pk=child_pk).values("pk"), child_pk=1,
                   now=timezone.now())


def test_on_postgresql_the_query_is_prepared_on_the_connection_once_and_answers_for_each_value(child, other_child):
    from django.db import connection

    query = CompiledQuery(child_pk=STAND_IN_IDS[0])

    def build(child_pk):
        return Child.objects.filter(pk=child_pk).values("local_id")

    for each in (child, other_child, child):
        assert query.rows("key", build, child_pk=each.pk) == [{"local_id": each.local_id}]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'casework_compiled_%%'")
        prepared = [row[0] for row in cursor.fetchall()]
    assert [statement for statement in prepared if '"casework_child"."local_id"' in statement and "$1" in statement]


def test_a_query_postgresql_cannot_prepare_is_run_as_it_is(child, other_child):
    from django.db.models.expressions import RawSQL

    query = CompiledQuery(child_pk=STAND_IN_IDS[0])

    def build(child_pk):  # "$1 IS NULL": PostgreSQL cannot tell the type of a value compared with nothing
        return Child.objects.filter(pk=child_pk).annotate(no_value=RawSQL("%s IS NULL", [child_pk])).values(
            "local_id", "no_value")

    for each in (child, other_child):
        assert query.rows("key", build, child_pk=each.pk) == [{"local_id": each.local_id, "no_value": False}]
    from access import compiled_query

    assert [sql for sql in compiled_query._UNPREPARABLE if "IS NULL" in sql]  # refused once, then run as it is
