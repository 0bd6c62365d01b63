"""Uploading documents (§1, §5.1, §14): the allow-list, the content check, the size limit, and that a
refused upload stores nothing at all (no row, no file, no audit event)."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError

from access.models import AuditAction, AuditEvent
from records.documents.models import Document
from records.documents.services import document_path, upload_document
from tests.conftest import client_for
from tests.records.conftest import refused_by_database
from tests.govuk_html import error_summary, inline_errors
from tests.records.documents.document_builders import (
    EML_BYTES, EXE_BYTES, HTML_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, docx_bytes, pdf_file, stored_files,
    upload_data, upload_url,
)


def _nothing_stored(child):
    assert Document.objects.count() == 0
    assert stored_files() == []
    assert not AuditEvent.objects.filter(child=child, action=AuditAction.UPLOADED_DOCUMENT).exists()


def test_practitioner_uploads_an_order_and_it_is_kept_under_a_random_name(child, practitioner, settings):
    response = client_for(practitioner).post(upload_url(child), upload_data(pdf_file(name="Amara Okoye order.pdf")))

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.local_id}/documents/{document.pk}/"
    assert (document.title, document.category, document.uploaded_by) == ("Interim care order", "order", practitioner)
    assert document.original_name == "Amara Okoye order.pdf"
    assert document.content_type == "application/pdf"
    assert document.size_bytes == len(PDF_BYTES)
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    path = document_path(document)
    assert path.read_bytes() == PDF_BYTES
    # Outside the web root, under a random name that says nothing of the file or the child.
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert "Okoye" not in str(path) and "order" not in path.name and len(path.name) >= 32
    assert stored_files() == [path]
    assert AuditEvent.objects.filter(actor=practitioner, child=child, action=AuditAction.UPLOADED_DOCUMENT).exists()


def test_two_uploads_of_the_same_name_get_different_stored_names(child, practitioner):
    client = client_for(practitioner)
    client.post(upload_url(child), upload_data(pdf_file()))
    client.post(upload_url(child), upload_data(pdf_file()))
    assert len({d.stored_name for d in Document.objects.all()}) == 2
    assert len(stored_files()) == 2


@pytest.mark.parametrize("name, content, content_type", [
    ("photo.JPG", JPEG_BYTES, "image/jpeg"),
    ("scan.png", PNG_BYTES, "image/png"),
    ("report.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("from-school.eml", EML_BYTES, "message/rfc822"),
    ("notes.txt", "Notes from the meeting, café at 10:00".encode(), "text/plain"),
    ("order.pdf", PDF_BYTES, "application/octet-stream"),  # a browser that does not know the type
])
def test_allowed_types_are_accepted(child, practitioner, name, content, content_type):
    response = client_for(practitioner).post(upload_url(child), upload_data(pdf_file(name, content, content_type)))
    assert response.status_code == 302, error_summary(response)
    assert len(stored_files()) == 1


@pytest.mark.parametrize("name, content, content_type, message", [
    ("setup.exe", EXE_BYTES, "application/x-msdownload", ".exe files cannot be uploaded"),
    ("page.html", HTML_BYTES, "text/html", ".html files cannot be uploaded"),
    ("order", PDF_BYTES, "application/pdf", "Files without an extension cannot be uploaded"),
    # A false extension: the content is not what the name says.
    ("order.pdf", HTML_BYTES, "application/pdf", "The file's content is not a PDF, although its name ends in .pdf"),
    ("order.pdf", EXE_BYTES, "application/pdf", "The file's content is not a PDF"),
    ("photo.jpg", PNG_BYTES, "image/jpeg", "The file's content is not a JPEG image"),
    ("report.docx", docx_bytes(word=False), "application/octet-stream", "The file's content is not a Word document"),
    ("notes.txt", EXE_BYTES, "text/plain", "The file's content is not a plain text"),
    ("notes.txt", PDF_BYTES, "text/plain", "The file's content is not a plain text"),
    ("from-school.eml", b"Just some words, no mail headers", "message/rfc822", "The file's content is not a email"),
    # A false content type: the browser says it is something else.
    ("order.pdf", PDF_BYTES, "text/html", "The file is named as a PDF (.pdf) but was sent as text/html"),
    ("empty.pdf", b"", "application/pdf", "The selected file is empty"),
])
def test_refused_files_get_a_clear_error_and_store_nothing(child, practitioner, name, content, content_type, message):
    response = client_for(practitioner).post(upload_url(child), upload_data(pdf_file(name, content, content_type)))

    assert response.status_code == 200
    assert any(message in error for error in error_summary(response)), error_summary(response)
    assert any(message in error for error in inline_errors(response))
    _nothing_stored(child)


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(child, practitioner, settings):
    settings.DOCUMENT_MAX_BYTES = 2048
    content = PDF_BYTES + b"0" * (2049 - len(PDF_BYTES))
    response = client_for(practitioner).post(upload_url(child), upload_data(pdf_file(content=content)))

    assert "The selected file must be smaller than 2 KB" in error_summary(response)
    _nothing_stored(child)


def test_a_file_at_the_size_limit_is_accepted(child, practitioner, settings):
    settings.DOCUMENT_MAX_BYTES = 2048
    content = PDF_BYTES + b"0" * (2048 - len(PDF_BYTES))
    assert client_for(practitioner).post(upload_url(child), upload_data(pdf_file(content=content))).status_code == 302


def test_a_missing_file_and_missing_details_are_each_named(child, practitioner):
    data = upload_data(title="", category="", document_date_0="")
    del data["file"]
    response = client_for(practitioner).post(upload_url(child), data)
    errors = error_summary(response)
    assert "Select a file to upload" in errors
    assert "Enter a title for the document" in errors
    assert "Select what kind of document it is" in errors
    assert any("date of the document" in error for error in errors)
    _nothing_stored(child)


def test_a_good_file_with_a_bad_form_stores_nothing(child, practitioner):
    response = client_for(practitioner).post(upload_url(child), upload_data(pdf_file(), document_date_2="2999"))
    assert "The date of the document must be today or in the past" in error_summary(response)
    _nothing_stored(child)


def test_when_the_row_cannot_be_saved_the_file_is_removed_again(child, practitioner):
    # PostgreSQL refuses a title longer than its column after the file was written: no file is left behind.
    with pytest.raises(DataError):
        upload_document(child=child, by=practitioner, upload=pdf_file(), title="x" * 300,
                        document_date=child.date_of_birth, category="order")
    _nothing_stored(child)


def test_the_service_checks_the_file_again(child, practitioner):
    with pytest.raises(ValidationError, match="content is not a PDF"):
        upload_document(child=child, by=practitioner, upload=pdf_file(content=HTML_BYTES), title="Order",
                        document_date=child.date_of_birth, category="order")
    _nothing_stored(child)


def test_the_upload_page_is_a_multipart_form_with_a_govuk_file_input(child, practitioner):
    body = client_for(practitioner).get(upload_url(child)).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'class="govuk-file-upload"' in body and 'name="file"' in body


def test_documents_are_never_deleted(child, practitioner):
    from tests.records.documents.document_builders import make_document

    document = make_document(child, practitioner)
    assert "records_document: rows are never deleted" in refused_by_database(document.delete)
    assert Document.objects.filter(pk=document.pk).exists()
