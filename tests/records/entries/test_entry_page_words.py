"""The entry page reads as a record, not a form dump: each fact once, no heading without anything under it."""

from django.urls import reverse

from records.entries import services
from tests.conftest import client_for
from tests.govuk_html import parse
from tests.records.pdfs.test_pdf_content import phone_call, record_pdf


def _page(child, entry, user):
    return parse(client_for(user).get(reverse("records:entry_detail", args=[child.local_id, entry.pk])).content)


def _answer_headings(page) -> list[str]:
    return [el.text() for el in page.iter() if el.tag == "h2" and "data-answer-kind" in el.attrs]


def test_recorded_by_is_said_once(child, practitioner):
    page = _page(child, phone_call(child, practitioner, "Talked about school."), practitioner)

    headings = [el.text() for el in page.iter() if el.tag in ("h2", "h3")]
    keys = [el.text() for el in page.iter() if el.tag == "dt"]
    assert "Recorded by" not in headings and "About this record" in headings
    assert keys.count("Recorded by") == 1


def test_a_heading_with_no_answers_under_it_is_left_out(child, practitioner):
    """The design's optional place for analysis left blank: no "Opinions" heading over "Not answered"."""
    entry = phone_call(child, practitioner, "Talked about school.")
    assert "analysis" in entry.form_design.questions.values_list("key", flat=True)  # the design has the place

    assert _answer_headings(_page(child, entry, practitioner)) == ["Facts"]
    assert "Opinions" not in record_pdf(child, practitioner)


def test_a_heading_with_an_answer_is_shown(child, practitioner):
    entry = phone_call(child, practitioner, "Talked about school.")
    services.amend_entry(entry=entry, by=practitioner, reason="Added my view",
                         answers={**entry.answers, "analysis": "Attendance matters to her."})

    assert _answer_headings(_page(child, entry, practitioner))[:2] == ["Facts", "Opinions"]
