"""A design becomes a GOV.UK form, with specific messages; answers read back in the design's words."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from crispy_forms.utils import render_crispy_form

from records.designs import services as designs
from records.models import RecordKind
from records.designs.rendering import answers_for_display, build_answer_form
from tests.factories import DraftEntryFactory
from tests.records.conftest import add_question


@pytest.fixture
def mixed_design(visit_v1, admin_user):
    """A draft with one question of each type."""
    draft = designs.create_draft(kind=RecordKind.VISIT, by=admin_user, title="Every type")
    add_question(draft, "summary", "Summary of the visit", answer_type="short_text", help_text="One line")
    add_question(draft, "narrative", "The discussion", answer_type="long_text")
    add_question(draft, "meeting_date", "Date of the next meeting", answer_type="date")
    add_question(draft, "engaged", "Did the family engage?", answer_type="yes_no")
    add_question(draft, "venue", "Where did the visit take place?", answer_type="choice", options=["Home", "School"])
    add_question(draft, "notes", "Other notes", answer_type="long_text", required=False)
    return draft


def test_form_has_one_field_per_question_in_order(mixed_design):
    form = build_answer_form(mixed_design)

    answers = [name for name in form.fields if not name.startswith(("source-of-", "supplied-by-"))]
    assert answers == ["summary", "narrative", "meeting_date", "engaged", "venue", "notes"]
    # §12: and, for each, where its information came from
    assert [name for name in form.fields if name.startswith("source-of-")] == [f"source-of-{key}" for key in answers]


def test_form_renders_govuk_components(mixed_design):
    html = render_crispy_form(build_answer_form(mixed_design))

    assert 'class="govuk-input' in html
    assert 'class="govuk-textarea' in html
    assert "govuk-date-input" in html
    assert html.count('class="govuk-radios"') == 2
    assert 'value="School"' in html
    assert "One line" in html  # help text as a GOV.UK hint
    assert "govuk-hint" in html
    assert "Other notes (optional)" in html


def test_required_questions_give_specific_messages(mixed_design):
    form = build_answer_form(mixed_design, data={})

    assert not form.is_valid()
    assert form.errors["summary"] == ["Enter summary of the visit"]
    assert form.errors["narrative"] == ["Enter the discussion"]
    assert form.errors["meeting_date"] == ["Enter the date of the next meeting as a day, month and year"]
    assert form.errors["engaged"] == ["Select an answer to ‘Did the family engage?’"]
    assert form.errors["venue"] == ["Select an answer to ‘Where did the visit take place?’"]
    assert "notes" not in form.errors


def test_errors_render_as_govuk_error_messages(mixed_design):
    form = build_answer_form(mixed_design, data={})
    form.is_valid()

    html = render_crispy_form(form)
    assert "govuk-error-message" in html
    assert "Enter summary of the visit" in html


def test_answers_are_stored_ready_for_json(mixed_design):
    form = build_answer_form(mixed_design, data={
        "summary": "  Home visit  ", "narrative": "We talked about school.",
        "meeting_date_0": "14", "meeting_date_1": "4", "meeting_date_2": "2026",
        "engaged": "True", "venue": "Home", "notes": "",
    })

    assert form.is_valid(), form.errors
    assert form.answers() == {
        "summary": "Home visit", "narrative": "We talked about school.", "meeting_date": "2026-04-14",
        "engaged": True, "venue": "Home",
    }


def test_stored_answers_fill_the_form_again(mixed_design):
    form = build_answer_form(mixed_design, initial={"meeting_date": "2026-04-14", "summary": "Home visit"})

    assert form.initial == {"meeting_date": date(2026, 4, 14), "summary": "Home visit"}


def test_answers_display_in_the_words_of_the_entrys_design(mixed_design, senior, admin_user, child, practitioner):
    designs.submit(design=mixed_design, by=admin_user)
    designs.approve(design=mixed_design, by=senior)
    entry = DraftEntryFactory(
        child=child, case=child.cases.get(), kind=RecordKind.VISIT, form_design=mixed_design,
        answers={"summary": "Home visit", "meeting_date": "2026-04-14", "engaged": False, "venue": "School"},
        event_at=datetime(2026, 4, 1, 9, tzinfo=ZoneInfo("Europe/London")), recorded_by=practitioner,
    )

    rows = answers_for_display(entry)

    assert [(row.label, row.value) for row in rows] == [
        ("Summary of the visit", "Home visit"),
        ("The discussion", "Not answered"),
        ("Date of the next meeting", "14 April 2026"),
        ("Did the family engage?", "No"),
        ("Where did the visit take place?", "School"),
        ("Other notes", "Not answered"),
    ]
    assert rows[0].help_text == "One line"
