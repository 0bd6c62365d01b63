"""`visits_due_for(user)`: the visits due and overdue for the children a user may see (the work tray calls it),
most overdue first, within a horizon, in a number of queries that does not grow with the children."""

from datetime import timedelta

import pytest
from django.utils import timezone

from records.statutory_visits.selectors import due_by_child, visits_due_for
from tests.casework.children.test_query_counts import allocate_many
from tests.records.statutory_visits.visit_builders import visit_on


def test_other_teams_children_are_never_listed(child, other_child, practitioner, other_practitioner):
    mine = visits_due_for(practitioner, within_days=3650)
    assert [row.child for row in mine] == [child]
    assert [row.child for row in visits_due_for(other_practitioner, within_days=3650)] == [other_child]


def test_most_overdue_first_with_days_overdue(child, practitioner, manager, assessment_team):
    today = timezone.localdate()
    later, sooner = allocate_many(2, team=assessment_team, worker=practitioner, by=manager)
    visit_on(child, practitioner, today - timedelta(days=40))  # due 12 days ago
    visit_on(later, practitioner, today - timedelta(days=20))  # due in 8 days
    visit_on(sooner, practitioner, today - timedelta(days=30))  # due 2 days ago
    rows = visits_due_for(practitioner, within_days=14)
    assert [(row.child, row.days_overdue, row.is_overdue) for row in rows] == [
        (child, 12, True), (sooner, 2, True), (later, 0, False)]
    assert rows[0].due_on == today - timedelta(days=12)
    assert rows[0].detail.endswith("12 days overdue") and rows[2].detail.endswith("due in 8 days")


def test_visits_due_beyond_the_horizon_are_left_out(child, practitioner):
    visit_on(child, practitioner, timezone.localdate() - timedelta(days=7))  # due in 21 days
    assert visits_due_for(practitioner, within_days=14) == []
    assert [row.child for row in visits_due_for(practitioner, within_days=21)] == [child]


def test_allocated_to_keeps_only_that_workers_cases(child, practitioner, colleague, manager, assessment_team):
    [colleagues_child] = allocate_many(1, team=assessment_team, worker=colleague, by=manager)
    everyone = {row.child for row in visits_due_for(manager, within_days=3650)}
    assert {child, colleagues_child} <= everyone
    assert [row.child for row in visits_due_for(practitioner, within_days=3650, allocated_to=practitioner)] == [child]


def test_emergency_duty_without_access_sees_nothing(child, edt):
    assert visits_due_for(edt, within_days=3650) == []


@pytest.mark.parametrize("count", [3, 15])
def test_query_count_does_not_grow_with_the_children(count, practitioner, manager, assessment_team,
                                                     django_assert_max_num_queries):
    children = allocate_many(count, team=assessment_team, worker=practitioner, by=manager)
    for child in children:
        visit_on(child, practitioner, timezone.localdate() - timedelta(days=30))
    with django_assert_max_num_queries(4):  # the cases with their facts, the rules, the closure days, the children
        rows = visits_due_for(practitioner, within_days=14)
    assert len(rows) == count
    with django_assert_max_num_queries(3):
        assert len(due_by_child(children)) == count
