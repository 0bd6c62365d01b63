"""Issue 17: Ofsted's Annex A list 8 reads the basic record's health section (casework.returns.annex_a_health, handed
over by records.documents.annex_a): the date of the child's last health assessment (initial or review) and of their
last dental check; a record whose copy is restricted is counted but its date withheld (§7); without the records app's
reader the cells stay empty."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.returns import annex_a_health
from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import WITHHELD
from records.documents.services import add_section_record, restrict_document
from records.entries.restrictions import review_restriction
from tests.casework.returns.test_annex_a import recorded, rows_of, sheets  # noqa: F401  the fixture
from tests.records.documents.document_builders import make_document

pytestmark = pytest.mark.django_db

HEALTH, DENTAL = "Date of Last Health Assessment", "Date of Last Dental Check"


def health(child, by, kind: str, day, document=None):
    return add_section_record(section="health", child=child, by=by, document=document, kind=kind, carried_out_on=day,
                              carried_out_by="Sam Idowu, looked-after children's nurse")


def cells(recorded, child):  # noqa: F811
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    return [(row[HEALTH], row[DENTAL]) for row in rows_of(book, "in_care", child)]


def test_list_8_has_the_last_health_assessment_and_dental_check(recorded, other_practitioner):  # noqa: F811
    d, child = recorded["d"], recorded["in_care"]
    health(child, other_practitioner, "initial_assessment", d(-60))
    health(child, other_practitioner, "review_assessment", d(20))
    health(child, other_practitioner, "health_plan", d(30))  # a plan, not an assessment
    health(child, other_practitioner, "dental_check", d(10))
    health(child, other_practitioner, "other", d(40))
    assert cells(recorded, child) == [(d(20), d(10))]
    assert cells(recorded, recorded["went_home"]) == [(None, None)]  # neither recorded


def test_a_health_record_whose_copy_is_restricted_is_counted_but_its_date_withheld(  # noqa: F811
        recorded, other_practitioner, care_manager):
    d, child = recorded["d"], recorded["in_care"]
    health(child, other_practitioner, "initial_assessment", d(5))
    copy = make_document(child, other_practitioner, title="Dental report", category="other", document_date=d(15))
    health(child, other_practitioner, "dental_check", d(15), document=copy)
    restriction = restrict_document(document=copy, by=other_practitioner, reason="third_party",
                                    reason_detail="The dentist asked", advised_by=care_manager,
                                    review_date=timezone.localdate() + timedelta(days=30))
    assert cells(recorded, child) == [(d(5), WITHHELD)]
    review_restriction(restriction=restriction, by=care_manager, keep=False, originator=other_practitioner,
                       originator_views="Content for it to be read")
    assert cells(recorded, child) == [(d(5), d(15))]  # lifted: the date is shown again


def test_without_the_records_apps_reader_the_health_cells_stay_empty(  # noqa: F811
        recorded, other_practitioner, monkeypatch):
    d, child = recorded["d"], recorded["in_care"]
    health(child, other_practitioner, "dental_check", d(10))
    monkeypatch.setattr(annex_a_health.reader, "given", None)
    assert cells(recorded, child) == [(None, None)]
