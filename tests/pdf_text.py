"""Reading a PDF's text with pypdf, to assert on what its reader sees (not on its bytes)."""

from io import BytesIO

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, with runs of white space made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def response_bytes(response) -> bytes:
    """The body of a response, streamed (a file download) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def response_text(response) -> str:
    """What a reader of the response sees: the text of a PDF, or the page itself."""
    body = response_bytes(response)
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(body)
    return body.decode(errors="replace")
