"""Uploads checked beyond their first bytes (issue 18, §14): a PDF is parsed as a PDF and refused when it carries
JavaScript, a launch action or hidden files; a Word or OpenDocument file is opened as a zip with limits (a zip
bomb is refused, and so are macros); a photo is decoded and encoded again, dropping where it was taken. A
refused file stores nothing: no row, no file, no audit event."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image

from pypdf import PdfWriter
from pypdf.actions import JavaScript

from access.models import AuditAction, AuditEvent
from records.documents import content_checks
from records.documents.models import Document
from records.documents.services import document_path, upload_document
from records.documents.uploads import check_upload
from tests.conftest import client_for
from tests.factories import PDF_BYTES, pdf_bytes
from tests.govuk_html import error_summary, texts
from tests.records.documents.document_builders import (
    camera_exif, docx_bytes, image_bytes, pdf_file, stored_files, upload_data, upload_url,
)

WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refused(child, practitioner, name, content, content_type, message):
    response = client_for(practitioner).post(upload_url(child), upload_data(pdf_file(name, content, content_type)))
    assert response.status_code == 200
    assert any(message in shown for shown in error_summary(response)), error_summary(response)
    assert Document.objects.count() == 0
    assert stored_files() == []
    assert not AuditEvent.objects.filter(child=child, action=AuditAction.UPLOADED_DOCUMENT).exists()


# --- PDF ---

JAVASCRIPT_OPEN = pdf_bytes(b"<< /S /JavaScript /JS (app.alert('hello')) >>", catalog=b"/OpenAction 4 0 R ")
LAUNCH_LINK = pdf_bytes(b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>",
                        catalog=b"/AA << /O 4 0 R >> ")
EMBEDDED = pdf_bytes(b"<< /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
                     b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
                     b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream", catalog=b"/Names 4 0 R ")


@pytest.mark.parametrize(("content", "message"), [
    (b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>",
     "The file is not a PDF that can be opened, although its name ends in .pdf"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
     "The file is not a PDF that can be opened"),
    (JAVASCRIPT_OPEN, "The PDF contains JavaScript, which could harm the computer that opens it"),
    (LAUNCH_LINK, "The PDF contains an action that starts a program"),
    (EMBEDDED, "The PDF contains files hidden inside it"),
], ids=["html-after-pdf-line", "no-pages", "javascript", "launch", "embedded-file"])
def test_a_pdf_that_is_not_one_or_carries_active_content_is_refused(child, practitioner, content, message):
    _refused(child, practitioner, "order.pdf", content, "application/pdf", message)


def test_a_plain_pdf_is_stored_as_sent(child, practitioner):
    document = upload_document(child=child, by=practitioner, upload=pdf_file(), title="Order",
                               document_date=child.date_of_birth, category="order")
    assert document_path(document).read_bytes() == PDF_BYTES
    assert document.upload_note == ""


def test_javascript_added_by_a_pdf_library_is_found():
    """The walk follows what a viewer reads (the document's name tree), not a search of the raw bytes."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_open_action(JavaScript("app.alert('hidden');"))
    for page in writer.pages:
        page.compress_content_streams()
    buffer = io.BytesIO()
    writer.write(buffer)
    upload = pdf_file(content=buffer.getvalue())

    with pytest.raises(ValidationError, match="JavaScript"):
        content_checks.inspect_content(upload, check_upload(upload))


# --- Word and OpenDocument ---

def _zip_bomb() -> bytes:
    """A Word-shaped zip whose one extra part is 300 MB of zeros, deflated to a few hundred KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):
                part.write(block)
    return buffer.getvalue()


def _word_without_document() -> bytes:
    """Looks like Word from its first bytes (a word/ part), but has no document in it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 1, 1, 0, 0, 0)), "<Types/>")
        archive.writestr(zipfile.ZipInfo("word/styles.xml", date_time=(2026, 1, 1, 0, 0, 0)), "<styles/>")
    return buffer.getvalue()


def _many_parts() -> bytes:
    return docx_bytes(extra=[(f"word/part{n}.xml", "<p/>") for n in range(content_checks.MAX_ZIP_ENTRIES + 1)])


@pytest.mark.parametrize(("content", "message"), [
    (docx_bytes()[:-30], "The file is damaged: it cannot be opened as a Word document"),
    (_word_without_document(), "The file is not a Word document, although its name says so"),
    (docx_bytes(extra=[("word/vbaProject.bin", "macro")]), "The Word document contains macros"),
], ids=["damaged", "no-document-part", "macros"])
def test_a_word_file_that_is_damaged_not_word_or_has_macros_is_refused(child, practitioner, content, message):
    _refused(child, practitioner, "report.docx", content, WORD_TYPE, message)


