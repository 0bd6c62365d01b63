"""§14 automatic log-out in a real browser: the warning comes first (WCAG 2.2.1), "Stay signed in"
keeps the session, and when the time runs out the draft is saved, the person is signed out to the
sign-in page that says why, and signing in again brings back what they typed. Without JavaScript
the server still signs out."""

import re
import time
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from records.entries import services
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

DISCUSSION = "A succinct narrative of the discussion"
TYPED = "Grace said Amara has been sleeping better since the move."


@pytest.fixture
def visit_draft(child, practitioner, visit_design):
    """Yesterday's visit with its basic details recorded: the write-up is next."""
    visit_at = timezone.now() - timedelta(days=1)
    entry = services.plan_visit(child=child, by=practitioner, event_at=visit_at, purpose="Home visit")
    return services.record_basic_details(
        entry=entry, by=practitioner, event_at=visit_at, who_was_seen="Amara and her mother", child_seen=True,
        reason_child_not_seen="", child_seen_alone=True, venue="The family home", others_present="",
    )


def signed_out_message(seconds: int) -> str:
    return (f"You were signed out because you were inactive for {seconds} seconds. "
            "Anything saved automatically is kept.")


def test_warning_comes_first_and_stay_signed_in_keeps_the_session(page: Page, practitioner, settings):
    settings.INACTIVITY_TIMEOUT_SECONDS = 8
    settings.INACTIVITY_WARNING_SECONDS = 5
    sign_in(page, practitioner.username)
    first_session_ends = time.monotonic() + 8

    warning = page.get_by_role("dialog", name="You will be signed out in 5 seconds")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Anything saved automatically is kept.")
    expect(warning.get_by_role("button", name="Stay signed in")).to_be_focused()
    blocking = [v for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not blocking, blocking

    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()

    # Past the time the first session would have ended, the server still knows us.
    page.wait_for_timeout(1000 * (first_session_ends - time.monotonic()) + 500)
    status = page.request.get(reverse("access:session"), max_redirects=0)
    assert status.status == 200 and status.json()["seconds_left"] > 0


def test_running_out_saves_the_draft_signs_out_and_the_draft_comes_back(page: Page, practitioner, visit_draft,
                                                                        settings):
    settings.INACTIVITY_TIMEOUT_SECONDS = 6
    settings.INACTIVITY_WARNING_SECONDS = 3
    settings.AUTOSAVE_SECONDS = 60  # so that only the save before the sign-out can keep the text
    write_up = reverse("records:write_up", args=[visit_draft.child.local_id, visit_draft.pk])
    sign_in(page, practitioner.username)
    page.goto(write_up)
    page.get_by_label(DISCUSSION, exact=True).fill(TYPED)

    expect(page.get_by_role("dialog", name="You will be signed out in 3 seconds")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=" + re.escape(write_up) + "$"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(signed_out_message(6))

    page.locator("#id_username").fill(practitioner.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(write_up) + "$"))
    expect(page.get_by_role("region", name="Important")).to_contain_text("We brought back what you typed")
    expect(page.get_by_label(DISCUSSION, exact=True)).to_have_value(TYPED)


def test_without_javascript_the_server_still_signs_out(browser, live_server, practitioner, settings):
    settings.INACTIVITY_TIMEOUT_SECONDS = 3
    settings.INACTIVITY_WARNING_SECONDS = 1
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, practitioner.username)
        page.goto("/children/search/")
        expect(page.get_by_role("dialog")).to_have_count(0)  # a closed <dialog> is not shown
        page.wait_for_timeout(3500)
        page.reload()
        expect(page).to_have_url(re.compile(r"/sign-in/\?next=/children/search/$"))
        expect(page.locator(".govuk-notification-banner__heading")).to_have_text(signed_out_message(3))
    finally:
        context.close()
