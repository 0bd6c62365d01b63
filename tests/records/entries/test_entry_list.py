"""The child's records list: newest first, 25 a page, "Older records" by keyset, and as few queries on
page 40 of a 2,000-entry record as on the first page of a small one."""

import re
from datetime import timedelta

from django.utils import timezone

from records.designs import services as designs
from records.entries import services
from records.models import Entry, RecordKind
from tests.conftest import client_for
from tests.govuk_html import by_class
from tests.records.entries.test_recording_visits import page_url, planned_visit
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record

# What the page needs: session, user, roles, the visible child, its access log row, one page of entries
# with their authors, and a permission check or two around them. A query per row breaks it.
LIST_QUERIES = 8 + BANNER_QUERIES
DEEP_PAGE = 40  # entries 1,001 to 1,025 of 2,000
_ENTRY_LINK = re.compile(r"/entries/(\d+)/$")


def bulk_entries(child, by, count: int, *, newest=None, same_time: int = 1) -> None:
    """`count` phone call drafts going back an hour at a time, `same_time` of them sharing each time.

    bulk_create skips Entry.save(); the database still checks each row is on the approved design.
    """
    design = designs.approved_design_for(RecordKind.CONTACT_PHONE)
    case, calendar = child.cases.get(), services.working_calendar()
    newest = newest or timezone.now() - timedelta(days=1)
    rows = []
    for number in range(count):
        event_at = newest - timedelta(hours=number // same_time)
        rows.append(Entry(child=child, case=case, kind=RecordKind.CONTACT_PHONE, form_design=design,
                          status=Entry.Status.DRAFT, event_at=event_at, recorded_by=by,
                          due_at=calendar.due_at(event_at), others_present=f"Caller {number}"))
    Entry.objects.bulk_create(rows, batch_size=1000)


def newest_first(child) -> list[int]:
    return list(Entry.objects.filter(child=child).order_by("-event_at", "-id").values_list("pk", flat=True))


def listed(response) -> list[int]:
    """The entries linked from the table, in the order shown."""
    table = by_class(response, "govuk-table")[0]
    return [int(_ENTRY_LINK.search(a.attrs["href"]).group(1)) for a in table.iter()
            if a.tag == "a" and _ENTRY_LINK.search(a.attrs.get("href", ""))]


def older_link(response) -> str | None:
    for block in by_class(response, "govuk-pagination__next"):
        for a in block.iter():
            if a.tag == "a":
                assert a.text() == "Older records"
                assert a.attrs.get("rel") == "next"
                return a.attrs["href"]
    return None


def test_records_list_shows_the_newest_first(child, practitioner):
    now = timezone.now()
    middle = planned_visit(child, practitioner, event_at=now - timedelta(days=2))
    newest = planned_visit(child, practitioner, event_at=now - timedelta(hours=1))
    oldest = planned_visit(child, practitioner, event_at=now - timedelta(days=9))

    response = client_for(practitioner).get(page_url(child, "entry_list"))

    assert listed(response) == [newest.pk, middle.pk, oldest.pk]
    assert older_link(response) is None


def test_records_list_shows_25_entries_and_a_link_to_older_records(child, practitioner):
    bulk_entries(child, practitioner, 30)

    response = client_for(practitioner).get(page_url(child, "entry_list"))

    assert listed(response) == newest_first(child)[:25]
    assert older_link(response) is not None
    assert not by_class(response, "govuk-pagination__prev")


def test_second_page_continues_exactly_where_the_first_ended(child, practitioner):
    # Three entries share each time, so the page break falls between entries recorded for the same moment.
    bulk_entries(child, practitioner, 30, same_time=3)
    client = client_for(practitioner)
    first = client.get(page_url(child, "entry_list"))

    second = client.get(page_url(child, "entry_list") + older_link(first))

    assert listed(first) + listed(second) == newest_first(child)
    assert len(listed(second)) == 5
    assert older_link(second) is None
    assert [a.text() for el in by_class(second, "govuk-pagination__prev") for a in el.iter() if a.tag == "a"] == [
        "Newest records"]


def test_records_list_queries_do_not_grow_with_the_size_of_the_record(child, practitioner,
                                                                       django_assert_max_num_queries):
    client = client_for(practitioner)
    url = page_url(child, "entry_list")
    bulk_entries(child, practitioner, 30)
    client.get(url)  # the first request of a session does one-off work

    def queries(page_url) -> tuple[int, list[int]]:
        with django_assert_max_num_queries(LIST_QUERIES) as captured:
            response = client.get(page_url)
        assert response.status_code == 200
        return len(captured), listed(response)

    small, _ = queries(url)
    bulk_entries(child, practitioner, 1970, newest=timezone.now() - timedelta(days=2))
    assert Entry.objects.filter(child=child).count() == 2000
    deep = client.get(url)
    for _ in range(DEEP_PAGE - 1):  # follow "Older records" as a reader would
        deep = client.get(url + older_link(deep))

    large_first, first_rows = queries(url)
    large_deep, deep_rows = queries(url + older_link(deep))

    assert small == large_first == large_deep
    order = newest_first(child)
    assert first_rows == order[:25]
    assert deep_rows == order[DEEP_PAGE * 25:(DEEP_PAGE + 1) * 25]
