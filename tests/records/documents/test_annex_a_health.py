"""Issue 17: the health checks Ofsted's Annex A reads (records.documents.annex_a): each child's latest health
assessment and dental check by the as-at date, in one query however many children a chunk holds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.returns.annex_a_health import Check, ChildHealth
from records.documents.annex_a import health_for_annex_a
from records.documents.models import HealthRecord
from records.documents.services import add_section_record
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def health(child, by, kind: str, day):
    return add_section_record(section="health", child=child, by=by, kind=kind, carried_out_on=day,
                              carried_out_by="Looked-after children's nurse")


def test_each_child_has_the_latest_assessment_and_dental_check_by_the_as_at_date(child, practitioner):
    today = timezone.localdate()
    day = lambda n: today - timedelta(days=n)  # noqa: E731  n days ago, in London
    health(child, practitioner, "initial_assessment", day(200))
    health(child, practitioner, "review_assessment", day(50))
    health(child, practitioner, "review_assessment", day(5))  # after the as-at date
    health(child, practitioner, "dental_check", day(300))
    health(child, practitioner, "health_plan", day(20))  # neither
    found = health_for_annex_a(child.pk, child.pk, as_at=day(10))
    assert found == {child.pk: ChildHealth(Check(day(50), False), Check(day(300), False))}
    assert health_for_annex_a(child.pk, child.pk, as_at=day(250)) == {child.pk: ChildHealth(None, Check(day(300), False))}
    assert health_for_annex_a(child.pk, child.pk, as_at=day(400)) == {}


def test_a_chunk_is_read_in_one_query_however_many_children(practitioner, django_assert_max_num_queries):
    day = timezone.localdate() - timedelta(days=20)

    def children(count):
        made = [ChildFactory() for _ in range(count)]
        for child in made:  # rows alone: the reader is what is counted
            for kind in ("initial_assessment", "dental_check"):
                HealthRecord.objects.create(child=child, kind=kind, carried_out_on=day, carried_out_by="Nurse",
                                            recorded_by=practitioner)
        return made

    few = children(2)
    with django_assert_max_num_queries(1):
        assert len(health_for_annex_a(few[0].pk, few[-1].pk, as_at=day)) == 2
    many = few + children(15)
    with django_assert_max_num_queries(1):
        found = health_for_annex_a(many[0].pk, many[-1].pk, as_at=day)
    assert len(found) == 17 and all(found[child.pk].dental == Check(day, False) for child in many)
