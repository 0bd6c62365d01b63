"""Recording with fewer pages and nothing asked twice (issue 16): what is already known starts the write-up,
"Complete and sign" goes through a check-your-answers page (§9, §10, §11), and signing happens only there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from records.entries import services
from records.models import DraftAutosave, Entry, GlossaryTerm, PhraseToAvoid, RecordKind
from tests.conftest import client_for
from tests.govuk_html import by_class, error_summary, parse, texts
from tests.records.entries.test_recording_visits import (
    VISIT_ANSWERS, an_hour_ago, autosave_version, element_by_id, page_url, planned_visit, row,
    visit_with_basic_details, write_up_fields,
)
from tests.records.entries.test_entry_late import working_days_ago


def field_value(response, name: str) -> str:
    """The value a text box or text area of the page holds."""
    for element in parse(response.content).iter():
        if element.attrs.get("name") == name and element.tag in ("input", "textarea"):
            return element.attrs.get("value", "") if element.tag == "input" else element.text()
    raise AssertionError(f"no field {name}")


def post_complete(client, child, entry, **overrides):
    return client.post(page_url(child, "write_up", entry), write_up_fields(entry, action="complete", **overrides))


# --- Nothing asked twice -----------------------------------------------------------------------------

def test_a_visit_write_up_starts_from_the_purpose_given_when_it_was_planned(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)  # planned "See Amara at home"

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    assert field_value(response, "purpose") == "See Amara at home"


def test_a_contact_write_up_starts_from_who_was_present_on_its_first_page(child, practitioner):
    entry = services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_PHONE,
                                   event_at=an_hour_ago(), others_present="Grace Okoye, mother")

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    assert field_value(response, "people") == "Grace Okoye, mother"


def test_a_case_summary_starts_from_the_reason_for_the_referral(child, practitioner):
    entry = services.start_summary(child=child, by=practitioner, kind=RecordKind.CASE_SUMMARY, event_at=an_hour_ago())

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    assert field_value(response, "reason_for_involvement") == "School concerned about attendance."


def test_the_practitioner_can_change_what_was_known_and_their_words_are_kept(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)

    client.post(page_url(child, "write_up", entry), write_up_fields(
        entry, {**VISIT_ANSWERS, "purpose": "Check the safety plan"}, action="save"))

    assert Entry.objects.get(pk=entry.pk).answers["purpose"] == "Check the safety plan"
    assert field_value(client.get(page_url(child, "write_up", entry)), "purpose") == "Check the safety plan"


# --- The check-your-answers page ---------------------------------------------------------------------

def test_complete_and_sign_saves_the_draft_and_opens_the_check_page_without_signing(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = post_complete(client_for(practitioner), child, entry)

    assert response.status_code == 302 and response.url == page_url(child, "check_and_sign", entry)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT and entry.answers == VISIT_ANSWERS
    assert (entry.completed_at, entry.signed_name) == (None, "")


def test_the_check_page_shows_every_answer_says_signing_is_final_and_gives_the_advice(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    post_complete(client, child, entry, discussion="Mother was non-compliant at the LAC review.")

    response = client.get(page_url(child, "check_and_sign", entry))

    assert response.status_code == 200
    values = texts(response, "govuk-summary-list__value")
    for answer in {**VISIT_ANSWERS, "discussion": "Mother was non-compliant at the LAC review."}.values():
        assert any(answer in value for value in values), answer
    assert element_by_id(response, "signing-is-final").text().startswith("Signing is final.")
    advice = " ".join(texts(response, "cw-guidance"))
    assert "LAC means “looked after child”" in advice and "“non-compliant”" in advice
    assert not by_class(response, "govuk-warning-text")  # not late: no warning
    assert "Sign the entry" in [button.text() for button in parse(response.content).iter() if button.tag == "button"]
    changes = [a.attrs["href"] for a in parse(response.content).iter() if a.tag == "a" and a.text().startswith("Change")]
    assert page_url(child, "write_up", entry) + "#id_child_views" in changes


def test_the_check_page_warns_when_signing_will_mark_a_late_entry(child, practitioner):
    entry = visit_with_basic_details(child, practitioner, event_at=working_days_ago(3))
    client = client_for(practitioner)
    post_complete(client, child, entry)

    response = client.get(page_url(child, "check_and_sign", entry))

    warning = " ".join(texts(response, "govuk-warning-text__text"))
    entry.refresh_from_db()
    assert f"This entry was due by the end of {entry.due_date:%-d %B %Y}" in warning
    assert "it will be marked “Late entry”" in warning


def test_signing_from_the_check_page_completes_the_entry_with_the_late_mark_it_warned_of(child, practitioner):
    entry = visit_with_basic_details(child, practitioner, event_at=working_days_ago(3))
    client = client_for(practitioner)
    post_complete(client, child, entry)

    response = client.post(page_url(child, "check_and_sign", entry), {"autosave_version": autosave_version(entry)})

    assert response.status_code == 302 and response.url == page_url(child, "entry_detail", entry)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.COMPLETED and entry.completed_by == practitioner
    assert entry.answers == VISIT_ANSWERS and entry.is_late_entry is True


def test_going_back_to_change_keeps_every_typed_answer(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    post_complete(client, child, entry, interpreter_used="not_needed", significant="on")

    back = client.get(page_url(child, "write_up", entry))

    for key, answer in VISIT_ANSWERS.items():
        assert field_value(back, key) == answer
    checked = [(el.attrs["name"], el.attrs.get("value")) for el in parse(back.content).iter()
               if el.tag == "input" and "checked" in el.attrs]
    assert ("interpreter_used", "not_needed") in checked and ("household_changed", "False") in checked
    assert "significant" in [name for name, _ in checked]


def test_the_check_page_does_not_sign_a_draft_changed_since_it_was_shown(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    post_complete(client, child, entry)
    shown_version = autosave_version(entry)
    services.autosave(entry=entry, by=practitioner, data={"discussion": "Typed in another tab"},
                      expected_version=shown_version)

    response = client.post(page_url(child, "check_and_sign", entry), {"autosave_version": shown_version}, follow=True)

    assert Entry.objects.get(pk=entry.pk).status == Entry.Status.DRAFT
    assert any("This draft was changed in another tab or window" in text
               for text in texts(response, "govuk-error-summary__body"))


def test_the_check_page_of_an_unfinished_draft_says_what_is_missing_and_offers_no_signature(child, practitioner):
    entry = planned_visit(child, practitioner)
    client = client_for(practitioner)
    before = row(entry)

    page = client.get(page_url(child, "check_and_sign", entry))
    signed = client.post(page_url(child, "check_and_sign", entry), {"autosave_version": autosave_version(entry)})

    assert "Record the basic details of the visit before completing it." in error_summary(page)
    assert "Sign the entry" not in page.content.decode()
    assert signed.status_code == 302
    assert row(entry) == before


def test_the_write_up_page_itself_never_signs(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    post_complete(client_for(practitioner), child, entry)
    post_complete(client_for(practitioner), child, entry)

    assert Entry.objects.get(pk=entry.pk).status == Entry.Status.DRAFT


@pytest.mark.parametrize("who", ["colleague", "other_practitioner", "manager"])
def test_only_the_author_reaches_the_check_page(child, practitioner, colleague, other_practitioner, manager, who):
    entry = visit_with_basic_details(child, practitioner)
    post_complete(client_for(practitioner), child, entry)
    before = row(entry)
    client = client_for({"colleague": colleague, "other_practitioner": other_practitioner, "manager": manager}[who])

    assert client.get(page_url(child, "check_and_sign", entry)).status_code == 404
    assert client.post(page_url(child, "check_and_sign", entry),
                       {"autosave_version": autosave_version(entry)}).status_code == 404
    assert row(entry) == before


def add_glossary(count: int) -> None:
    for n in range(count):
        GlossaryTerm.objects.create(acronym=f"QZ{n}", meaning=f"test meaning {n}")
        PhraseToAvoid.objects.create(phrase=f"zzword{n}", suggestion="Say what happened.")


@pytest.mark.parametrize("extra", [0, 12])
def test_the_check_page_takes_the_same_few_queries_however_long_the_glossary(
        child, practitioner, django_assert_max_num_queries, extra):
    add_glossary(extra)
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    post_complete(client, child, entry)

    with django_assert_max_num_queries(22 + 3):  # + the banner's statutory visit clock (issue 16)
        assert client.get(page_url(child, "check_and_sign", entry)).status_code == 200


# --- The plain English advice as it is typed (§11) ---------------------------------------------------

def advice(client, child, entry, **answers):
    return client.post(page_url(child, "plain_english", entry), answers)


def test_the_advice_endpoint_explains_each_acronym_and_asks_for_an_unknown_one(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = advice(client_for(practitioner), child, entry, discussion="Talked about the LAC review and the XQJ.")

    assert response.status_code == 200
    items = [li.text() for li in parse(response.json()["guidance_html"]).iter() if li.tag == "li"]
    assert "LAC means “looked after child”. Write it out in full the first time, for example: " \
           "looked after child (LAC)." in items
    assert "XQJ : there is no meaning for it in the glossary. Spell out what it stands for the first time you use it." \
           in items


def test_the_advice_endpoint_saves_nothing(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    before, draft = row(entry), DraftAutosave.objects.filter(entry=entry).values().get()

    advice(client_for(practitioner), child, entry, discussion="Mother was non-compliant.")

    assert row(entry) == before
    assert DraftAutosave.objects.filter(entry=entry).values().get() == draft


@pytest.mark.parametrize("who", ["colleague", "other_practitioner", "edt"])
def test_the_advice_endpoint_is_404_for_anyone_but_the_author(child, practitioner, colleague, other_practitioner, edt, who):
    entry = visit_with_basic_details(child, practitioner)
    client = client_for({"colleague": colleague, "other_practitioner": other_practitioner, "edt": edt}[who])

    assert advice(client, child, entry, discussion="LAC").status_code == 404


def test_the_advice_endpoint_refuses_a_get(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    assert client_for(practitioner).get(page_url(child, "plain_english", entry)).status_code == 405


@pytest.mark.parametrize("extra", [0, 12])
def test_the_advice_endpoint_takes_the_same_few_queries_however_long_the_glossary(
        child, practitioner, django_assert_max_num_queries, extra):
    add_glossary(extra)
    entry = visit_with_basic_details(child, practitioner)
    client = client_for(practitioner)
    text = " ".join(f"QZ{n} zzword{n}" for n in range(extra)) + " The LAC review."

    with django_assert_max_num_queries(12):
        response = advice(client, child, entry, discussion=text)
    assert response.status_code == 200


def test_the_write_up_form_carries_the_advice_address_for_its_script(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    forms = [el for el in parse(response.content).iter() if el.tag == "form" and "data-advice-url" in el.attrs]
    assert [form.attrs["data-advice-url"] for form in forms] == [page_url(child, "plain_english", entry)]


def test_a_draft_saved_earlier_can_be_checked_directly(child, practitioner):
    """The check page reads the stored draft: one finished and saved with "Save draft" is ready to sign."""
    entry = visit_with_basic_details(child, practitioner, event_at=timezone.now() - timedelta(hours=3))
    client = client_for(practitioner)
    client.post(page_url(child, "write_up", entry), write_up_fields(entry, action="save"))

    response = client.get(page_url(child, "check_and_sign", entry))

    assert response.status_code == 200 and not error_summary(response)
