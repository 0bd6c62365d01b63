"""Headless Chromium against the live server: one browser for the run, a fresh context per test.

The live server reads the database from another thread, so these tests use `transactional_db`:
data is committed, and after each test the tables are emptied and the rows the test database was set
up with are put back from a snapshot (tests/conftest.py `_quick_flush`; `serialized_rollback` cannot do
it: the records triggers refuse to re-insert an approved form design). Browser tests still run last, and
`_role_groups` makes sure of the role groups the cast needs.
"""

import importlib
import os
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from access.staff import roles
from records.models import FormDesign, RecordKind
from records.calendar.working_days import LONDON
from tests.factories import PASSWORD
from tests.records.designs.first_designs import approve_policy_designs

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}  # a phone held upright
BLOCKING = {"serious", "critical"}
# WCAG 2.2 target size (SC 2.5.8: 24 by 24 CSS px, or enough space around): axe ships the rule turned off.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(str(node["target"]) for node in v["nodes"])
        for v in violations
    )


_CHECKED_PAGES: set[str] = set()  # pages already checked at both widths in this process
# Files, signing out, and Django's admin (the administrators' technical tool, not a GOV.UK page).
NOT_PAGES = re.compile(r"\.(pdf|csv|zip|docx?|xlsx)$|/download/|/sign-out/|^/admin/")


def page_kind(url: str) -> str:
    """A page as a kind, not an instance: /children/CW-AB12-CD34/entries/7/ -> /children/{}/entries/{}/."""
    return re.sub(r"/[^/]*\d[^/]*(?=/|$)", "/{}", urlsplit(url).path)


def known_govuk_reveal_issue(violation) -> bool:
    """GOV.UK Frontend's conditional reveal sets aria-expanded on the radio that reveals, which ARIA does not
    yet allow on a radio: a known issue the GOV.UK Design System keeps on purpose, because screen readers
    announce it (alphagov/govuk-frontend#979, w3c/aria#1404). Only that, on those radios, is passed over."""
    return violation["id"] == "aria-allowed-attr" and all(
        "govuk-radios__input" in node["html"] and "aria-controls=" in node["html"] and "aria-expanded=" in node["html"]
        for node in violation["nodes"])


def assert_accessible_at_both_widths(page: Page) -> None:
    """axe finds no serious or critical violation at desktop width and at 390 px, and at 390 px the
    page does not scroll sideways (a wide table may scroll inside its own container)."""
    _CHECKED_PAGES.add(page_kind(page.url))
    try:
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            blocking = [v for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]
                        if v["impact"] in BLOCKING and not known_govuk_reveal_issue(v)]
            assert not blocking, (f"axe found serious or critical violations on {page.url} at {size['width']} px:\n"
                                  f"{describe(blocking)}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        # The outermost elements wider than the screen: where the sideways scroll starts.
        wide = page.evaluate("""() => { const edge = document.documentElement.clientWidth + 1;
            const over = e => e.getBoundingClientRect().right > edge;
            return [...document.body.querySelectorAll('*')].filter(e => over(e) && !over(e.parentElement))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' in ' + e.parentElement.className + ' (' + getComputedStyle(e.parentElement).overflowX + ' ' + getComputedStyle(e.parentElement).display + '): ' + (e.textContent || '').trim().slice(0, 40)); }""")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at 390 px wide; too wide: {wide}"
    finally:
        page.set_viewport_size(DESKTOP)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # After pytest-django's own ordering (plain, then transactional, then no database); stable.
    # A long test marked runs_first starts at once, so that the other process works beside it.
    items.sort(key=lambda item: (item.get_closest_marker("browser") is not None,
                                 item.get_closest_marker("runs_first") is None))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item so `page` can tell that the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Browser:
    # Playwright's sync API keeps an event loop running in this thread, and Django's ORM refuses to
    # run beside one unless told it is safe (it is: the loop only drives the browser). Set here, not
    # at import, so that subprocesses started by earlier tests (`check --deploy`) do not inherit it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")


@pytest.fixture(autouse=True)
def _role_groups(browser, transactional_db):
    # Autouse, so `transactional_db` comes before the cast fixtures (which ask for `db`), and after
    # the browser has set DJANGO_ALLOW_ASYNC_UNSAFE.
    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)



