"""§12 in every PDF: answers under the headings of their kinds, each section with where it came from."""

import pytest

from records.entries import services
from records.models import PdfJob, RecordKind
from tests.factories import PdfJobFactory
from tests.pdf_text import pdf_text
from tests.records.conftest import new_version_in_use
from tests.records.entries.test_recording_visits import VISIT_ANSWERS, an_hour_ago, completed_visit, write_up
from tests.records.pdfs.test_pdf_content import built, record_pdf

TEACHER = "Ms Patel, class teacher"


def subject_access_pdf(child, by) -> str:
    job = PdfJobFactory(kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.QUEUED, child=child, requested_by=by)
    return pdf_text(built(job))


def decision_on_new_design(child, by):
    """A decision on the new version of its design, which the suite's senior leader approved (§2)."""
    new_version_in_use(RecordKind.DECISION)
    entry = services.start_decision(child=child, by=by, event_at=an_hour_ago(), decision_maker_name="Sam Lee",
                                    decision_maker_role="Team Manager")
    answers = {"decision": "Step down to early help.", "basis": "Six months of steady progress.",
               "options": "Stay on a child in need plan.", "preferred_choice": "Amara wants to stay with her worker.",
               "preference_followed": "Early help keeps the same family worker.",
               "impact": "Less intrusion in family life."}
    return services.complete_entry(entry=entry, by=by, expected_version=None, write_up=write_up(
        answers, section_sources={"preferred_choice": {"source": "third_party", "supplied_by": TEACHER}}))


@pytest.mark.parametrize("build", [record_pdf, subject_access_pdf])
def test_every_pdf_shows_answers_under_their_kinds(child, practitioner, manager, build):
    decision_on_new_design(child, practitioner)
    by = practitioner if build is record_pdf else manager

    text = build(child, by)

    headings = [text.index(h) for h in ("Facts", "Assessment", "Judgements", "Decisions")]
    assert headings == sorted(headings)
    assert headings[0] < text.index("Amara wants to stay") < headings[1]
    assert headings[1] < text.index("Stay on a child in need plan.") < headings[2]
    assert headings[2] < text.index("Six months of steady progress.") < headings[3]
    assert headings[3] < text.index("Step down to early help.")


@pytest.mark.parametrize("build", [record_pdf, subject_access_pdf])
def test_every_pdf_says_where_each_section_came_from(child, practitioner, manager, build):
    completed_visit(child, practitioner, section_sources={"discussion": {"source": "third_party",
                                                                         "supplied_by": TEACHER}})
    by = practitioner if build is record_pdf else manager

    text = build(child, by)

    assert f"{VISIT_ANSWERS['discussion']} From someone else: {TEACHER}" in text
    assert f"{VISIT_ANSWERS['child_views']} First-hand" in text
