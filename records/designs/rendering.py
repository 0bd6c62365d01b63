"""Turning a form design into the GOV.UK form practitioners fill in, and an entry's answers into text.

An entry is always shown with the design it was written on (`entry.form_design`), never the one in
use today, so an old visit still reads as it was written after the design changes.
"""

from datetime import date
from typing import NamedTuple

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils.html import escape

from casework.children.forms import GovDateField, gov_helper, yes_no_field
from records.models import FormDesign, FormQuestion

AnswerType = FormQuestion.AnswerType
NOT_ANSWERED = "Not answered"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def required_message(question: FormQuestion) -> str:
    label = question.label.strip().rstrip(".")
    if question.answer_type in (AnswerType.YES_NO, AnswerType.CHOICE):
        return f"Select an answer to ‘{label}’"
    if label.endswith("?"):
        return f"Enter your answer to ‘{label}’"
    return f"Enter {_lower_first(label)}"


def _form_field(question: FormQuestion) -> forms.Field:
    label = question.label if question.required else f"{question.label} (optional)"
    # crispy-forms-gds renders labels and hints with |safe: a design's words are text, never markup.
    common = {"label": escape(label), "required": question.required, "help_text": escape(question.help_text)}
    message = {"required": required_message(question)}
    match question.answer_type:
        case AnswerType.SHORT_TEXT:
            return forms.CharField(max_length=500, error_messages=message, **common)
        case AnswerType.LONG_TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), error_messages=message, **common)
        case AnswerType.DATE:
            # GovDateField words its own messages around the name: "Enter the date of the meeting ...".
            name = _lower_first(question.label.strip().rstrip("?."))
            name = name[4:] if name.startswith("the ") else name
            return GovDateField(name=name, **common)
        case AnswerType.YES_NO:
            return yes_no_field(error_messages=message, **common)
        case AnswerType.CHOICE:
            return forms.ChoiceField(
                choices=[(option, option) for option in question.options], widget=forms.RadioSelect,
                error_messages={**message, "invalid_choice": f"Select one of the options for ‘{question.label}’"},
                **common,
            )
    raise ValueError(f"Unknown answer type {question.answer_type!r}")


def _layout_item(question: FormQuestion):
    match question.answer_type:
        case AnswerType.SHORT_TEXT:
            return Field.text(question.key)
        case AnswerType.LONG_TEXT:
            return Field.textarea(question.key, rows=6)
        case AnswerType.YES_NO | AnswerType.CHOICE:
            # Not inline: crispy-forms-gds 2.0.1 drops the govuk-radios class from inline radios.
            return Field.radios(question.key)
    return Field(question.key)


class AnswerForm(forms.Form):
    """The answers to one design's questions; `answers()` gives them ready for `Entry.answers`."""

    def __init__(self, *args, design: FormDesign, questions: list[FormQuestion], **kwargs):
        self.design = design
        self.questions = questions
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.key] = _form_field(question)
        self.helper = gov_helper(Layout(*(_layout_item(q) for q in questions)))

    def answers(self) -> dict:
        """JSON-ready answers: text stripped, dates as ISO strings, yes or no as true or false."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if isinstance(value, str):
                value = value.strip()
            elif isinstance(value, date):
                value = value.isoformat()
            if value not in (None, ""):
                result[question.key] = value
        return result


def _initial_value(question: FormQuestion, value):
    if question.answer_type == AnswerType.DATE and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value


def build_answer_form(design: FormDesign, data=None, initial=None) -> AnswerForm:
    """One GOV.UK field per question of `design`, in order; `initial` is a stored `answers` dict."""
    questions = list(design.questions.order_by("position"))
    initial = {
        q.key: _initial_value(q, (initial or {})[q.key]) for q in questions if q.key in (initial or {})
    }
    return AnswerForm(data, design=design, questions=questions, initial=initial)


class AnswerRow(NamedTuple):
    label: str
    help_text: str
    value: str
    is_analysis: bool


def _display(question: FormQuestion, value) -> str:
    if value in (None, ""):
        return NOT_ANSWERED
    if question.answer_type == AnswerType.YES_NO:
        return "Yes" if value is True else "No" if value is False else str(value)
    if question.answer_type == AnswerType.DATE:
        try:
            return f"{date.fromisoformat(value):%-d %B %Y}"
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def answers_for_display(entry, questions=None) -> list[AnswerRow]:
    """(label, help, value, is_analysis) for each question of the design the entry was written on.

    `questions`: that design's questions in order, when the caller already has them (a PDF of a
    thousand entries reads each design's questions once, not once per entry).
    """
    answers = entry.answers or {}
    if questions is None:
        questions = entry.form_design.questions.order_by("position")
    return [AnswerRow(q.label, q.help_text, _display(q, answers.get(q.key)), q.is_analysis) for q in questions]