@pytest.fixture
def visit_design(admin_user, slt) -> FormDesign:
    """The approved visit design: the migration's, or (once an earlier browser test has emptied the
    tables) the same questions drafted by `admin_user` and approved by `slt`."""
    design = FormDesign.objects.filter(kind=RecordKind.VISIT, status=FormDesign.Status.APPROVED).first()
    if design is None:
        design = approve_policy_designs(administrator=admin_user, senior_leader=slt, kinds=[RecordKind.VISIT])[RecordKind.VISIT]
    return design


@pytest.fixture
def form_design_admin_permissions(_role_groups):
    """Put back the admin permissions that records migration 0004 gives the Administrator and Senior
    leadership groups (emptied with the tables after every browser test)."""
    grant = importlib.import_module("records.migrations.0004_form_design_admin_permissions")
    for group_name, codenames in grant.GRANTS.items():
        Group.objects.get(name=group_name).permissions.add(
            *Permission.objects.filter(content_type__app_label="records", codename__in=codenames)
        )


def check_pages_visited(context, urls: list[str], origin: str) -> None:
    """Every kind of page a browser test visited is checked once per process at both widths: opened
    again (GET) in the test's own session once the test has passed."""
    for url in dict.fromkeys(urls):
        if not url.startswith(origin) or NOT_PAGES.search(urlsplit(url).path) or page_kind(url) in _CHECKED_PAGES:
            continue
        again = context.new_page()
        response = again.goto(url)
        if response is not None and response.ok and "text/html" in response.headers.get("content-type", ""):
            assert_accessible_at_both_widths(again)
        _CHECKED_PAGES.add(page_kind(url))
        again.close()


@pytest.fixture
def page(request, browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame.parent_frame is None else None)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    elif report is not None:
        check_pages_visited(context, visited, live_server.url)
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Another person at another computer: `new_page()` gives a page in a fresh browser context."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the GOV.UK form, as a person would, and wait to leave the sign-in page."""
    page.goto("/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))


# --- steps of recording a visit, shared by the recording tests ---

def london_now() -> datetime:
    return timezone.now().astimezone(LONDON)


def shown(moment: datetime) -> str:
    """A date and time as the entry pages show it ("j F Y, H:i")."""
    return f"{moment.day} {moment:%B %Y, %H:%M}"


def open_records_of(page: Page, child) -> None:
    page.goto("/caseload/")
    page.get_by_role("link", name=child.display_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.display_name)
    page.locator("a.moj-sub-navigation__link", has_text="Records").click()
    expect(page.get_by_role("heading", name="Records")).to_be_visible()


def plan_visit(page: Page, when: datetime, purpose: str, *, open_form: bool = True) -> None:
    """Plan a visit from the child's Records page (`open_form=False`: on the form already)."""
    if open_form:
        page.get_by_role("link", name="Plan a visit").click()
    page.locator("#id_event_date_0").fill(str(when.day))
    page.locator("#id_event_date_1").fill(str(when.month))
    page.locator("#id_event_date_2").fill(str(when.year))
    page.locator("#id_event_time").fill(f"{when:%H:%M}")
    page.locator("#id_planned_purpose").fill(purpose)
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Visit: {shown(when)}")
    expect(page.get_by_role("main")).to_contain_text("Planned")


def record_basic_details(page: Page) -> None:
    page.get_by_role("link", name="Record basic details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Basic details of the visit")
    page.get_by_label("Who carried out the visit?").select_option(label="I carried it out myself")  # §4: first-hand
    page.get_by_label("Who was seen").fill("Amara and her mother, Grace Okoye")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("Where the visit took place").fill("The family home")
    page.get_by_role("button", name="Save basic details").click()
    expect(page.get_by_role("main")).to_contain_text("Basic details of the visit saved.")
