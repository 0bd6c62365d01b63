"""WeasyPrint reads nothing but our own static files: no file://, no network (WeasyPrint's security
notes). Entries are written by people, so a PDF must not become a way to read the
server's files or to reach other machines from the worker."""

import socket

import pytest
import weasyprint
from django.conf import settings

from records.pdfs import build as builder
from records.pdfs.build import PDF_ORIGIN, StaticFilesOnly
from tests.pdf_text import pdf_text


def test_it_serves_the_print_stylesheet():
    response = StaticFilesOnly().fetch(builder.STYLESHEET)

    assert b"@page" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    f"file://{settings.BASE_DIR}/static/pdf/record.css",
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:8000/static/pdf/record.css",
    "https://example.org/style.css",
    "ftp://example.org/style.css",
    "data:text/css,body{color:red}",
    "http://casework.invalid/static/pdf/record.css",  # our origin, but not our scheme
    f"{PDF_ORIGIN}/static/pdf/../../../config/settings.py",
    f"{PDF_ORIGIN}/static/pdf/%2e%2e/%2e%2e/%2e%2e/config/settings.py",
    f"{PDF_ORIGIN}/static//etc/passwd.css",
    f"{PDF_ORIGIN}/static/pdf/record.css?v=1",
    f"{PDF_ORIGIN}/static/js/app.js",  # ours, but not something a PDF needs
    f"{PDF_ORIGIN}/admin/",
    f"{PDF_ORIGIN}/static/pdf/missing.css",
])
def test_it_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(url)


def test_a_document_cannot_pull_in_a_local_file(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "SECRETFILETEXT"; }')
    html = (f'<html><head><link rel="stylesheet" href="file://{secret}">'
            f'<style>@import url("file://{secret}");</style></head>'
            f'<body><p>Visible text</p><img src="file:///etc/hostname"></body></html>')

    text = pdf_text(builder.html_to_pdf(html))

    assert "Visible text" in text
    assert "SECRETFILETEXT" not in text
    # The control: WeasyPrint's own fetcher would have read the file.
    assert "SECRETFILETEXT" in pdf_text(weasyprint.HTML(string=html).write_pdf())


def test_a_document_cannot_reach_the_network():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    html = (f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/style.css"></head>'
            f'<body><p>Visible text</p><img src="http://127.0.0.1:{port}/pixel.png"></body></html>')
    try:
        text = pdf_text(builder.html_to_pdf(html))
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody knocked
    finally:
        listener.close()

    assert "Visible text" in text
