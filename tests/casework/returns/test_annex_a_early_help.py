"""Issue 17: Annex A's list 2 (early help) from the early help assessments recorded on children's Cases tabs: one row
per assessment open at some time in the six months up to the as-at date, with its start, its completion (empty while
not completed by then) and the organisation completing it; a child is listed for an assessment alone, a child with
restricted information is listed like any other, and the queries do not grow with the children."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from casework.basic_record import services as basic_record
from casework.early_help.services import change_early_help_assessment, record_early_help_assessment
from casework.returns import codes
from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import LISTS, WITHHELD
from casework.returns.cin_census import la_child_id
from tests.casework.returns.test_annex_a import rows_of, sheets
from tests.casework.returns.test_cin_census import close, recorded_child
from tests.casework.returns.test_ssda903 import looked_after_child, placement, status

pytestmark = pytest.mark.django_db

EARLY_HELP = LISTS["early_help"]


def today() -> date:
    return timezone.localdate()  # London


def build(as_at: date | None = None) -> dict:
    as_at = as_at or today()
    return sheets(build_annex_a(year=codes.collection_year(as_at), la_number="822", today=as_at))


def assess(child, by, started: int, completed: int | None = None, organisation="early_help_service", other=""):
    """An assessment started `started` days ago and completed `completed` days ago (None: still open)."""
    return record_early_help_assessment(
        child=child, by=by, started_on=today() - timedelta(days=started),
        completed_on=None if completed is None else today() - timedelta(days=completed), organisation=organisation,
        organisation_other=other)


@pytest.fixture
def helped(assessment_team, care_team, manager, care_manager, practitioner, other_practitioner):
    six_months_ago = (today() - relativedelta(months=6) - today()).days  # minus about 182
    found = {"edge": -six_months_ago}
    # Two assessments in turn: the first completed more than six months ago, the second within them.
    child, _ = recorded_child(assessment_team, manager, practitioner, number=41, referred=today() - timedelta(days=30),
                              first_name="Helped")
    found["old"] = assess(child, practitioner, 300, found["edge"] + 1, organisation="school")
    found["recent"] = assess(child, practitioner, found["edge"] - 1, 150, organisation="other", other="Family hub")
    found["helped"] = child
    # Known only to early help: a case closed years ago, an assessment by a health visitor still open.
    child, case = recorded_child(assessment_team, manager, practitioner, number=42, referred=date(2020, 1, 10),
                                 first_name="Early")
    close(case, date(2020, 3, 1), "RC8")
    found["early"] = child
    found["open"] = assess(child, practitioner, 20, organisation="health_visitor")
    # Completed on the first day of the six months (the day after the day six months before the as-at date).
    child, _ = recorded_child(assessment_team, manager, practitioner, number=43, referred=today() - timedelta(days=30),
                              first_name="Edge")
    found["edge_child"] = child
    found["on_the_edge"] = assess(child, practitioner, 250, found["edge"] - 1, organisation="voluntary")
    # Looked after in a placement restricted from the child (§7): listed here like any other.
    child = found["hidden"] = looked_after_child(care_team, care_manager, other_practitioner, number=44,
                                                 first_name="Hidden")
    status(child, other_practitioner, today() - timedelta(days=100), "care_order", category_of_need="N1")
    secret = placement(child, other_practitioner, today() - timedelta(days=100), "U4", "PR4", "LS9 9AA",
                       urn="SC654321")
    basic_record.restrict_item(item=secret, by=care_manager, reason="serious_harm", reason_detail="Risk from a parent",
                               advised_by=care_manager, review_date=today() + timedelta(days=30))
    found["hidden_assessment"] = assess(child, other_practitioner, 60, 10, organisation="school_nurse")
    return found


def test_the_list_has_a_row_for_each_assessment_open_in_the_six_months(helped):
    book = build()
    headings = tuple(EARLY_HELP.headings)
    assert book[EARLY_HELP.title][0] == headings
    helped_child = helped["helped"]
    [row] = rows_of(book, "early_help", helped_child)  # the older assessment was completed before the six months
    recent = helped["recent"]
    assert row == {**row, "Child Unique ID": la_child_id(helped_child), "Assessment start date": recent.started_on,
                   "Assessment completion date": recent.completed_on,
                   "Organisation completing assessment": "Family hub"}
    assert row["Date of Birth"] == helped_child.date_of_birth and row["Age of Child (Years)"] is not None
    [row] = rows_of(book, "early_help", helped["early"])  # listed for early help alone
    assert (row["Assessment start date"], row["Assessment completion date"],
            row["Organisation completing assessment"]) == (helped["open"].started_on, None, "A health visitor")
    assert rows_of(book, "referrals", helped["early"]) == []
    [row] = rows_of(book, "early_help", helped["edge_child"])  # completed on the six months' first day
    assert row["Assessment completion date"] == helped["on_the_edge"].completed_on
    assert row["Organisation completing assessment"] == "A voluntary or community organisation"


def test_an_assessment_completed_the_day_before_the_six_months_is_not_listed(helped, practitioner):
    """The day six months before the as-at date is the day before the six months (as list 1 counts them)."""
    edge = helped["on_the_edge"]
    change_early_help_assessment(assessment=edge, by=practitioner, started_on=edge.started_on,
                                 completed_on=edge.completed_on - timedelta(days=1), organisation="voluntary")
    assert rows_of(build(), "early_help", helped["edge_child"]) == []


def test_what_happened_after_the_as_at_date_is_not_known_to_the_list(helped, practitioner):
    later = assess(helped["helped"], practitioner, 5, organisation="school")  # started after the as-at date
    as_at = today() - timedelta(days=15)
    book = build(as_at)
    [row] = rows_of(book, "early_help", helped["hidden"])  # completed ten days ago: after the as-at date
    assert (row["Assessment start date"], row["Assessment completion date"]) == (
        helped["hidden_assessment"].started_on, None)
    # The six months end on the as-at date: the older assessment, completed 184 days ago, was open in them; the one
    # started after the as-at date is not listed.
    assert [row["Assessment start date"] for row in rows_of(book, "early_help", helped["helped"])] == [
        helped["old"].started_on, helped["recent"].started_on]
    assert later.started_on > as_at


def test_a_child_with_restricted_information_is_listed_like_any_other(helped):
    book = build()
    [row] = rows_of(book, "early_help", helped["hidden"])
    assessment = helped["hidden_assessment"]
    assert (row["Assessment start date"], row["Assessment completion date"],
            row["Organisation completing assessment"]) == (assessment.started_on, assessment.completed_on,
                                                           "A school nurse")
    assert WITHHELD not in row.values()
    assert [r["Placement postcode"] for r in rows_of(book, "in_care", helped["hidden"])] == [WITHHELD]


def test_the_queries_do_not_grow_with_the_children_helped(helped, assessment_team, manager, practitioner,
                                                          django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as few:
        build()
    for number in range(50, 56):
        child, _ = recorded_child(assessment_team, manager, practitioner, number=number,
                                  referred=today() - timedelta(days=30), first_name=f"More{number}")
        assess(child, practitioner, 40, 20, organisation="school")
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = build()
    assert len(book[EARLY_HELP.title]) == 1 + 4 + 6
