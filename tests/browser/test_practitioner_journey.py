"""A practitioner's first minutes: sign in, find their child, and cannot reach another team's child."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_practitioner_finds_their_child_by_part_of_the_name_and_opens_the_record(page, child, practitioner):
    sign_in(page, practitioner.username)

    page.goto("/children/search/")
    page.get_by_label("Name, date of birth, local child ID or NHS number").fill("amar")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Amara Okoye").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okoye")
    expect(page.locator(".cw-banner")).to_contain_text(f"Local child ID {child.local_id}")


def test_practitioner_gets_page_not_found_for_other_teams_child(page, child, other_child, practitioner):
    sign_in(page, practitioner.username)

    response = page.goto(f"/children/{other_child.local_id}/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("body")).not_to_contain_text("Jayden")
    expect(page.locator("body")).not_to_contain_text("Clarke")


def test_practitioner_search_does_not_find_other_teams_child(page, child, other_child, practitioner):
    sign_in(page, practitioner.username)

    page.goto("/children/search/?q=Jayden Clarke")

    expect(page.get_by_role("heading", name="No children found")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Jayden Clarke", ignore_case=True)
