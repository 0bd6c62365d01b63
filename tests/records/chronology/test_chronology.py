"""The chronology (§5.3): significant entries by themselves, events by hand, filters, nothing restricted."""

from datetime import date, timedelta

from django.utils import timezone

from records.entries import services
from records.entries.restrictions import restrict_entry
from tests.conftest import client_for
from tests.factories import ChronologyEventFactory
from tests.govuk_html import error_summary
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record


def _completed_contact(child, by, *, significant, when, narrative="Spoke to the school."):
    contact = services.start_contact(child=child, by=by, kind="contact_phone", event_at=when, others_present="School")
    answers = {q.key: narrative for q in contact.form_design.questions.filter(required=True)}
    services.complete_entry(entry=contact, by=by, expected_version=None, write_up=services.WriteUp(
        answers=answers, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=significant))
    contact.refresh_from_db()
    return contact


def test_significant_entries_join_the_chronology_and_others_do_not(child, practitioner):
    now = timezone.now()
    joined = _completed_contact(child, practitioner, significant=True, when=now - timedelta(days=2))
    _completed_contact(child, practitioner, significant=False, when=now - timedelta(days=1), narrative="Routine call")
    body = client_for(practitioner).get(f"/children/{child.local_id}/chronology/").content.decode()
    assert f"/entries/{joined.pk}/" in body
    assert "Routine call" not in body
    assert "moj-timeline__item" in body


def test_events_added_by_hand_appear_newest_first(child, practitioner):
    client = client_for(practitioner)
    client.post(f"/children/{child.local_id}/chronology/add/", {
        "happened_on_0": "3", "happened_on_1": "2", "happened_on_2": "2020", "title": "Moved to Bedford",
        "category": "family", "description": "", "source": ""})
    ChronologyEventFactory(child=child, by=practitioner, happened_on=date(2024, 9, 4), title="Started at Priory School",
                           category="education")
    body = client.get(f"/children/{child.local_id}/chronology/").content.decode()
    assert body.index("Started at Priory School") < body.index("Moved to Bedford")


def test_adding_an_event_validates_and_saves_nothing_when_wrong(child, practitioner):
    from records.models import ChronologyEvent

    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(practitioner).post(f"/children/{child.local_id}/chronology/add/", {
        "happened_on_0": str(tomorrow.day), "happened_on_1": str(tomorrow.month), "happened_on_2": str(tomorrow.year),
        "title": "", "category": "family"})
    messages = error_summary(response)
    assert "The date of the event must be today or in the past" in messages
    assert "Enter what happened" in messages
    assert not ChronologyEvent.objects.exists()


def test_filter_by_type_and_dates(child, practitioner):
    ChronologyEventFactory(child=child, by=practitioner, happened_on=date(2020, 2, 3), title="Moved house",
                           category="family")
    ChronologyEventFactory(child=child, by=practitioner, happened_on=date(2024, 9, 4), title="New school",
                           category="education")
    client = client_for(practitioner)
    by_type = client.get(f"/children/{child.local_id}/chronology/?type=education").content.decode()
    assert "New school" in by_type and "Moved house" not in by_type
    by_date = client.get(f"/children/{child.local_id}/chronology/?from=01/01/2024").content.decode()
    assert "New school" in by_date and "Moved house" not in by_date
    bad = client.get(f"/children/{child.local_id}/chronology/?from=notadate")
    assert "Enter the from date as 27/03/2019" in error_summary(bad)


def test_restricted_significant_entries_stay_out_of_a_colleagues_chronology(child, practitioner, colleague, manager):
    secret = _completed_contact(child, practitioner, significant=True, when=timezone.now() - timedelta(days=3),
                                narrative="Told in confidence by the neighbour")
    restrict_entry(entry=secret, by=practitioner, reason="in_confidence", reason_detail="Neighbour asked",
                   advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    assert "Told in confidence" in client_for(practitioner).get(f"/children/{child.local_id}/chronology/").content.decode()
    assert "Told in confidence" not in client_for(colleague).get(f"/children/{child.local_id}/chronology/").content.decode()


def test_chronology_queries_do_not_grow_with_the_number_of_items(child, practitioner, django_assert_max_num_queries):
    for day in range(30):
        ChronologyEventFactory(child=child, by=practitioner, happened_on=date(2020, 1, 1) + timedelta(days=day),
                               title=f"Event {day}", category="other")
    client = client_for(practitioner)
    with django_assert_max_num_queries(12 + BANNER_QUERIES):
        client.get(f"/children/{child.local_id}/chronology/")


def test_a_long_chronology_is_paged_newest_first_and_a_filter_keeps_its_page(child, practitioner):
    """Issue 16: CHRONOLOGY_PAGE_SIZE a page, the newest first; turning the page keeps the filter."""
    from records.chronology.views import CHRONOLOGY_PAGE_SIZE

    first_day = date(2020, 1, 1)
    for day in range(CHRONOLOGY_PAGE_SIZE + 1):
        ChronologyEventFactory(child=child, by=practitioner, happened_on=first_day + timedelta(days=day),
                               title=f"Event number {day}", category="other")
    client = client_for(practitioner)
    url = f"/children/{child.local_id}/chronology/"
    first = client.get(url, {"type": "other"}).content.decode()
    assert f"{CHRONOLOGY_PAGE_SIZE + 1} in the chronology" in first
    assert first.count("moj-timeline__item") == CHRONOLOGY_PAGE_SIZE
    assert f"Event number {CHRONOLOGY_PAGE_SIZE}<" in first and "Event number 0<" not in first
    assert "type=other" in first and "page=2" in first  # the next page's link keeps the filter
    second = client.get(url, {"type": "other", "page": 2}).content.decode()
    assert second.count("moj-timeline__item") == 1 and "Event number 0<" in second


def test_a_page_merges_entries_and_events_by_date_and_reads_only_as_many_as_it_shows(child, practitioner, monkeypatch):
    """Issue 16: each page is the merge of the newest entries and events, read no further than the page reaches."""
    from datetime import datetime, time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from records.calendar.working_days import LONDON
    from records.chronology import views

    monkeypatch.setattr(views, "CHRONOLOGY_PAGE_SIZE", 3)
    today = timezone.localdate()
    for days_ago in (1, 3, 5):
        _completed_contact(child, practitioner, significant=True, narrative=f"Contact {days_ago} days ago",
                           when=datetime.combine(today - timedelta(days=days_ago), time(12), tzinfo=LONDON))
    for days_ago in (2, 4, 6, 7):
        ChronologyEventFactory(child=child, by=practitioner, happened_on=today - timedelta(days=days_ago),
                               title=f"Event {days_ago} days ago", category="other")
    client = client_for(practitioner)
    url = f"/children/{child.local_id}/chronology/"
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url).content.decode()
    # (read now: the next request empties the connection's log)
    timeline_reads = [q["sql"] for q in queries.captured_queries
                      if 'FROM "records_entry"' in q["sql"] and '"records_entry"."answers"' in q["sql"]]
    second = client.get(url, {"page": 2}).content.decode()
    third = client.get(url, {"page": 3}).content.decode()

    def shown(body):
        return sorted((body.index(f"{what} {n} days ago"), n) for what in ("Contact", "Event") for n in range(1, 8)
                      if f"{what} {n} days ago" in body)

    assert [n for _, n in shown(first)] == [1, 2, 3]
    assert [n for _, n in shown(second)] == [4, 5, 6]
    assert [n for _, n in shown(third)] == [7]
    assert "7 in the chronology" in first
    assert timeline_reads and all(sql.rstrip().endswith("LIMIT 3") for sql in timeline_reads)
