"""Issue 17: the contacts with care leavers Ofsted's Annex A reads (records.entries.annex_a): each young person's latest
completed contact by the as-at date (a visit in which they were seen, or a call, letter, email, meeting or office
visit), restricted ones marked, in one query however many young people a chunk holds."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from casework.models import CareLeaverContact
from casework.returns.annex_a_contacts import Contact
from records.calendar.working_days import LONDON
from records.entries.annex_a import contacts_for_annex_a
from tests.factories import CaseFactory, CompletedEntryFactory

pytestmark = pytest.mark.django_db


def at(day, hour=23):
    return datetime.combine(day, time(hour, 30), tzinfo=LONDON)


def leaver(child, by):
    CareLeaverContact.objects.create(child=child, birthday=19, in_touch="NO", recorded_by=by)
    return child


def test_each_young_person_has_their_latest_contact_by_the_as_at_date(child, practitioner):
    today = timezone.localdate()
    day = lambda n: today - timedelta(days=n)  # noqa: E731  n days ago, in London
    entry = lambda n, kind, **fields: CompletedEntryFactory(  # noqa: E731
        child=child, recorded_by=practitioner, kind=kind, event_at=at(day(n)), **fields)
    assert contacts_for_annex_a(child.pk, child.pk, as_at=today) == {}  # no care leaver information: not asked
    leaver(child, practitioner)
    entry(60, "contact_letter")
    entry(50, "visit", visit_outcome="took_place", child_seen=True)
    entry(40, "visit", visit_outcome="took_place", child_seen=False, reason_child_not_seen="Out")
    entry(30, "contact_professional")
    entry(20, "contact_meeting", status="draft", completed_at=None, completed_by=None)
    entry(5, "contact_phone")  # after the as-at date
    # 23:30 in London on the as-at day is that day, though it is the next day in UTC in summer.
    assert contacts_for_annex_a(child.pk, child.pk, as_at=day(10)) == {child.pk: Contact(day(50), False)}
    assert contacts_for_annex_a(child.pk, child.pk, as_at=day(55)) == {child.pk: Contact(day(60), False)}
    assert contacts_for_annex_a(child.pk, child.pk, as_at=day(5)) == {child.pk: Contact(day(5), False)}
    assert contacts_for_annex_a(child.pk, child.pk, as_at=day(100)) == {}


def test_a_chunk_is_read_in_one_query_however_many_young_people(practitioner, django_assert_max_num_queries):
    day = timezone.localdate() - timedelta(days=20)

    def leavers(count):
        made = [leaver(CaseFactory().child, practitioner) for _ in range(count)]
        for child in made:
            CompletedEntryFactory(child=child, recorded_by=practitioner, kind="contact_phone", event_at=at(day, 10))
        return made

    few = leavers(2)
    with django_assert_max_num_queries(1):
        assert len(contacts_for_annex_a(few[0].pk, few[-1].pk, as_at=day)) == 2
    many = few + leavers(15)
    with django_assert_max_num_queries(1):
        found = contacts_for_annex_a(many[0].pk, many[-1].pk, as_at=day)
    assert len(found) == 17 and all(found[child.pk] == Contact(day, False) for child in many)
