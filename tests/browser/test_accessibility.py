"""axe-core on every page of the product, clean and with errors: no serious or critical violations."""

from typing import NamedTuple

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import open_record

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


class Screen(NamedTuple):
    user: str | None  # who signs in first; None for a signed-out visitor
    path: str  # formatted with the ids from the `records` fixture
    shows: str  # text in <main> that proves the page is in the state we mean to check
    submit: str | None = None  # a button pressed with the form left empty, to show its errors
    status: int = 200


SCREENS = {
    "sign-in": Screen(None, "/sign-in/", "Sign in with your council username"),
    "sign-in-with-errors": Screen(None, "/sign-in/", "Enter your username", submit="Sign in"),
    "caseload-practitioner": Screen("practitioner", "/", "1 child allocated to you"),
    "caseload-manager-with-awaiting-allocation": Screen("manager", "/", "Awaiting allocation in your team"),
    "search": Screen("practitioner", "/children/search/", "Part of a name is enough"),
    "search-with-results": Screen("practitioner", "/children/search/?q=Okoye", "1 result"),
    "search-with-no-results": Screen("practitioner", "/children/search/?q=Nobody", "No children found"),
    "search-enter-a-name-error": Screen("practitioner", "/children/search/?q=", "There is a problem"),
    "child-record": Screen("practitioner", "/children/{child}/", "Allocation history"),
    "child-record-manager": Screen("manager", "/children/{child}/", "Allocate or reallocate"),
    "add-child": Screen("practitioner", "/children/new/", "Add a child and their referral"),
    "add-child-with-errors": Screen("practitioner", "/children/new/", "There is a problem", submit="Save and continue"),
    "allocate": Screen("manager", "/children/{child}/allocate/", "Allocate the case"),
    "allocate-with-errors": Screen("manager", "/children/{child}/allocate/", "There is a problem", submit="Save allocation"),
    "close-case": Screen("manager", "/children/{child}/cases/{case}/close/", "Close the case from"),
    "close-case-with-errors": Screen(
        "manager", "/children/{child}/cases/{case}/close/", "There is a problem", submit="Close the case"
    ),
    "page-not-found": Screen("practitioner", "/children/{other_child}/", "Page not found", status=404),
}


@pytest.fixture
def records(assessment_team, manager, child, other_child):
    # A case in the manager's team with no worker, so their caseload shows "Awaiting allocation".
    open_record(team=assessment_team, manager=manager, worker=None, first_name="Lena", last_name="Novak")
    return {"child": child.local_id, "case": child.cases.get().pk, "other_child": other_child.local_id}


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(str(node["target"]) for node in v["nodes"])
        for v in violations
    )


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_page_has_no_serious_accessibility_violations(page, records, screen):
    if screen.user:
        sign_in(page, screen.user)
    response = page.goto(screen.path.format(**records))
    assert response.status == screen.status
    if screen.submit:
        page.get_by_role("button", name=screen.submit).click()
    expect(page.get_by_role("main")).to_contain_text(screen.shows)

    violations = Axe().run(page).response["violations"]

    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe found serious or critical violations on {page.url}:\n{describe(blocking)}"
