"""Issue #7 in a browser: a practitioner adds a household member with parental responsibility (§5.1),
uploads an order and records it on the basic record (§1, §5.1), writes a case summary under the six
headings (§5.5) and sees it in the chronology (§5.3)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from records.documents.models import CourtOrder, Document
from tests.browser.conftest import sign_in
from tests.records.documents.document_builders import PDF_BYTES

pytestmark = pytest.mark.browser

SIX_HEADINGS = [
    "Pen picture of the child", "Reason for current involvement", "Overview of relevant history",
    "Purpose and focus of intervention", "Intended outcomes and plan", "Any other key information",
]


def fill_date(page: Page, group_name: str, day) -> None:
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def open_tab(page: Page, name: str) -> None:
    page.locator("a.moj-sub-navigation__link", has_text=name).click()


def test_practitioner_builds_the_whole_record(page, child, practitioner, policy_designs):
    last_month = timezone.localdate() - timedelta(days=30)
    sign_in(page, practitioner.username)
    page.goto(f"/children/{child.local_id}/")

    # §5.1: someone in the household, with parental responsibility (the family's own tab since issue 16).
    open_tab(page, "Family and legal status")
    page.get_by_role("link", name="Add someone to the household").click()
    page.get_by_label("Full name").fill("Grace Okoye")
    page.get_by_label("Relationship to the child").fill("Mother")
    fill_date(page, "Date they joined the household", last_month)
    page.get_by_role("group", name="Do they hold parental responsibility?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.display_name)
    expect(page.get_by_role("main")).to_contain_text("Grace Okoye")
    expect(page.get_by_role("row").filter(has_text="Grace Okoye")).to_contain_text("Parental responsibility")

    # §1, §5.1: upload the order, with a clear error first for a file that is not what it says.
    open_tab(page, "Documents")
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "order.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a PDF</html>"}])
    page.get_by_label("Title").fill("Interim care order")
    fill_date(page, "Date of the document", last_month)
    page.get_by_label("What kind of document is it?").select_option(label="Order made about the child")
    page.get_by_role("group", name="Does it belong to the child?").get_by_label("No").check()
    page.get_by_role("button", name="Upload the document").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The file's content is not a PDF")
    assert not Document.objects.exists()

    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "order.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.get_by_role("button", name="Upload the document").click()
    expect(page.get_by_role("main")).to_contain_text("Document uploaded.")
    expect(page.get_by_role("heading", name="Interim care order")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == "order.pdf"

    # ...and record the order on the basic record, pointing at the copy.
    open_tab(page, "Orders, education and health")
    page.get_by_role("link", name="Add an order").click()
    page.get_by_label("Type of order").select_option(label="Interim care order")
    page.get_by_label("Court").fill("Family Court at Luton")
    fill_date(page, "Date made", last_month)
    page.get_by_label("The copy on the record (optional)").select_option(index=1)
    page.get_by_role("button", name="Record the order").click()
    orders = page.locator("#court-orders")
    expect(orders).to_contain_text("Family Court at Luton")
    expect(orders.get_by_role("link", name="Interim care order")).to_be_visible()
    assert CourtOrder.objects.get().document == Document.objects.get()

    # §5.5: a case summary under exactly the six headings, significant for the chronology.
    open_tab(page, "Records")
    page.get_by_role("link", name="Write an assessment, summary or review").click()
    page.get_by_label("Case summary").check()
    page.get_by_role("button", name="Continue").click()
    for heading in SIX_HEADINGS:
        field = page.get_by_role("textbox", name=re.compile("^" + re.escape(heading)))  # "(optional)" may follow
        expect(field).to_be_visible()
        field.fill(f"{heading}: Amara is settled at home with her mother.")
    page.get_by_label("First-hand: I saw or heard it myself").check()
    page.get_by_label("This is a significant event for the chronology").check()
    page.get_by_role("button", name="Complete and sign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before signing")
    page.get_by_role("button", name="Sign the entry").click()
    expect(page.get_by_role("main")).to_contain_text("Entry completed and signed.")

    # §5.3: the chronology shows it.
    page.goto(f"/children/{child.local_id}/")
    open_tab(page, "Chronology")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Case summary")
    expect(timeline).to_contain_text("Pen picture of the child: Amara is settled at home")
