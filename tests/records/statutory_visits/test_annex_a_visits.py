"""Issue 17: the visits Ofsted's Annex A reads (records.statutory_visits.annex_a), by case, with the visit clocks'
own rule of a visit that counts, in a fixed number of queries however many children a chunk holds."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from casework.returns.annex_a_visits import Seen
from records.calendar.working_days import LONDON
from records.entries.restrictions import restrict_entry
from records.statutory_visits.annex_a import visits_for_annex_a
from tests.factories import CaseFactory, CompletedEntryFactory
from tests.records.statutory_visits.visit_builders import visit_on

pytestmark = pytest.mark.django_db


def _range(children) -> tuple[int, int]:
    ids = [child.pk for child in children]
    return min(ids), max(ids)


def test_each_case_has_its_latest_visit_in_which_the_child_was_seen_and_every_one_since_a_day(
        child, practitioner, manager):
    today = timezone.localdate()
    day = lambda n: today - timedelta(days=n)  # noqa: E731  n days ago, in London
    first = CaseFactory(child=child, referral_date=day(400), closure_date=day(60), closure_reason="RC1")
    second = child.cases.get(closure_date__isnull=True)
    visit_on(child, practitioner, day(300), case=second)  # before `since`: only the latest counts it
    visit_on(child, practitioner, day(40), case=second, alone=True)
    visit_on(child, practitioner, day(30), case=second, seen=False)  # not seen
    visit_on(child, practitioner, day(25), case=second, visit_outcome="failed_appointment", seen=False)
    visit_on(child, practitioner, day(20), case=second, status="draft")  # not completed
    visit_on(child, practitioner, day(5), case=second)  # after the as-at date
    hidden = visit_on(child, practitioner, day(70), case=first)
    restrict_entry(entry=hidden, by=practitioner, reason="in_confidence", reason_detail="Told in confidence",
                   advised_by=manager, review_date=today + timedelta(days=30))
    found = visits_for_annex_a(child.pk, child.pk, since=day(100), as_at=day(10))
    assert found[second.pk].last == Seen(day(40), True, False)
    assert found[second.pk].seen == [Seen(day(40), True, False)]
    assert found[first.pk].last == found[first.pk].seen[0] == Seen(day(70), False, True)
    earlier = visits_for_annex_a(child.pk, child.pk, since=None, as_at=day(100))
    assert earlier[second.pk].last == Seen(day(300), False, False) and earlier[second.pk].seen == []


def test_the_as_at_day_ends_at_midnight_in_london(practitioner):
    case = CaseFactory()
    as_at = timezone.localdate() - timedelta(days=3)
    for moment in (datetime.combine(as_at, time(23, 30), tzinfo=LONDON),  # counts
                   datetime.combine(as_at + timedelta(days=1), time(0, 30), tzinfo=LONDON)):  # the next day
        CompletedEntryFactory(child=case.child, case=case, recorded_by=practitioner, kind="visit", event_at=moment,
                              visit_outcome="took_place", child_seen=True, child_seen_alone=False)
    found = visits_for_annex_a(case.child_id, case.child_id, since=as_at, as_at=as_at)[case.pk]
    assert found.last.day == as_at and [seen.day for seen in found.seen] == [as_at]


def test_a_chunk_is_read_in_two_queries_however_many_children(practitioner, django_assert_max_num_queries):
    seen_on = timezone.localdate() - timedelta(days=20)
    cases = [CaseFactory() for _ in range(2)]
    for case in cases:
        visit_on(case.child, practitioner, seen_on, case=case)
    with django_assert_max_num_queries(2):
        assert len(visits_for_annex_a(*_range(c.child for c in cases), since=seen_on, as_at=seen_on)) == 2
    more = [CaseFactory() for _ in range(15)]
    for case in more:
        visit_on(case.child, practitioner, seen_on, case=case)
        visit_on(case.child, practitioner, seen_on - timedelta(days=7), case=case, alone=True)
    with django_assert_max_num_queries(2):
        found = visits_for_annex_a(*_range(c.child for c in cases + more), since=seen_on - timedelta(days=7),
                                   as_at=seen_on)
    assert len(found) == 17 and all(len(found[case.pk].seen) == 2 for case in more)
