"""The sharing tab and the subject access pages run a fixed number of queries, however many consents,
disclosures and requests a child has (issue #10: bounds for every list and record page)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from records.sharing import services as sharing
from tests.conftest import client_for
from tests.records.documents.document_builders import make_document
from tests.records.sharing.sharing_builders import given_consent, identity_checked_sar, sar, url
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record

SHARING_QUERIES = 12 + BANNER_QUERIES  # the items each disclosure named, and whether the reader sees restricted ones (§7)
SAR_DETAIL_QUERIES = 11 + BANNER_QUERIES
SAR_LIST_QUERIES = 10


def add_history(child, manager, practitioner, count: int):
    for n in range(count):
        consent = given_consent(child, practitioner, person_name=f"Parent {n}")
        sharing.record_disclosure(
            child=child, by=practitioner, shared_with_person=f"Teacher {n}", shared_with_agency="Castle Primary",
            shared_at=timezone.now() - timedelta(seconds=n + 1), what="Attendance plan", why="Support",
            basis="consent", consent=consent, consent_covers=True,
            documents=[make_document(child, practitioner, title=f"Attendance plan {n}")],  # §7: each names one
        )
        sharing.record_records_information(child=child, by=practitioner, told_on=timezone.localdate(),
                                           who_was_told=f"Parent {n}", language="English", format="leaflet")
        sar(child, manager, requester_name=f"Requester {n}")


@pytest.fixture
def measure(django_assert_max_num_queries):
    def run(client, path, limit):
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured), response

    return run


def test_sharing_tab_queries_do_not_grow_with_consents_disclosures_and_requests(
        child, manager, practitioner, measure):
    client = client_for(manager)
    add_history(child, manager, practitioner, 2)
    small, _ = measure(client, url("sharing", child), SHARING_QUERIES)
    add_history(child, manager, practitioner, 20)
    large, response = measure(client, url("sharing", child), SHARING_QUERIES)
    assert large == small
    assert "Teacher 19" in response.content.decode() and "Requester 19" in response.content.decode()


def test_subject_access_pages_queries_do_not_grow_with_requests(child, other_child, manager, practitioner, measure):
    client = client_for(manager)
    request_ = identity_checked_sar(child, manager)
    add_history(child, manager, practitioner, 2)
    small_detail, _ = measure(client, url("sar_detail", child, request_.pk), SAR_DETAIL_QUERIES)
    small_list, _ = measure(client, "/subject-access/", SAR_LIST_QUERIES)
    add_history(child, manager, practitioner, 20)
    large_detail, _ = measure(client, url("sar_detail", child, request_.pk), SAR_DETAIL_QUERIES)
    large_list, response = measure(client, "/subject-access/", SAR_LIST_QUERIES)
    assert (large_detail, large_list) == (small_detail, small_list)
    assert response.content.decode().count(child.local_id) >= 20


DISCLOSURE_FORM_QUERIES = 14 + BANNER_QUERIES  # the child's entries, documents, consents and managers to choose from


def test_the_form_recording_a_share_reads_a_fixed_number_of_queries(child, manager, practitioner, measure):
    """§7: the form lists every completed entry and current document of the child to name as shared:
    one query each, however many there are."""
    client = client_for(practitioner)
    add_history(child, manager, practitioner, 2)
    small, _ = measure(client, url("disclosure_new", child), DISCLOSURE_FORM_QUERIES)
    add_history(child, manager, practitioner, 20)
    large, response = measure(client, url("disclosure_new", child), DISCLOSURE_FORM_QUERIES)
    assert large == small
    assert "Attendance plan 19" in response.content.decode()