def test_a_zip_bomb_is_refused_without_being_unpacked(child, practitioner, settings):
    bomb = _zip_bomb()
    settings.DOCUMENT_MAX_BYTES = max(settings.DOCUMENT_MAX_BYTES, len(bomb) + 1)
    assert len(bomb) < 2 * 1024 * 1024  # small on the wire, 300 MB once opened
    _refused(child, practitioner, "report.docx", bomb, WORD_TYPE, "expands to far more than its size")


def test_too_many_parts_are_refused(child, practitioner):
    _refused(child, practitioner, "report.docx", _many_parts(), WORD_TYPE, "holds more than 2,000 parts")


def test_an_opendocument_file_is_checked_the_same_way(child, practitioner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("Basic/Standard/Module1.xml", "Sub Main\nEnd Sub")
    _refused(child, practitioner, "letter.odt", buffer.getvalue(), "application/vnd.oasis.opendocument.text",
             "The OpenDocument text contains macros")


def test_a_real_word_document_is_stored_as_sent(child, practitioner):
    content = docx_bytes(extra=[("word/styles.xml", "<styles>" + "<style/>" * 5000 + "</styles>")])
    document = upload_document(child=child, by=practitioner, upload=pdf_file("report.docx", content, WORD_TYPE),
                               title="Report", document_date=child.date_of_birth, category="other")
    assert document_path(document).read_bytes() == content


# --- Photos ---

def test_a_photos_location_and_camera_are_removed_and_the_person_told(child, practitioner):
    photo = image_bytes("JPEG", exif=camera_exif(), size=(40, 30))
    assert b"CasePhone" in photo
    response = client_for(practitioner).post(upload_url(child), upload_data(
        pdf_file("birthday.jpg", photo, "image/jpeg"), category="photo"), follow=True)

    document = Document.objects.get()
    stored = document_path(document).read_bytes()
    assert b"CasePhone" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 30)
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert document.content_type == "image/jpeg" and document.size_bytes == len(stored)
    assert ("Document uploaded. Hidden details in the image, such as where and when it was taken, were removed."
            in texts(response, "govuk-notification-banner__heading"))


def test_a_sideways_photo_stays_the_right_way_up(child, practitioner):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees to show it
    document = upload_document(child=child, by=practitioner,
                               upload=pdf_file("turned.jpg", image_bytes("JPEG", exif=exif, size=(40, 30)), "image/jpeg"),
                               title="Photo", document_date=child.date_of_birth, category="photo")
    with Image.open(document_path(document)) as image:
        assert image.size == (30, 40)


def test_an_iphone_photo_becomes_a_jpeg(child, practitioner):
    document = upload_document(child=child, by=practitioner,
                               upload=pdf_file("IMG_0042.HEIC", image_bytes("HEIF", size=(16, 12)), "image/heic"),
                               title="Photo", document_date=child.date_of_birth, category="photo")
    assert (document.original_name, document.content_type) == ("IMG_0042.jpg", "image/jpeg")
    with Image.open(document_path(document)) as image:
        assert (image.format, image.size) == ("JPEG", (16, 12))
    assert "changed from HEIC to JPEG" in document.upload_note


def test_a_png_is_encoded_again_without_its_text(child, practitioner):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 12 Acacia Road")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 0)).save(buffer, format="PNG", pnginfo=info)
    document = upload_document(child=child, by=practitioner, upload=pdf_file("scan.png", buffer.getvalue(), "image/png"),
                               title="Scan", document_date=child.date_of_birth, category="other")
    assert b"Acacia" not in document_path(document).read_bytes()


@pytest.mark.parametrize(("name", "content", "content_type", "message"), [
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64, "image/jpeg",
     "The file is not a JPEG image that can be opened"),
    ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + b"\x00" * 64,
     "image/png", "The file is not a PNG image that can be opened"),
], ids=["broken-jpeg", "broken-png"])
def test_an_image_that_does_not_decode_is_refused(child, practitioner, name, content, content_type, message):
    _refused(child, practitioner, name, content, content_type, message)


def test_an_image_too_large_to_decode_is_refused_before_decoding(child, practitioner, monkeypatch):
    monkeypatch.setattr(content_checks, "MAX_IMAGE_PIXELS", 100)
    _refused(child, practitioner, "big.png", image_bytes("PNG", size=(20, 20)), "image/png",
             "The image is too large to check")
