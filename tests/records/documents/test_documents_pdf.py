"""The record PDF and the subject access bundle list the documents on the record (title, kind, date),
never restricted (§7) or withdrawn ones, whoever asks and whatever they tick."""

from datetime import date, timedelta

from django.utils import timezone

from records.pdfs import services as pdfs
from records.documents.services import restrict_document, withdraw_document
from tests.factories import SubjectAccessRequestFactory
from tests.pdf_text import pdf_text
from tests.records.documents.document_builders import make_document
from tests.records.pdfs.test_pdf_content import built, record_pdf


def _documents(child, practitioner, manager):
    make_document(child, practitioner, title="Interim care order", category="order", document_date=date(2026, 2, 3))
    secret = make_document(child, practitioner, title="Guardian report held back", category="guardian_report")
    restrict_document(document=secret, by=practitioner, reason="third_party", reason_detail="Guardian asked",
                      advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    wrong = make_document(child, practitioner, title="Someone else's letter", category="letter")
    withdraw_document(document=wrong, by=practitioner, reason="Wrong child")


def test_the_record_pdf_lists_documents_but_not_restricted_or_withdrawn_ones(child, practitioner, manager):
    _documents(child, practitioner, manager)
    for include_restricted in (False, True):  # the allocated worker may see it, and ticks "include": still left out
        text = " ".join(record_pdf(child, practitioner, include_restricted=include_restricted).split())
        assert "Documents on the record" in text
        assert "Interim care order" in text and "Order made about the child" in text and "3 Feb 2026" in text
        assert "Guardian report held back" not in text
        assert "Someone else" not in text


def test_the_subject_access_bundle_lists_documents_but_never_restricted_ones(child, practitioner, manager):
    _documents(child, practitioner, manager)
    sar = SubjectAccessRequestFactory(child=child, by=manager, requester_name="Grace")
    text = " ".join(pdf_text(built(pdfs.request_subject_access_bundle(sar=sar, by=manager))).split())
    assert "Interim care order" in text
    assert "Guardian report held back" not in text and "Someone else" not in text
