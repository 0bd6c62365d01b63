"""A printed page is marked OFFICIAL-SENSITIVE in its header and footer, on every page: a long page of the
service, printed by the browser to PDF with its print styles, read back page by page. The site's own
favicon is served (not the GOV.UK crown)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.pdf_text import pdf_pages

pytestmark = pytest.mark.browser


def test_every_printed_page_is_marked_in_its_header_and_footer(page, child, practitioner, policy_designs):
    from tests.records.pdfs.test_pdf_content import phone_call

    for number in range(8):
        phone_call(child, practitioner, f"Call number {number}. " + "A long account of the call. " * 40)
    page.set_viewport_size({"width": 1024, "height": 800})
    sign_in(page, practitioner.username)
    page.goto(reverse("records:entry_list", args=[child.local_id]))
    page.emulate_media(media="print")

    pages = pdf_pages(page.pdf(format="A4"))

    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, f"printed page {number} of {len(pages)}"


def test_the_favicon_is_the_services_own(page, practitioner):
    sign_in(page, practitioner.username)
    icons = page.locator("link[rel=icon]")
    hrefs = [icons.nth(i).get_attribute("href") for i in range(icons.count())]
    assert any(href.endswith("favicon.svg") for href in hrefs) and all("crown" not in href for href in hrefs)
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok and len(response.body()) > 100
