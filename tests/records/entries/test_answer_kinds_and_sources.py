"""§12 on entries: answers shown under the headings of their kinds, and first-hand or third-party said
per section, with who supplied each third-party section; amendments keep the earlier values."""

import re

import pytest
from django.core.exceptions import ValidationError

from records.entries import services
from records.models import DraftAutosave, Entry, EntryAmendment, RecordKind
from tests.conftest import client_for
from tests.govuk_html import assert_form_error
from tests.records.conftest import new_version_in_use
from tests.records.entries.test_recording_visits import (
    VISIT_ANSWERS, an_hour_ago, complete_and_sign, completed_visit, page_url, row, visit_with_basic_details, write_up, write_up_fields,
)

TEACHER = "Ms Patel, class teacher, Oak Primary School"
FIRST_HAND = {"source": "first_hand", "supplied_by": ""}


def third_party(by=TEACHER) -> dict:
    return {"source": "third_party", "supplied_by": by}


def source_fields(**sections) -> dict:
    """The write-up's per-section source inputs: key=supplied_by (third party) for each section named."""
    fields = {}
    for key, supplied_by in sections.items():
        fields[f"source-of-{key}"] = "third_party"
        fields[f"supplied-by-{key}"] = supplied_by
    return fields


def page(response) -> str:
    return response.content.decode()


def section_html(html: str, label: str) -> str:
    """The summary list row of one section of the entry page."""
    start = html.index(f'<dt class="govuk-summary-list__key">{label}</dt>')
    return html[start:html.index("</div>", start)]


# --- Recording the source of each section ---------------------------------------------------------

def test_the_write_up_records_a_third_party_section_and_who_supplied_it(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = complete_and_sign(client_for(practitioner), child, entry, write_up_fields(
        entry, action="complete", **source_fields(discussion=TEACHER)))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == Entry.Status.COMPLETED
    assert entry.section_sources["discussion"] == third_party()
    assert entry.section_sources["child_views"] == FIRST_HAND  # first-hand unless said otherwise
    assert set(entry.section_sources) == set(VISIT_ANSWERS) | {"actions"}


def test_a_third_party_section_without_who_supplied_it_is_refused_on_the_page(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, action="complete", **source_fields(discussion="  ")))

    assert response.status_code == 200
    assert_form_error(response, "Enter who supplied the information in ‘A succinct narrative of the discussion’")
    assert row(entry) == before


def test_the_service_refuses_a_third_party_section_without_who_supplied_it_and_saves_nothing(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    before, version = row(entry), DraftAutosave.objects.get(entry=entry).version

    with pytest.raises(ValidationError, match="Enter who supplied the information in ‘The child's views’"):
        services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(
            section_sources={"discussion": third_party(), "child_views": {"source": "third_party", "supplied_by": ""}}))

    assert row(entry) == before
    assert DraftAutosave.objects.get(entry=entry).version == version


@pytest.mark.parametrize("sources, message", [
    ({"not_a_section": FIRST_HAND}, "only for the sections of this record"),
    ({"discussion": {"source": "rumour", "supplied_by": ""}}, "Select where the information"),
    ({"discussion": third_party("x" * 301)}, "300 characters or fewer"),
])
def test_the_service_refuses_sources_that_do_not_fit_the_entry(child, practitioner, sources, message):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match=message):
        services.save_draft(entry=entry, by=practitioner, expected_version=None, write_up=write_up(section_sources=sources))
    assert row(entry) == before


def test_a_first_hand_section_keeps_no_supplier(child, practitioner):
    entry = completed_visit(child, practitioner, section_sources={"discussion": {"source": "first_hand",
                                                                                "supplied_by": "Ignored"}})

    assert entry.section_sources == {"discussion": FIRST_HAND}


