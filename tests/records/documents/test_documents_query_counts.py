"""The documents tab and the basic record's document sections run a fixed number of queries, however many
documents or rows there are (as tests/casework/children/test_query_counts.py does for the other pages)."""

from datetime import date

import pytest
from django.urls import reverse

from records.documents.services import add_section_record
from tests.conftest import client_for
from tests.govuk_html import texts
from tests.records.documents.document_builders import make_document
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record

# Session, user, roles, the child (guard), the access log, restricted access, the documents, the overdue panels.
DOCUMENTS_QUERIES = 11 + BANNER_QUERIES


@pytest.fixture
def count_queries(django_assert_max_num_queries):
    def count(client, url, limit: int):
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response

    return count


def _documents(child, by, count: int, start: int = 0):
    for n in range(start, start + count):
        make_document(child, by, title=f"Letter {n}", category="letter", belongs_to_child=n % 2 == 0)


def test_documents_tab_queries_are_the_same_for_2_and_30_documents(child, practitioner, count_queries):
    client = client_for(practitioner)
    url = reverse("records:documents", args=[child.local_id])
    _documents(child, practitioner, 2)
    small, response = count_queries(client, url, DOCUMENTS_QUERIES)
    assert len([t for t in texts(response, "govuk-link") if t.startswith("Letter")]) == 2 + 1  # and one to return
    _documents(child, practitioner, 28, start=2)
    large, response = count_queries(client, url, DOCUMENTS_QUERIES)
    assert "Letter 29" in texts(response, "govuk-link")
    assert large == small


def test_document_sections_add_the_same_queries_to_the_record_page_for_1_and_15_rows(child, practitioner,
                                                                                      count_queries):
    from tests.casework.children.test_query_counts import ORDERS_QUERIES

    client = client_for(practitioner)
    url = reverse("casework:child_orders", args=[child.local_id])  # their own tab since issue 16

    def add_rows(count, start=0):
        for n in range(start, start + count):
            copy = make_document(child, practitioner, title=f"Copy {n}")
            add_section_record(section="court_order", child=child, by=practitioner, document=copy, order_type="care",
                               court=f"Court {n}", made_on=date(2026, 1, 1))
            add_section_record(section="court_report", child=child, by=practitioner, document=copy,
                               kind="specialist_assessment", author=f"Author {n}", court="Court",
                               report_date=date(2026, 1, 1))
            add_section_record(section="education", child=child, by=practitioner, document=copy,
                               school=f"School {n}", sen_status="none", event_date=date(2026, 1, 1))
            add_section_record(section="health", child=child, by=practitioner, document=copy, kind="health_plan",
                               carried_out_on=date(2026, 1, 1), carried_out_by=f"Nurse {n}")

    add_rows(1)
    small, response = count_queries(client, url, ORDERS_QUERIES)
    assert "Court 0" in texts(response, "govuk-table__cell")
    add_rows(14, start=1)
    large, response = count_queries(client, url, ORDERS_QUERIES)
    cells = texts(response, "govuk-table__cell")
    assert "Court 14" in cells and "Nurse 14" in cells and "Copy 14" in cells
    assert large == small
