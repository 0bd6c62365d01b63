"""The POST-only recording views and the closed-case permission, with their rules (the permission matrix
in tests/access leaves these three here): writing on a closed case, endorsement (§4), autosave."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone

from casework.models import Case
from casework.children.services import close_case
from records.entries import services
from records.models import ClosedCaseRecordingPermission, DraftAutosave, Entry, RecordKind
from tests.conftest import client_for, complete_closing_summary
from tests.govuk_html import assert_form_error, error_summary, parse, texts
from tests.records.entries.test_recording_visits import (
    an_hour_ago, autosave_version, completed_visit, date_fields, page_url, row, visit_with_basic_details, when_fields,
    write_up, write_up_fields,
)

CLOSED = "This case is closed. Ask a team manager for permission to write on a closed case."
CONFLICT = "changed in another tab or window"
ENDORSE_BUTTON = "I have read this entry and endorse it"


def allow_url(child) -> str:
    return reverse("records:allow_closed_case_recording", args=[child.local_id, child.cases.get().pk])


def close(child, manager) -> Case:
    complete_closing_summary(child.cases.get(), manager)
    return close_case(case=child.cases.get(), closure_date=timezone.localdate(),
                      closure_reason="RC7", closure_notes="", by=manager)


def buttons(response) -> list[str]:
    return [el.text() for el in parse(response.content).iter() if el.tag == "button"]


def banners(response) -> list[str]:
    return texts(response, "govuk-notification-banner__heading")


def error_messages(response) -> list[str]:
    """Refusals after a redirect are shown in an error summary, not in the green success banner."""
    return texts(response, "govuk-error-summary__body")


def autosave_row(entry) -> dict:
    return DraftAutosave.objects.filter(entry=entry).values("data", "version", "saved_at").get()


# --- Writing on a closed case ---------------------------------------------------------------------

@pytest.fixture
def draft_on_closed_case(child, practitioner, manager):
    entry = visit_with_basic_details(child, practitioner)
    close(child, manager)
    return entry


def test_write_up_on_a_closed_case_is_refused(child, practitioner, draft_on_closed_case):
    entry = draft_on_closed_case
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(entry, action="save"))

    assert response.status_code == 200
    assert CLOSED in error_summary(response)
    assert row(entry) == before


def test_new_contact_on_a_closed_case_is_refused(child, practitioner, manager):
    close(child, manager)

    response = client_for(practitioner).post(page_url(child, "contact_new"), {
        **when_fields(an_hour_ago()), "kind": RecordKind.CONTACT_PHONE, "others_present": "Mother",
    })

    assert response.status_code == 200
    assert error_summary(response) == [
        "This child's case is closed. Ask a team manager for permission to write on a closed case."]
    assert not Entry.objects.exclude(kind=RecordKind.CLOSING_SUMMARY).exists()  # only the summary that closed it


def test_manager_gives_permission_to_write_on_a_closed_case(child, manager, draft_on_closed_case):
    today = timezone.localdate()

    response = client_for(manager).post(allow_url(child), {"reason": "Closing summary still to write",
                                                           **date_fields("until", today)})

    assert response.status_code == 302
    assert response.url == reverse("casework:child_record", args=[child.local_id])
    permission = ClosedCaseRecordingPermission.objects.get()
    assert (permission.case, permission.granted_by, permission.until) == (child.cases.get(), manager, today)
    assert permission.reason == "Closing summary still to write"


def test_write_up_on_a_closed_case_is_saved_with_a_managers_permission(child, practitioner, manager,
                                                                         draft_on_closed_case):
    entry = draft_on_closed_case
    services.allow_recording_on_closed_case(case=child.cases.get(), by=manager, reason="Late write-up",
                                            until=timezone.localdate())

    response = client_for(practitioner).post(page_url(child, "write_up", entry),
                                             write_up_fields(entry, {"purpose": "Review"}, action="save"))

    assert response.status_code == 302
    assert Entry.objects.get(pk=entry.pk).answers == {"purpose": "Review"}


def test_permission_ends_after_its_last_day(child, practitioner, manager, draft_on_closed_case):
    entry = draft_on_closed_case
    ClosedCaseRecordingPermission.objects.create(case=child.cases.get(), granted_by=manager, reason="Last week",
                                                 until=timezone.localdate() - timedelta(days=1))
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(entry, action="save"))

    assert CLOSED in error_summary(response)
    assert row(entry) == before


@pytest.mark.parametrize("role", ["practitioner", "colleague"])
def test_only_a_manager_can_give_permission(request, child, manager, role):
    close(child, manager)
    client = client_for(request.getfixturevalue(role))

    assert client.get(allow_url(child)).status_code == 404
    response = client.post(allow_url(child), {"reason": "Please", **date_fields("until", timezone.localdate())})

    assert response.status_code == 404
    assert not ClosedCaseRecordingPermission.objects.exists()


def test_permission_until_a_past_date_is_refused(child, manager):
    close(child, manager)

    response = client_for(manager).post(allow_url(child), {
        "reason": "Closing summary", **date_fields("until", timezone.localdate() - timedelta(days=1))})

    assert response.status_code == 200
    assert_form_error(response, "The last day must be today or later")
    assert not ClosedCaseRecordingPermission.objects.exists()


def test_permission_needs_a_reason(child, manager):
    close(child, manager)

    response = client_for(manager).post(allow_url(child), {"reason": " ", **date_fields("until", timezone.localdate())})

    assert_form_error(response, "Enter the reason")
    assert not ClosedCaseRecordingPermission.objects.exists()


def test_no_permission_is_needed_on_an_open_case(child, manager):
    assert client_for(manager).get(allow_url(child)).status_code == 404
    with pytest.raises(ValidationError, match="This case is open"):
        services.allow_recording_on_closed_case(case=child.cases.get(), by=manager, reason="x",
                                                until=timezone.localdate())


# --- Endorsement by the originator (§4) --------------------------------------------------------------

@pytest.fixture
def supplied_by_colleague(child, practitioner, colleague):
    """A completed visit whose information the colleague supplied."""
    return completed_visit(child, practitioner, originator=colleague)


def test_originator_is_offered_to_endorse_the_completed_entry(child, colleague, supplied_by_colleague):
    response = client_for(colleague).get(page_url(child, "entry_detail", supplied_by_colleague))

    assert ENDORSE_BUTTON in buttons(response)
    assert any(value.endswith("asked to endorse") for value in texts(response, "govuk-summary-list__value"))


@pytest.mark.parametrize("role", ["practitioner", "manager"])
def test_nobody_else_is_offered_to_endorse(request, child, supplied_by_colleague, role):
    response = client_for(request.getfixturevalue(role)).get(page_url(child, "entry_detail", supplied_by_colleague))

    assert response.status_code == 200
    assert ENDORSE_BUTTON not in buttons(response)


def test_originator_endorses_and_the_entry_page_says_so(child, colleague, supplied_by_colleague):
    entry = supplied_by_colleague
    client = client_for(colleague)

    response = client.post(page_url(child, "endorse", entry))

    assert response.status_code == 302
    assert response.url == page_url(child, "entry_detail", entry)
    entry.refresh_from_db()
    assert entry.endorsed_at is not None
    page = client.get(response.url)
    endorsed = "endorsed " + dateformat.format(timezone.localtime(entry.endorsed_at), "j F Y, H:i")
    assert any(value.endswith(endorsed) for value in texts(page, "govuk-summary-list__value"))
    assert ENDORSE_BUTTON not in buttons(page)


@pytest.mark.parametrize("role", ["practitioner", "manager", "other_practitioner"])
def test_only_the_originator_can_endorse(request, child, supplied_by_colleague, role):
    response = client_for(request.getfixturevalue(role)).post(page_url(child, "endorse", supplied_by_colleague))

    assert response.status_code == 404
    assert Entry.objects.get(pk=supplied_by_colleague.pk).endorsed_at is None


def test_endorsing_twice_is_refused(child, colleague, supplied_by_colleague):
    entry = supplied_by_colleague
    client = client_for(colleague)
    client.post(page_url(child, "endorse", entry))
    first = Entry.objects.get(pk=entry.pk).endorsed_at

    response = client.post(page_url(child, "endorse", entry), follow=True)

    assert "You have already endorsed this entry." in error_messages(response)
    assert Entry.objects.get(pk=entry.pk).endorsed_at == first
    with pytest.raises(ValidationError, match="already endorsed"):
        services.endorse_entry(entry=entry, by=colleague)


def test_a_draft_cannot_be_endorsed(child, practitioner, colleague):
    entry = visit_with_basic_details(child, practitioner)
    services.save_draft(entry=entry, by=practitioner, write_up=write_up({}, originator=colleague), expected_version=None)

    response = client_for(colleague).post(page_url(child, "endorse", entry), follow=True)

    assert "An entry is endorsed once it is completed." in error_messages(response)
    assert Entry.objects.get(pk=entry.pk).endorsed_at is None


# --- Autosave ------------------------------------------------------------------------------------

@pytest.fixture
def draft(child, practitioner):
    return visit_with_basic_details(child, practitioner)


def typed(entry, version=None, **answers) -> dict:
    return {"autosave_version": str(autosave_version(entry) if version is None else version),
            "information_source": "first_hand", **answers}


def test_autosave_keeps_what_is_typed_and_returns_the_new_version(child, practitioner, draft):
    before = row(draft)

    response = client_for(practitioner).post(page_url(child, "autosave", draft),
                                             typed(draft, discussion="Amara showed me her room."))

    assert response.status_code == 200
    assert response.json()["version"] == 1
    saved = DraftAutosave.objects.get(entry=draft)
    assert (saved.version, saved.data["discussion"]) == (1, "Amara showed me her room.")
    assert row(draft) == before, "autosave never touches the entry itself"


def test_autosave_returns_plain_english_guidance_for_the_typed_text(child, practitioner, draft):
    response = client_for(practitioner).post(page_url(child, "autosave", draft),
                                             typed(draft, discussion="We talked about the CIN plan."))

    guidance = parse(response.json()["guidance_html"])
    items = [li.text() for li in guidance.iter() if li.tag == "li"]
    assert "CIN means “child in need”. Write it out in full the first time, for example: child in need (CIN)." in items


def test_stale_autosave_is_refused_and_changes_nothing(child, practitioner, draft):
    client = client_for(practitioner)
    client.post(page_url(child, "autosave", draft), typed(draft, version=0, discussion="From the first tab"))
    before = autosave_row(draft)

    response = client.post(page_url(child, "autosave", draft), typed(draft, version=0, discussion="From the second tab"))

    assert response.status_code == 409
    assert CONFLICT in response.json()["message"]
    assert autosave_row(draft) == before
    assert before["data"]["discussion"] == "From the first tab"


def test_saving_the_write_up_with_a_stale_version_shows_the_conflict_and_saves_nothing(child, practitioner, draft):
    client = client_for(practitioner)
    client.post(page_url(child, "autosave", draft), typed(draft, version=0, discussion="From another tab"))
    entry_before, autosave_before = row(draft), autosave_row(draft)

    response = client.post(page_url(child, "write_up", draft),
                           {**write_up_fields(draft, {"discussion": "From this tab"}, action="save"), "autosave_version": "0"})

    assert response.status_code == 200
    assert any(CONFLICT in message for message in error_summary(response))
    assert row(draft) == entry_before
    assert autosave_row(draft) == autosave_before


def test_write_up_page_brings_back_autosaved_text(child, practitioner, draft):
    client = client_for(practitioner)
    client.post(page_url(child, "autosave", draft), typed(draft, discussion="Typed before the laptop died"))

    response = client.get(page_url(child, "write_up", draft))

    textarea = next(el for el in parse(response.content).iter() if el.tag == "textarea" and el.attrs["name"] == "discussion")
    assert textarea.text() == "Typed before the laptop died"
    assert any(banner.startswith("We brought back what you typed") for banner in banners(response))
    version = next(el for el in parse(response.content).iter() if el.attrs.get("name") == "autosave_version")
    assert version.attrs["value"] == "1"


def test_saving_the_draft_clears_the_autosaved_copy(child, practitioner, draft):
    client = client_for(practitioner)
    client.post(page_url(child, "autosave", draft), typed(draft, discussion="Typed"))

    client.post(page_url(child, "write_up", draft), write_up_fields(draft, {"discussion": "Typed"}, action="save"))

    assert DraftAutosave.objects.get(entry=draft).data == {}
    response = client.get(page_url(child, "write_up", draft))
    assert not any(banner.startswith("We brought back") for banner in banners(response))


def test_autosave_only_accepts_post(child, practitioner, draft):
    response = client_for(practitioner).get(page_url(child, "autosave", draft))

    assert response.status_code == 405


@pytest.mark.parametrize("role", ["colleague", "manager", "other_practitioner"])
def test_nobody_else_can_autosave_someone_elses_draft(request, child, draft, role):
    """The colleague and the manager can see the child; the other practitioner cannot."""
    before = autosave_row(draft)

    response = client_for(request.getfixturevalue(role)).post(page_url(child, "autosave", draft),
                                                              typed(draft, discussion="Not mine"))

    assert response.status_code in (400, 404)
    assert autosave_row(draft) == before


def test_anonymous_autosave_is_sent_to_sign_in_and_stores_nothing(child, draft):
    before = autosave_row(draft)

    response = Client().post(page_url(child, "autosave", draft), typed(draft, discussion="Anonymous"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("access:sign_in"))
    assert autosave_row(draft) == before


def test_completed_entry_cannot_be_autosaved(child, practitioner):
    entry = completed_visit(child, practitioner)
    before = autosave_row(entry)

    response = client_for(practitioner).post(page_url(child, "autosave", entry), typed(entry, discussion="Late change"))

    assert response.status_code == 400
    assert autosave_row(entry) == before


def test_autosave_service_refuses_a_stale_version(practitioner, draft):
    services.autosave(entry=draft, by=practitioner, data={"discussion": "First"}, expected_version=0)

    with pytest.raises(services.DraftConflict, match=CONFLICT):
        services.autosave(entry=draft, by=practitioner, data={"discussion": "Second"}, expected_version=0)
    assert DraftAutosave.objects.get(entry=draft).data == {"discussion": "First"}


def test_a_mangled_draft_version_is_a_conflict_not_a_crash(child, practitioner):
    from datetime import timedelta

    from django.utils import timezone

    from records.entries import services
    from tests.conftest import client_for

    contact = services.start_contact(child=child, by=practitioner, kind="contact_phone",
                                     event_at=timezone.now() - timedelta(hours=1), others_present="Mother")
    url = f"/children/{child.local_id}/entries/{contact.pk}/write-up/"
    response = client_for(practitioner).post(url, {"autosave_version": "not-a-number", "action": "save",
                                                   "information_source": "first_hand"})
    assert response.status_code == 200
    assert "changed in another tab or window" in response.content.decode()
