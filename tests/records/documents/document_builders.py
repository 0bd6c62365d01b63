"""Files and documents for the tests of documents on the record (test_documents*.py)."""

import io
import zipfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from tests.factories import PDF_BYTES, CourtReportFactory, DocumentFactory, DocumentRestrictionFactory

def image_bytes(image_format: str, *, exif=None, size=(8, 8)) -> bytes:
    """A real image (uploads are decoded and encoded again: issue 18), the same bytes every time."""
    buffer = io.BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    if image_format == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format, **extra)
    return buffer.getvalue()


def camera_exif() -> Image.Exif:
    """What a phone hides in a photo: its make, and where the photo was taken (GPS)."""
    exif = Image.Exif()
    exif[0x010F] = "CasePhone"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    return exif


PNG_BYTES = image_bytes("PNG")
JPEG_BYTES = image_bytes("JPEG")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EML_BYTES = b"From: school@example.org\r\nTo: priya@example.org\r\nSubject: Attendance\r\n\r\nAmara was in school all week.\r\n"


def docx_bytes(*, word=True, extra=()) -> bytes:
    """A minimal Office Open XML file: a Word document, or (word=False) a spreadsheet-shaped zip; `extra` adds
    (name, bytes) parts, deflated."""
    buffer = io.BytesIO()
    # A fixed date inside the zip: the bytes name parametrised tests, which each xdist worker collects
    # and must collect the same (writestr with a bare name stamps the current time).
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
                           ("word/document.xml" if word else "xl/workbook.xml", "<document/>"), *extra):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def pdf_file(name="order.pdf", content=PDF_BYTES, content_type="application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def upload_data(file=None, **overrides) -> dict:
    data = {
        "file": file or pdf_file(), "title": "Interim care order", "document_date_0": "3",
        "document_date_1": "2", "document_date_2": "2026", "category": "order",
        "description": "Made at the Family Court in Luton", "belongs_to_child": "False",
    }
    data.update(overrides)
    return data


def upload_url(child) -> str:
    return reverse("records:document_upload", args=[child.local_id])


def stored_files() -> list[Path]:
    """Every file under the documents directory of PRIVATE_MEDIA_ROOT (the test's own tmp dir)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "documents"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def make_document(child, by, *, title="Interim care order", category="order", content=PDF_BYTES, name="order.pdf",
                  belongs_to_child=False, document_date=date(2026, 2, 3)):
    return DocumentFactory(child=child, by=by, title=title, category=category, content=content, file_name=name,
                           belongs_to_child=belongs_to_child, document_date=document_date)


def documents_of(child, author, *, marker: str = ""):
    """A document (whose file names the child's local ID, so that a download can be recognised) and a
    photograph that belongs to the child, still to be returned (§5.4)."""
    order = make_document(child, author, title=f"Interim care order {marker}".strip(),
                          content=PDF_BYTES + f"% {child.local_id}\n".encode())
    photo = make_document(child, author, title=f"Birthday photographs {marker}".strip(), category="photo",
                          content=JPEG_BYTES, name="birthday.jpg", belongs_to_child=True)
    return order, photo


def restricted_document(child, by, advisor, marker: str):
    """A document in the 'Restricted from user' section (§7), the marker in every free-text field (its title,
    description, file name and the restriction's reason), copied into a report to court on the basic record."""
    document = DocumentFactory(child=child, by=by, file_name=f"report-{marker}.pdf", content_type="application/pdf",
                               title=f"Guardian's report {marker}", document_date=date(2026, 3, 1),
                               category="guardian_report", description=f"Written for the hearing {marker}")
    DocumentRestrictionFactory(document=document, by=by, reason_detail=f"The Guardian asked {marker}",
                               advised_by=advisor)
    CourtReportFactory(child=child, by=by, document=document)
    return document
