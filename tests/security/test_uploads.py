"""Uploads that lie about what they are: refused with a clear error, and nothing is stored.

The upload page's own form (records:document_upload) is filled as a person would fill it, with the
file under test in its `file` control: a false extension, a false content type, an empty file, a
file over the size limit. Each must come back as the page with a GOV.UK error about the file, with
no new row in any table and no new file in private media. The control: a real PDF is accepted.
"""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from access.models import AccessLog
from tests.security.counts import tried
from tests.security.crawl import client_as
from tests.security.forms import Filler, has_errors, parse, small_pdf
from tests.security.state import changed, db_state

UPLOAD = "records:document_upload"
ACCESS_LOG = {AccessLog._meta.db_table}  # the page views themselves are logged by design


def _pdf_bytes() -> bytes:
    return small_pdf().read()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 512
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ZIP = b"PK\x03\x04" + b"\x00" * 64

# name -> (file name, content, declared content type)
LIARS = {
    "pdf named .jpg": ("photo.jpg", _pdf_bytes, "image/jpeg"),
    "html named .pdf": ("report.pdf", lambda: HTML, "application/pdf"),
    "exe named .pdf": ("report.pdf", lambda: EXE, "application/pdf"),
    "exe named .pdf, declared octet-stream": ("report.pdf", lambda: EXE, "application/octet-stream"),
    "exe named .docx": ("letter.docx", lambda: EXE, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "exe with .exe": ("setup.exe", lambda: EXE, "application/x-msdownload"),
    "double extension .pdf.exe": ("report.pdf.exe", lambda: EXE, "application/pdf"),
    "html with .html": ("page.html", lambda: HTML, "text/html"),
    "svg with script named .png": ("picture.png", lambda: SVG, "image/png"),
    "png named .pdf": ("scan.pdf", lambda: PNG, "application/pdf"),
    "zip named .docx without Word content": ("letter.docx", lambda: ZIP, "application/zip"),
    "real pdf declared text/html": ("report.pdf", _pdf_bytes, "text/html"),
    "real pdf declared image/png": ("report.pdf", _pdf_bytes, "image/png"),
    "no extension": ("report", _pdf_bytes, "application/pdf"),
    "empty file": ("empty.pdf", lambda: b"", "application/pdf"),
}


@pytest.fixture
def upload_page(child):
    try:
        return reverse(UPLOAD, args=[child.local_id])
    except NoReverseMatch:
        pytest.skip(f"{UPLOAD} does not exist yet")


def _form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    forms, _ = parse(response.content.decode(), f"http://testserver{url}")
    form = next(f for f in forms if "file" in f.controls)
    assert form.enctype == "multipart/form-data"
    return form


def _stored_files(settings) -> set:
    root = settings.PRIVATE_MEDIA_ROOT
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _post(client, url, form, upload):
    """The page's own form, filled with plain values, then sent with `upload` as its file (adapting to
    errors on other fields only, so that the file is what is judged)."""
    filler = Filler(form, lambda name: "Letter from the school about attendance")
    for _ in range(6):
        data = {**filler.data, "file": upload()}
        response = client.post(url, data)
        body = response.content.decode(errors="replace")
        if response.status_code != 200 or not has_errors(body):
            return response, body
        _, error_ids = parse(body, f"http://testserver{url}")
        others = [e for e in error_ids if "file" not in e]
        if not others or not filler.adapt(others):
            return response, body
    return response, body


def test_a_real_pdf_is_accepted(upload_page, practitioner, settings):
    """The control: the form is filled correctly, so each refusal below is about the file."""
    client = client_as(practitioner)
    before = db_state()
    response, body = _post(client, upload_page, _form(client, upload_page), lambda: small_pdf("letter.pdf"))
    assert response.status_code == 302, body[:2000]
    assert changed(before, db_state())
    assert _stored_files(settings)


@pytest.mark.parametrize("case", sorted(LIARS))
def test_a_lying_upload_is_refused_and_nothing_is_stored(upload_page, practitioner, settings, case):
    name, content, declared = LIARS[case]
    client = client_as(practitioner)
    form = _form(client, upload_page)
    files_before, before = _stored_files(settings), db_state(exclude=ACCESS_LOG)
    response, body = _post(client, upload_page, form,
                           lambda: SimpleUploadedFile(name, content(), content_type=declared))
    assert response.status_code == 200 and has_errors(body), f"{case}: not refused"
    assert "govuk-error-summary" in body and ('href="#id_file' in body or 'href="#file' in body), f"{case}: no error on the file"
    assert changed(before, db_state(exclude=ACCESS_LOG)) == [], f"{case}: something was stored"
    assert _stored_files(settings) == files_before
    tried("uploads: false extension, content type, empty", 1)


def test_a_file_over_the_size_limit_is_refused(upload_page, practitioner, settings):
    settings.DOCUMENT_MAX_BYTES = 4096
    client = client_as(practitioner)
    form = _form(client, upload_page)
    big = BytesIO()
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(40):
        writer.add_blank_page(width=600, height=800)
    writer.add_metadata({"/Title": "x" * 8000})
    writer.write(big)
    assert len(big.getvalue()) > settings.DOCUMENT_MAX_BYTES
    before, files_before = db_state(exclude=ACCESS_LOG), _stored_files(settings)
    response, body = _post(client, upload_page, form,
                           lambda: SimpleUploadedFile("big.pdf", big.getvalue(), content_type="application/pdf"))
    assert response.status_code == 200 and has_errors(body)
    assert "4 KB" in body or "smaller" in body or "larger" in body or "too big" in body.lower()
    assert changed(before, db_state(exclude=ACCESS_LOG)) == []
    assert _stored_files(settings) == files_before
    tried("uploads: over the size limit", 1)
