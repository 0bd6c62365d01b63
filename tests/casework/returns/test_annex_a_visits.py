"""Issue 17: Ofsted's Annex A reads the visits the records app keeps (casework.returns.annex_a_visits, handed over by
records.statutory_visits.annex_a): list 4's child seen during the assessment, list 6's date the child was last seen,
list 7's last statutory visit and whether the child was seen alone, list 8's last social work visit; a visit under
an active restriction is counted but its date withheld (§7); without the records app's reader the cells stay empty."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.returns import annex_a_visits
from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import WITHHELD
from records.entries.restrictions import restrict_entry, review_restriction
from tests.casework.returns.test_annex_a import recorded, rows_of, sheets  # noqa: F401  the fixture
from tests.records.statutory_visits.visit_builders import visit_on

pytestmark = pytest.mark.django_db

SEEN = "Child Seen During Continuous Assessment"
LAST_SEEN = "Date Child Was Last Seen"
STATUTORY, ALONE = "Date of the Last Statutory Visit", "Was the Child Seen Alone?"
SOCIAL_WORK = "Date of Last Social Work Visit"


def book_of(recorded):  # noqa: F811
    return sheets(build_annex_a(year=recorded["year"], la_number="822"))


def restrict(entry, manager):
    return restrict_entry(entry=entry, by=entry.recorded_by, reason="in_confidence", reason_detail="Told in confidence",
                          advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))


def test_list_4_says_whether_the_child_was_seen_during_the_assessment(recorded, practitioner):  # noqa: F811
    d = recorded["d"]
    visit_on(recorded["needs"], practitioner, d(10))  # assessed from d(6) to d(25)
    closed = recorded["closed"]  # assessed from d(9) to d(12): not seen then, seen after
    visit_on(closed, practitioner, d(10), seen=False)
    visit_on(closed, practitioner, d(11), visit_outcome="no_response", seen=False)
    visit_on(closed, practitioner, d(13))
    book = book_of(recorded)
    assert [row[SEEN] for row in rows_of(book, "assessments", recorded["needs"])] == ["Yes"]
    assert [row[SEEN] for row in rows_of(book, "assessments", closed)] == ["No"]


def test_lists_6_and_7_have_the_last_visit_in_which_the_child_was_seen(recorded, practitioner):  # noqa: F811
    d, needs = recorded["d"], recorded["needs"]  # a protection plan from d(40)
    visit_on(needs, practitioner, d(50), alone=True)
    visit_on(needs, practitioner, d(60))
    visit_on(needs, practitioner, d(65), seen=False)  # not seen: not a statutory visit
    visit_on(needs, practitioner, d(66), status="planned")  # not yet made
    book = book_of(recorded)
    assert [row[LAST_SEEN] for row in rows_of(book, "in_need", needs)] == [d(60)]
    assert [(row[STATUTORY], row[ALONE]) for row in rows_of(book, "protection", needs)] == [(d(60), "No")]
    assert [row[LAST_SEEN] for row in rows_of(book, "in_need", recorded["closed"])] == [None]  # never seen


def test_list_7_reads_the_visits_during_the_plan(recorded, practitioner):  # noqa: F811
    d, needs = recorded["d"], recorded["needs"]
    visit_on(needs, practitioner, d(30), alone=True)  # before the plan (from d(40))
    book = book_of(recorded)
    assert [(row[STATUTORY], row[ALONE]) for row in rows_of(book, "protection", needs)] == [(None, None)]
    visit_on(needs, practitioner, d(41), alone=True)
    book = book_of(recorded)
    assert [(row[STATUTORY], row[ALONE]) for row in rows_of(book, "protection", needs)] == [(d(41), "Yes")]


def test_list_8_has_the_last_social_work_visit(recorded, other_practitioner):  # noqa: F811
    d, child = recorded["d"], recorded["in_care"]
    for day in (d(20), d(45)):
        visit_on(child, other_practitioner, day)
    visit_on(child, other_practitioner, d(55), visit_outcome="failed_appointment", seen=False)
    book = book_of(recorded)
    assert [row[SOCIAL_WORK] for row in rows_of(book, "in_care", child)] == [d(45)]
    assert [row[SOCIAL_WORK] for row in rows_of(book, "in_care", recorded["went_home"])] == [None]


def test_a_restricted_visit_is_counted_but_what_it_says_is_withheld(recorded, practitioner, manager):  # noqa: F811
    d, needs, closed = recorded["d"], recorded["needs"], recorded["closed"]
    visit_on(needs, practitioner, d(10))
    restriction = restrict(visit_on(needs, practitioner, d(60), alone=True), manager)
    restrict(visit_on(closed, practitioner, d(10)), manager)  # the only visit of its assessment
    book = book_of(recorded)
    assert [row[LAST_SEEN] for row in rows_of(book, "in_need", needs)] == [WITHHELD]
    assert [(row[STATUTORY], row[ALONE]) for row in rows_of(book, "protection", needs)] == [(WITHHELD, WITHHELD)]
    assert [row[SEEN] for row in rows_of(book, "assessments", needs)] == ["Yes"]  # seen on d(10), not restricted
    assert [row[SEEN] for row in rows_of(book, "assessments", closed)] == [WITHHELD]
    assert [row[LAST_SEEN] for row in rows_of(book, "in_need", closed)] == [WITHHELD]

    review_restriction(restriction=restriction, by=manager, keep=False, originator=practitioner,
                       originator_views="Content for it to be read")
    book = book_of(recorded)  # lifted: what it says is shown again
    assert [(row[STATUTORY], row[ALONE]) for row in rows_of(book, "protection", needs)] == [(d(60), "Yes")]


def test_without_the_records_apps_reader_the_visit_cells_stay_empty(recorded, practitioner, monkeypatch):  # noqa: F811
    d, needs = recorded["d"], recorded["needs"]
    visit_on(needs, practitioner, d(50))
    monkeypatch.setattr(annex_a_visits.reader, "given", None)
    book = book_of(recorded)
    assert [row[SEEN] for row in rows_of(book, "assessments", needs)] == [None]
    assert [row[LAST_SEEN] for row in rows_of(book, "in_need", needs)] == [None]
    assert [(row[STATUTORY], row[ALONE]) for row in rows_of(book, "protection", needs)] == [(None, None)]
    assert [row[SOCIAL_WORK] for row in rows_of(book, "in_care", recorded["in_care"])] == [None]
