"""Issue 16, phones: on a 390 px screen the child's tabs do not wrap over several lines; they collapse into a
"Sections of the record" disclosure, one link a line, each at least 24 px high (WCAG 2.2, 2.5.8), and it works
without JavaScript. From tablet width up the tabs are shown as before."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible_at_both_widths, sign_in

pytestmark = pytest.mark.browser


def _check_sections(page: Page, child) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"/children/{child.local_id}/")
    tabs, sections = page.locator("nav.cw-subnav-tabs"), page.locator("details.cw-subnav-sections")
    expect(tabs).to_be_hidden()
    expect(sections).to_be_visible()
    summary = sections.locator("summary")
    assert summary.bounding_box()["height"] < 60  # one line, not the tabs wrapped over several
    chronology = sections.get_by_role("link", name="Chronology")
    expect(chronology).to_be_hidden()

    summary.click()
    expect(chronology).to_be_visible()
    links = sections.get_by_role("link")
    assert links.count() >= 10
    for n in range(links.count()):
        box = links.nth(n).bounding_box()
        assert box["height"] >= 24 and box["x"] + box["width"] <= PHONE["width"], links.nth(n).inner_text()
    expect(sections.locator('a[aria-current="page"]')).to_have_text("Basic record")

    chronology.click()
    expect(page).to_have_url(re.compile(rf"/children/{child.local_id}/chronology/"))
    expect(page.locator("details.cw-subnav-sections").locator('a[aria-current="page"]')).to_have_text("Chronology")


def test_the_childs_tabs_collapse_into_sections_on_a_phone(page, child, practitioner):
    sign_in(page, practitioner.username)
    _check_sections(page, child)
    assert_accessible_at_both_widths(page)

    page.set_viewport_size(DESKTOP)
    page.goto(f"/children/{child.local_id}/")
    expect(page.locator("nav.cw-subnav-tabs")).to_be_visible()
    expect(page.locator("details.cw-subnav-sections")).to_be_hidden()


def test_the_sections_work_without_javascript(browser, live_server, child, practitioner):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in(page, practitioner.username)
        _check_sections(page, child)
    finally:
        context.close()
