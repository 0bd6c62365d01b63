"""§5.2: a visit's write-up asks "Has anyone joined or left the household?"; yes prompts the practitioner
to update the household on the basic record (§5.1)."""

from django.urls import reverse

from records.models import Entry
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, by_class, parse
from tests.records.entries.test_recording_visits import (
    autosave_version, page_url, planned_visit, visit_with_basic_details, write_up_fields,
)

QUESTION = "Has anyone joined or left the household?"


def _banner(response):
    return [el.text() for el in by_class(response, "govuk-notification-banner") if "household" in el.text()]


def _prompt_links(response):
    return [el.attrs.get("href") for banner in by_class(response, "govuk-notification-banner")
            if banner.attrs.get("id") == "household-prompt" for el in banner.iter() if el.tag == "a"]


def _post(client, child, entry, action, **overrides):
    """Save the draft, or complete it: "Complete and sign", then "Sign the entry" on the check page (§9)."""
    fields = write_up_fields(entry, action=action, **overrides)
    response = client.post(page_url(child, "write_up", entry), fields, follow=True)
    if action == "complete" and response.request["PATH_INFO"] == page_url(child, "check_and_sign", entry):
        response = client.post(page_url(child, "check_and_sign", entry),
                               {"autosave_version": str(autosave_version(entry))}, follow=True)
    return response


def test_the_visit_write_up_asks_the_question(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    page = parse(client_for(practitioner).get(page_url(child, "write_up", entry)).content)
    assert QUESTION in [el.text() for el in page.iter() if el.tag == "legend"]
    radios = [el.attrs.get("value") for el in page.iter() if el.tag == "input" and el.attrs.get("name") == "household_changed"]
    assert radios == ["True", "False"]


def test_a_contact_does_not_ask_it(child, practitioner):
    from records.entries import services
    from django.utils import timezone

    contact = services.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=timezone.now(),
                                     others_present="Mother")
    body = client_for(practitioner).get(page_url(child, "write_up", contact)).content.decode()
    assert QUESTION not in body


def test_completing_without_an_answer_is_refused_with_a_clear_error(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    fields = write_up_fields(entry, action="complete")
    del fields["household_changed"]
    response = client_for(practitioner).post(page_url(child, "write_up", entry), fields)
    assert response.status_code == 200
    assert_form_error(response, "Select yes if anyone has joined or left the household")
    entry.refresh_from_db()
    assert entry.status != Entry.Status.COMPLETED and entry.household_changed is None


def test_a_draft_may_leave_it_unanswered(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    fields = write_up_fields(entry, action="save")
    del fields["household_changed"]
    response = client_for(practitioner).post(page_url(child, "write_up", entry), fields)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT and entry.household_changed is None


def test_yes_on_a_saved_draft_shows_the_prompt_on_the_write_up_page(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    response = _post(client_for(practitioner), child, entry, "save", household_changed="True")
    entry.refresh_from_db()
    assert entry.household_changed is True
    assert response.request["PATH_INFO"] == page_url(child, "write_up", entry)
    assert _banner(response)
    assert _prompt_links(response) == [reverse("casework:household_member_add", args=[child.local_id])]


def test_yes_on_completion_shows_the_prompt_on_the_entry_page(child, practitioner, colleague):
    entry = visit_with_basic_details(child, practitioner)
    response = _post(client_for(practitioner), child, entry, "complete", household_changed="True")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.COMPLETED and entry.household_changed is True
    assert response.request["PATH_INFO"] == page_url(child, "entry_detail", entry)
    assert "Update the household on the basic record" in _banner(response)[0]
    # The prompt stays on the entry, for anyone reading it.
    again = client_for(colleague).get(page_url(child, "entry_detail", entry))
    assert _banner(again)
    # ...and the link leads to the form that adds someone to the household.
    form = client_for(practitioner).get(reverse("casework:household_member_add", args=[child.local_id]))
    assert form.status_code == 200 and "Do they hold parental responsibility?" in form.content.decode()


def test_no_shows_no_prompt(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    response = _post(client_for(practitioner), child, entry, "complete", household_changed="False")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.COMPLETED and entry.household_changed is False
    assert not _banner(response)
    assert "Anyone joined or left the household" in response.content.decode()


def test_other_entries_keep_it_empty(child, practitioner):
    assert planned_visit(child, practitioner).household_changed is None
    assert autosave_version  # the shared builders are the ones the visit tests use
