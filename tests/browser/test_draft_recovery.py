"""Typed work is never lost (§12): autosave, the automatic sign-out, and two tabs on one draft."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from records.entries import services
from records.models import DraftAutosave
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

DISCUSSION = "A succinct narrative of the discussion"


@pytest.fixture(autouse=True)
def _autosave_every_second(settings):
    settings.AUTOSAVE_SECONDS = 1


@pytest.fixture
def visit_draft(child, practitioner, visit_design):
    """Yesterday's visit with its basic details recorded: the write-up is next."""
    visit_at = timezone.now() - timedelta(days=1)
    entry = services.plan_visit(child=child, by=practitioner, event_at=visit_at, purpose="Home visit")
    return services.record_basic_details(
        entry=entry, by=practitioner, event_at=visit_at, who_was_seen="Amara and her mother", child_seen=True,
        reason_child_not_seen="", child_seen_alone=True, venue="The family home", others_present="",
    )


def write_up_url(entry) -> str:
    return reverse("records:write_up", args=[entry.child.local_id, entry.pk])


def open_write_up(page: Page, entry) -> None:
    page.goto(write_up_url(entry))
    expect(page.locator("#autosave-status")).to_contain_text("Your draft is saved automatically every 1 second")


def test_text_typed_before_the_automatic_sign_out_comes_back_after_signing_in(page, practitioner, visit_draft):
    sign_in(page, practitioner.username)
    open_write_up(page, visit_draft)

    page.get_by_label(DISCUSSION, exact=True).fill("Grace said Amara has been sleeping better since the move.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved at")

    Session.objects.all().delete()  # the automatic sign-out
    page.get_by_label(DISCUSSION, exact=True).press_sequentially(" Amara showed me her room.")
    expect(page.locator("#autosave-status")).to_contain_text("Your draft could not be saved: you may have been signed out.")

    page.reload()
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    page.locator("#id_username").fill(practitioner.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(re.escape(write_up_url(visit_draft)) + "$"))
    expect(page.get_by_role("region", name="Important")).to_contain_text("We brought back what you typed")
    # What reached the server before the sign-out; the words typed after it could not be sent.
    expect(page.get_by_label(DISCUSSION, exact=True)).to_have_value(
        "Grace said Amara has been sleeping better since the move."
    )


def test_second_tab_is_told_the_draft_changed_and_the_first_tabs_text_is_kept(page, practitioner, visit_draft):
    sign_in(page, practitioner.username)
    tab_a, tab_b = page, page.context.new_page()
    open_write_up(tab_a, visit_draft)
    open_write_up(tab_b, visit_draft)

    tab_a.get_by_label(DISCUSSION, exact=True).fill("Typed in tab A.")
    expect(tab_a.locator("#autosave-status")).to_contain_text("Draft saved at")

    tab_b.get_by_label(DISCUSSION, exact=True).fill("Typed in tab B.")
    conflict = tab_b.locator("#autosave-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("This draft was changed somewhere else")
    expect(conflict).to_contain_text("This draft was changed in another tab or window at")
    expect(tab_b.get_by_label(DISCUSSION, exact=True)).to_have_value("Typed in tab B.")  # nothing lost on screen
    expect(tab_a.locator("#autosave-conflict")).to_be_hidden()

    assert DraftAutosave.objects.get(entry=visit_draft).data["discussion"] == "Typed in tab A."
    tab_b.reload()
    expect(tab_b.get_by_label(DISCUSSION, exact=True)).to_have_value("Typed in tab A.")
