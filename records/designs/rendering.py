"""Turning a form design into the GOV.UK form practitioners fill in, and an entry's answers into text.

An entry is always shown with the design it was written on (`entry.form_design`), never the one in
use today, so an old visit still reads as it was written after the design changes.

§12: answers are shown, and asked, under the heading of their kind (Facts, Opinions, Assessment,
Judgements, Decisions), and each section says whether it is first-hand or from someone else, and who.
This module is the one place that groups and labels them: the entry page, the write-up, the
amendment page and every PDF use it.
"""

from datetime import date
from typing import NamedTuple

from crispy_forms_gds.layout import HTML, Field, Layout
from django import forms
from django.utils.html import escape

from casework.children.forms import ConditionalQuestion, ConditionalRadios, GovDateField, gov_helper, yes_no_field
from records.designs.models import ANSWER_KIND_HEADINGS, AnswerKind
from records.models import Entry, FormDesign, FormQuestion

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


# §12: what each heading means, under the heading on the write-up form.
ANSWER_KIND_HINTS = {
    AnswerKind.FACT: "What happened, what was seen and what was said. Keep opinion out of these.",
    AnswerKind.OPINION: "Your professional view, or someone else's, said as a view.",
    AnswerKind.ASSESSMENT: "Your analysis of the child's needs, risks and progress.",
    AnswerKind.JUDGEMENT: "Your professional judgement, and the reasons for it.",
    AnswerKind.DECISION: "What was decided, by whom, and what happens next.",
}
SOURCE = Entry.InformationSource
SUPPLIED_BY_MAX = 300
# Short words for each section's radios, apart from the entry's own (longer) ones on the same page.
SECTION_SOURCE_CHOICES = [(SOURCE.FIRST_HAND.value, "First-hand"), (SOURCE.THIRD_PARTY.value, "From someone else")]


def source_field_name(key: str) -> str:
    return f"source-of-{key}"


def supplied_by_field_name(key: str) -> str:
    return f"supplied-by-{key}"


def _short(label: str, length: int = 60) -> str:
    label = label.strip().rstrip(".?")
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def supplied_by_message(question: FormQuestion) -> str:
    return f"Enter who supplied the information in ‘{_short(question.label)}’"


def _source_fields(question: FormQuestion) -> dict[str, forms.Field]:
    """§12: first-hand (the default) or from someone else, and who, for this one section."""
    name = escape(_short(question.label))
    return {
        source_field_name(question.key): forms.ChoiceField(
            label=f"Where did the information in ‘{name}’ come from?", required=False, widget=forms.RadioSelect,
            choices=SECTION_SOURCE_CHOICES, initial=SOURCE.FIRST_HAND,
            error_messages={"invalid_choice": f"Select where the information in ‘{_short(question.label)}’ came from"},
        ),
        supplied_by_field_name(question.key): forms.CharField(
            # Every section asks it: the section's name, for screen readers, makes each label unique.
            label=f"If from someone else, who supplied it?<span class=\"govuk-visually-hidden\"> (‘{name}’)</span>",
            required=False, max_length=SUPPLIED_BY_MAX,
            help_text="Their name, and their role or agency",
        ),
    }


def grouped_by_kind(items, kind_of) -> list[tuple[str, list]]:
    """[(kind, items)] in the policy's order of kinds (Facts first), each group in its own order."""
    groups = {kind: [] for kind in ANSWER_KIND_HEADINGS}
    for item in items:
        groups.setdefault(kind_of(item), []).append(item)
    return [(kind, rows) for kind, rows in groups.items() if rows]


def heading_of(kind: str) -> str:
    return ANSWER_KIND_HEADINGS.get(kind, "Other information")