def test_the_write_up_page_asks_where_each_section_came_from(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    html = page(client_for(practitioner).get(page_url(child, "write_up", entry)))

    for key in VISIT_ANSWERS:
        assert f'name="source-of-{key}"' in html
        assert f'name="supplied-by-{key}"' in html
    assert "Where did the information in ‘The child&#x27;s views’ come from?" in html
    # the entry's own source keeps its words to itself, so that a label finds one control
    assert html.count("First-hand: I saw or heard it myself") == 1


def test_a_saved_draft_brings_back_each_sections_source(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    services.save_draft(entry=entry, by=practitioner, expected_version=None,
                        write_up=write_up(section_sources={"discussion": third_party()}))

    html = page(client_for(practitioner).get(page_url(child, "write_up", entry)))

    assert f'value="{TEACHER}"' in html
    inputs = re.findall(r"<input[^>]*>", html)
    third = next(tag for tag in inputs if 'name="source-of-discussion"' in tag and 'value="third_party"' in tag)
    first = next(tag for tag in inputs if 'name="source-of-child_views"' in tag and 'value="first_hand"' in tag)
    assert "checked" in third and "checked" in first


# --- Showing them --------------------------------------------------------------------------------

def test_the_entry_page_shows_answers_under_their_kinds_and_each_sections_source(child, practitioner):
    entry = completed_visit(child, practitioner, section_sources={"discussion": third_party()})

    html = page(client_for(practitioner).get(page_url(child, "entry_detail", entry)))

    facts, opinions = html.index(">Facts</h2>"), html.index(">Opinions</h2>")
    assert facts < html.index(VISIT_ANSWERS["child_views"]) < opinions < html.index(VISIT_ANSWERS["analysis"])
    assert f"From someone else: {TEACHER}" in section_html(html, "A succinct narrative of the discussion")
    assert "First-hand" in section_html(html, "The child&#x27;s views")
    assert "Analysis and professional opinion" not in html


def test_an_entry_written_before_sources_per_section_shows_the_entrys_own_source(child, practitioner):
    entry = completed_visit(child, practitioner, information_source="third_party", third_party_source="Grandmother",
                            originator_name="Grandmother", originator_agency="Family")
    assert entry.section_sources == {}  # written the old way: no per-section sources

    html = page(client_for(practitioner).get(page_url(child, "entry_detail", entry)))

    assert "From someone else: Grandmother" in section_html(html, "The child&#x27;s views")
    assert "Source of information" in html  # the entry-level source still shows


@pytest.fixture
def contacts_v2(db):
    """The new contact design, with its place for analysis, which the suite's senior leader approved (§2)."""
    return new_version_in_use(RecordKind.CONTACT_PHONE)


def test_a_contacts_reasons_and_decisions_are_not_shown_as_facts(child, practitioner, contacts_v2):
    entry = services.start_contact(child=child, by=practitioner, kind=RecordKind.CONTACT_PHONE,
                                   event_at=an_hour_ago(), others_present="Mother")
    assert entry.form_design == contacts_v2
    answers = {"people": "Mother", "discussion": "School attendance is better.",
               "analysis": "Mother is engaging well.", "actions_decisions": "Visit next week (Priya Shah).",
               "reasons": "To see the new routine."}
    services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(answers))

    html = page(client_for(practitioner).get(page_url(child, "entry_detail", entry)))

    headings = [html.index(f">{h}</h2>") for h in ("Facts", "Opinions", "Judgements", "Decisions")]
    assert headings == sorted(headings)
    facts_block = html[headings[0]:headings[1]]
    assert "School attendance is better." in facts_block
    assert "To see the new routine." not in facts_block and "Visit next week" not in facts_block
    assert headings[2] < html.index("To see the new routine.") < headings[3] < html.index("Visit next week")


# --- Amendments ------------------------------------------------------------------------------------

def test_an_amendment_keeps_the_earlier_sources_and_the_page_shows_them(child, practitioner):
    entry = completed_visit(child, practitioner, section_sources={"discussion": third_party()})

    response = client_for(practitioner).post(page_url(child, "amend", entry), {
        **VISIT_ANSWERS, "amendment_reason": "The head teacher told me this, not the class teacher",
        **source_fields(discussion="Mr Jones, head teacher, Oak Primary School"),
    })

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.section_sources["discussion"] == third_party("Mr Jones, head teacher, Oak Primary School")
    amendment = EntryAmendment.objects.get(entry=entry)
    assert amendment.previous_section_sources["discussion"] == third_party()
    html = page(client_for(practitioner).get(page_url(child, "entry_detail", entry)))
    earlier = html[html.index("The version before this amendment"):]
    assert f"From someone else: {TEACHER}" in earlier


def test_an_amendment_that_makes_a_section_third_party_without_a_supplier_is_refused(child, practitioner):
    entry = completed_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Enter who supplied"):
        services.amend_entry(entry=entry, by=practitioner, answers=entry.answers, reason="Source",
                             section_sources={"discussion": third_party("")})
    assert row(entry) == before
    assert not EntryAmendment.objects.filter(entry=entry).exists()


def test_changing_only_a_sections_source_is_an_amendment(child, practitioner):
    entry = completed_visit(child, practitioner)

    services.amend_entry(entry=entry, by=practitioner, answers=entry.answers, reason="It came from school",
                         section_sources={**entry.section_sources, "discussion": third_party()})

    entry.refresh_from_db()
    assert entry.section_sources["discussion"] == third_party()
    assert EntryAmendment.objects.get(entry=entry).previous_section_sources == {}
