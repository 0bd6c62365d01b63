"""Every PDF is marked OFFICIAL-SENSITIVE in the header and footer of every page: the record, the subject
access bundle and the chronology, each as long as several pages. Printed pages are marked by the print
styles (tests/browser/test_print_marking.py prints one)."""

import pytest

from records.models import PdfJob
from records.pdfs import services as pdfs
from tests.factories import PdfJobFactory, SubjectAccessRequestFactory
from tests.pdf_text import pdf_pages
from tests.records.pdfs.test_pdf_content import built, phone_call

MARKING = "OFFICIAL-SENSITIVE"


@pytest.fixture
def long_record(child, practitioner):
    for number in range(6):
        phone_call(child, practitioner, f"Call number {number}. " + "A long account of the call. " * 40)


def _assert_marked_top_and_bottom(pages):
    assert len(pages) >= 3, "the PDF should run to several pages"
    for number, page in enumerate(pages, start=1):
        assert page.count(MARKING) == 2, f"page {number} of {len(pages)} is not marked in its header and footer"


def test_every_page_of_the_record_pdf_is_marked(child, practitioner, long_record):
    job = pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False)
    _assert_marked_top_and_bottom(pdf_pages(built(job)))


def test_every_page_of_a_subject_access_bundle_is_marked(child, manager, long_record):
    job = PdfJobFactory(kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.QUEUED, child=child, requested_by=manager,
                        subject_access_request=SubjectAccessRequestFactory(child=child, by=manager))
    _assert_marked_top_and_bottom(pdf_pages(built(job)))


def test_every_page_of_the_chronology_pdf_is_marked(child, practitioner):
    from tests.records.pdfs.test_pdf_chronology import significant_call

    for number in range(30):
        significant_call(child, practitioner, f"Call {number}. " + "What was said. " * 30)
    job = pdfs.request_record_pdf(child=child, by=practitioner, kind=PdfJob.Kind.CHRONOLOGY, include_restricted=False)
    _assert_marked_top_and_bottom(pdf_pages(built(job)))
