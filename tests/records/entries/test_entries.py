"""Entries are written only on the approved design of their kind, and always read with their own design."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from records.designs import services as designs
from records.models import Entry, RecordKind
from records.designs.rendering import answers_for_display
from tests.records.conftest import refused_by_database

WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=ZoneInfo("Europe/London"))
ANSWERS = {
    "purpose": "Review progress against the child in need plan.",
    "child_views": "Said she likes her new school.",
    "analysis": "Home conditions have improved since the last visit.",
}


def new_entry(*, child, design, by, kind=RecordKind.VISIT, answers=None) -> Entry:
    return Entry(child=child, case=child.cases.get(), kind=kind, form_design=design, answers=answers or ANSWERS,
                 event_at=WHEN, recorded_by=by)


def test_entry_is_written_on_the_approved_design(child, practitioner, visit_v1):
    entry = new_entry(child=child, design=designs.approved_design_for(RecordKind.VISIT), by=practitioner)
    entry.save()

    assert Entry.objects.get().form_design == visit_v1


@pytest.mark.parametrize("fixture", ["visit_draft", "visit_submitted"])
def test_entry_cannot_be_written_on_a_design_not_approved(request, child, practitioner, fixture):
    entry = new_entry(child=child, design=request.getfixturevalue(fixture), by=practitioner)

    with pytest.raises(ValidationError, match="can only be recorded on the approved design"):
        entry.save()
    assert not Entry.objects.exists()


def test_entry_cannot_be_written_on_a_retired_design(child, practitioner, visit_v1, visit_submitted, senior):
    designs.approve(design=visit_submitted, by=senior)

    with pytest.raises(ValidationError, match="approved design"):
        new_entry(child=child, design=visit_v1, by=practitioner).save()


def test_entry_cannot_be_written_on_the_design_of_another_kind(child, practitioner):
    phone_design = designs.approved_design_for(RecordKind.CONTACT_PHONE)

    with pytest.raises(ValidationError, match="approved design of its kind"):
        new_entry(child=child, design=phone_design, by=practitioner, kind=RecordKind.VISIT).save()


def test_bulk_created_entry_on_a_draft_is_refused_by_the_database(child, practitioner, visit_draft):
    entry = new_entry(child=child, design=visit_draft, by=practitioner)

    assert "approved form design of its own kind" in refused_by_database(lambda: Entry.objects.bulk_create([entry]))


def test_entry_keeps_the_design_it_was_written_on(child, practitioner, visit_v1, visit_submitted, senior):
    entry = new_entry(child=child, design=visit_v1, by=practitioner)
    entry.save()
    designs.approve(design=visit_submitted, by=senior)
    entry.form_design = visit_submitted

    with pytest.raises(ValidationError, match="keeps the form design"):
        entry.save()
    message = refused_by_database(lambda: Entry.objects.filter(pk=entry.pk).update(form_design=visit_submitted))
    assert "keeps the form design" in message


def test_entry_on_version_1_reads_the_same_after_version_2_is_approved(child, practitioner, visit_v1, visit_submitted, senior):
    entry = new_entry(child=child, design=designs.approved_design_for(RecordKind.VISIT), by=practitioner)
    entry.save()
    before = answers_for_display(entry)

    designs.approve(design=visit_submitted, by=senior)
    after = answers_for_display(Entry.objects.get(pk=entry.pk))

    assert after == before
    assert after[0].label == "The purpose of the visit and how it relates to the plan"
    assert "How is the child getting on at school?" not in [row.label for row in after]


def test_new_entry_after_version_2_uses_its_wording_and_extra_question(child, practitioner, visit_submitted, senior):
    designs.approve(design=visit_submitted, by=senior)

    entry = new_entry(child=child, design=designs.approved_design_for(RecordKind.VISIT), by=practitioner)
    entry.save()
    labels = [row.label for row in answers_for_display(entry)]

    assert labels[0] == "Why you visited and how the visit relates to the plan"
    assert labels[-1] == "How is the child getting on at school?"


def test_version_1_analysis_is_shown_as_opinion(child, practitioner, visit_v1):
    entry = new_entry(child=child, design=visit_v1, by=practitioner)
    entry.save()

    rows = {row.label: row for row in answers_for_display(entry)}
    analysis = rows["Analysis and evaluation of the outcome of the visit"]
    assert (analysis.kind, analysis.is_analysis) == ("opinion", True)
    assert analysis.value == ANSWERS["analysis"]
    assert rows["Information exchanged"].value == "Not answered"
    assert (rows["The child's views"].kind, rows["The child's views"].is_analysis) == ("fact", False)


def test_entry_case_must_belong_to_the_child(child, other_child, practitioner, visit_v1):
    entry = new_entry(child=child, design=visit_v1, by=practitioner)
    entry.case = other_child.cases.get()

    with pytest.raises(ValidationError, match="another child"):
        entry.save()
