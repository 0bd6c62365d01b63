"""No heading without anything under it, on the entry page and in the record PDF, for every kind of record
(issue 16): a record with only its required questions answered leaves its optional places (the analysis of a
phone call, say) blank, and their heading must not stand empty."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from records.designs.rendering import NOT_ANSWERED
from records.models import FormDesign, FormQuestion, RecordKind
from records.pdfs import services as pdfs
from records.pdfs.build import whole_html
from tests.conftest import client_for
from tests.factories import CompletedEntryFactory
from tests.govuk_html import parse

Type = FormQuestion.AnswerType
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>\s*(?:<h([1-6])\b|(</(?:article|section|div|main|body)>))", re.S)


def _required_answers(design: FormDesign) -> dict:
    """Only the required questions answered, as the write-up stores them; the optional ones left blank."""
    value = {Type.DATE: lambda q: (timezone.localdate() - timedelta(days=3)).isoformat(), Type.YES_NO: lambda q: True,
             Type.CHOICE: lambda q: q.options[0]}
    return {q.key: value.get(q.answer_type, lambda q: f"Answer to {q.label}")(q)
            for q in design.questions.filter(required=True)}


def _entry(child, by, kind):
    design = FormDesign.objects.get(kind=kind, status=FormDesign.Status.APPROVED)
    return CompletedEntryFactory(child=child, recorded_by=by, kind=kind, form_design=design,
                                 answers=_required_answers(design), decision_maker_name="Marcus Bennett",
                                 decision_maker_role="Team Manager")


def _empty_headings(html: str) -> list[str]:
    """Headings followed straight by a heading of their level or above (not a subheading), or by the end of what
    holds them."""
    return [re.sub(r"<[^>]+>", "", match[2]).strip() for match in HEADING.finditer(html)
            if match[4] or int(match[3]) <= int(match[1])]


def _answer_groups_all_blank(root, heading_tags) -> list[str]:
    """Answer headings whose list under them holds only "Not answered"."""
    blank, current = [], None
    for element in root.iter():
        if element.tag in heading_tags:
            current = element.text()
        elif element.tag == "dl" and current is not None:
            values = [dd.text() for dd in element.iter() if dd.tag == "dd"]
            if values and all(value.startswith(NOT_ANSWERED) for value in values):
                blank.append(current)
            current = None
    return blank


@pytest.mark.parametrize("kind", RecordKind.values)
def test_the_entry_page_has_no_heading_without_content(kind, child, practitioner):
    entry = _entry(child, practitioner, kind)
    html = client_for(practitioner).get(reverse("records:entry_detail", args=[child.local_id, entry.pk])).content.decode()
    main = html[html.index("<main"):html.index("</main>") + len("</main>")]

    assert _empty_headings(main) == []
    assert _answer_groups_all_blank(parse(main), ("h2",)) == []
    assert "Facts" in main  # the required answers are shown under their heading


@pytest.mark.parametrize("kind", RecordKind.values)
def test_the_record_pdf_has_no_heading_without_content(kind, child, practitioner):
    _entry(child, practitioner, kind)
    html = whole_html(pdfs.request_record_pdf(child=child, by=practitioner, include_restricted=False))
    body = html[html.index("<body"):]

    assert _empty_headings(body) == []
    entries = body[body.index('<article class="entry'):]
    assert _answer_groups_all_blank(parse(entries), ("h2", "h3")) == []
    assert "<h3>Facts</h3>" in entries