class AnswerForm(forms.Form):
    """The answers to one design's questions; `answers()` gives them ready for `Entry.answers`.

    Each question comes with where its information came from (§12); `section_sources()` gives them
    ready for `Entry.section_sources`. The questions are asked under the heading of their kind.
    """

    def __init__(self, *args, design: FormDesign, questions: list[FormQuestion], **kwargs):
        self.design = design
        self.questions = questions
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.key] = _form_field(question)
            extra = _source_fields(question)
            if set(extra) & {q.key for q in questions}:
                raise ValueError(f"A question key clashes with the source of ‘{question.key}’")
            self.fields.update(extra)
        items = []
        for kind, group in grouped_by_kind(questions, lambda q: q.answer_kind):
            items.append(HTML(f'<h3 class="govuk-heading-s cw-answer-kind">{heading_of(kind)}</h3>'
                              f'<p class="govuk-hint">{ANSWER_KIND_HINTS.get(kind, "")}</p>'))
            for q in group:
                # §12: "who supplied it?" is revealed by the answer "From someone else"
                items += [_layout_item(q), ConditionalRadios(
                    source_field_name(q.key), SECTION_SOURCE_CHOICES[0][1],
                    ConditionalQuestion(SECTION_SOURCE_CHOICES[1][1], Field.text(supplied_by_field_name(q.key))),
                    small=True)]
        self.helper = gov_helper(Layout(*items))

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if cleaned.get(source_field_name(question.key)) == SOURCE.THIRD_PARTY and not (
                cleaned.get(supplied_by_field_name(question.key)) or ""
            ).strip():
                self.add_error(supplied_by_field_name(question.key), supplied_by_message(question))
        return cleaned

    def section_sources(self) -> dict:
        """{key: {"source": ..., "supplied_by": ...}} for every question: first-hand unless said otherwise."""
        result = {}
        for question in self.questions:
            source = self.cleaned_data.get(source_field_name(question.key)) or SOURCE.FIRST_HAND
            supplied_by = (self.cleaned_data.get(supplied_by_field_name(question.key)) or "").strip()
            result[question.key] = {"source": source,
                                    "supplied_by": supplied_by if source == SOURCE.THIRD_PARTY else ""}
        return result

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


def build_answer_form(design: FormDesign, data=None, initial=None, sources=None) -> AnswerForm:
    """One GOV.UK field per question of `design`, grouped by kind; `initial` is a stored `answers` dict,
    `sources` a stored `section_sources` dict."""
    questions = list(design.questions.order_by("position"))
    initial = {
        q.key: _initial_value(q, (initial or {})[q.key]) for q in questions if q.key in (initial or {})
    }
    for key, source in (sources or {}).items():
        if isinstance(source, dict):
            initial[source_field_name(key)] = source.get("source") or SOURCE.FIRST_HAND
            initial[supplied_by_field_name(key)] = source.get("supplied_by") or ""
    return AnswerForm(data, design=design, questions=questions, initial=initial)


class AnswerRow(NamedTuple):
    label: str
    help_text: str
    value: str
    kind: str  # an AnswerKind value (§12)
    third_party: bool = False
    supplied_by: str = ""
    key: str = ""  # the question's key: the check-your-answers page links "Change" to its field

    @property
    def is_analysis(self) -> bool:
        return self.kind != AnswerKind.FACT

    @property
    def kind_label(self) -> str:
        return AnswerKind(self.kind).label if self.kind in AnswerKind.values else ""

    @property
    def source(self) -> str:
        """Where this section's information came from, in words (§12)."""
        if self.third_party:
            return f"From someone else: {self.supplied_by}" if self.supplied_by else "From someone else"
        return "First-hand"


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


def section_source(entry, key: str) -> tuple[bool, str]:
    """(third party?, who supplied it) for one section of `entry` (§12).

    A section the entry says nothing about is first-hand, unless the entry was written before sources
    were given per section and said, for the whole entry, that its information came from someone else.
    """
    source = (getattr(entry, "section_sources", None) or {}).get(key)
    if isinstance(source, dict):
        return source.get("source") == SOURCE.THIRD_PARTY, source.get("supplied_by") or ""
    if not getattr(entry, "section_sources", None) and getattr(entry, "information_source", "") == SOURCE.THIRD_PARTY:
        return True, getattr(entry, "third_party_source", "") or ""
    return False, ""


def answers_for_display(entry, questions=None) -> list[AnswerRow]:
    """(label, help, value, kind, source) for each question of the design the entry was written on.

    `questions`: that design's questions in order, when the caller already has them (a PDF of a
    thousand entries reads each design's questions once, not once per entry).
    """
    answers = entry.answers or {}
    if questions is None:
        questions = entry.form_design.questions.order_by("position")
    return [
        AnswerRow(q.label, q.help_text, _display(q, answers.get(q.key)), q.answer_kind, *section_source(entry, q.key),
                  key=q.key)
        for q in questions
    ]


def sources_of(entry) -> dict:
    """Where each section of `entry` came from, for a write-up or amendment form's initial values."""
    return {
        key: {"source": SOURCE.THIRD_PARTY if third_party else SOURCE.FIRST_HAND, "supplied_by": supplied_by}
        for key in entry.form_design.questions.values_list("key", flat=True)
        for third_party, supplied_by in [section_source(entry, key)]
    }


def answer_groups(rows: list[AnswerRow]) -> list[tuple[str, list[AnswerRow]]]:
    """§12: the rows under the headings of their kinds, Facts first: [("Facts", rows), ("Opinions", rows), ...].
    A heading none of whose questions was answered (an optional place for analysis left blank) is left out:
    an empty heading tells the reader nothing."""
    return [(heading_of(kind), group) for kind, group in grouped_by_kind(rows, lambda row: row.kind)
            if any(row.value != NOT_ANSWERED for row in group)]
