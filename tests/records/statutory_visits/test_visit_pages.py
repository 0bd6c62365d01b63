"""Statutory visits on the pages: a column of the caseload, a column of the team dashboard with its drill-down
listing the children, and the plan's type (which sets the rule) changed on the plan page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from records.models import Plan
from records.plans import services as plans
from tests.casework.children.test_query_counts import allocate_many
from tests.conftest import client_for
from tests.factories import PlanFactory
from tests.records.oversight.oversight_builders import elements, table_rows
from tests.records.statutory_visits.visit_builders import visit_on


def _caseload_rows(user):
    body = client_for(user).get(reverse("casework:caseload")).content.decode()
    tables = [t for t in elements(body, "table") if "Next statutory visit" in t.text()]
    assert tables, "the caseload has a column of statutory visits"
    return [tr for body_ in elements(tables[0], "tbody") for tr in elements(body_, "tr")]


def test_caseload_shows_each_childs_next_visit_and_how_overdue(child, practitioner, manager, assessment_team):
    today = timezone.localdate()
    [soon] = allocate_many(1, team=assessment_team, worker=practitioner, by=manager, last_name="Zephyr")
    visit_on(child, practitioner, today - timedelta(days=33))  # 5 days overdue
    visit_on(soon, practitioner, today - timedelta(days=25))  # due in 3 days
    rows = {row.text().split()[0]: row for row in _caseload_rows(practitioner)}
    overdue, due_soon = rows[child.first_name].text(), rows[soon.first_name].text()
    assert "Overdue" in overdue and "5 days overdue" in overdue
    assert f"{(today - timedelta(days=5)).day} " in overdue
    assert "Due soon" in due_soon and "Child in need, every 4 weeks" in due_soon
    links = {a.attrs.get("href") for a in elements(rows[child.first_name], "a")}
    assert reverse("records:visit_new", args=[child.local_id]) in links


@pytest.mark.parametrize("count", [2, 10])
def test_caseload_query_count_stays_flat_with_the_visits_column(count, practitioner, manager, assessment_team,
                                                                 django_assert_max_num_queries):
    allocate_many(count, team=assessment_team, worker=practitioner, by=manager)
    client = client_for(practitioner)
    client.get(reverse("casework:caseload"))
    with django_assert_max_num_queries(30):
        response = client.get(reverse("casework:caseload"))
    assert len(_caseload_rows(practitioner)) == count and response.status_code == 200


def test_team_dashboard_counts_visits_due_and_overdue_per_practitioner(child, practitioner, manager, assessment_team):
    today = timezone.localdate()
    soon, later = allocate_many(2, team=assessment_team, worker=practitioner, by=manager)
    visit_on(child, practitioner, today - timedelta(days=40))  # overdue
    visit_on(soon, practitioner, today - timedelta(days=20))  # due within two weeks
    visit_on(later, practitioner, today - timedelta(days=1))  # due in 27 days: not counted
    body = client_for(manager).get(reverse("records:team_dashboard")).content.decode()
    assert "Statutory visits due or overdue" in body
    row = [tr for tr in table_rows(body, "team-figures") if "Priya Shah" in tr.text()][0]
    assert "2 statutory visits due or overdue for Priya Shah" in row.text() and "1 overdue" in row.text()
    drill = f"{reverse('records:team_drilldown')}?team={assessment_team.pk}&practitioner={practitioner.pk}&figure=visits"
    assert drill in {a.attrs.get("href") for a in elements(row, "a")}


def test_drill_down_lists_the_children_most_overdue_first(child, practitioner, manager, assessment_team,
                                                          other_child, other_practitioner):
    today = timezone.localdate()
    [soon] = allocate_many(1, team=assessment_team, worker=practitioner, by=manager)
    visit_on(child, practitioner, today - timedelta(days=40))
    visit_on(soon, practitioner, today - timedelta(days=20))
    response = client_for(manager).get(reverse("records:team_drilldown"),
                                       {"team": assessment_team.pk, "figure": "visits"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Statutory visits due or overdue" in body and "2 in all" in body
    rows = table_rows(body, "drilldown")
    assert [child.local_id in rows[0].text(), soon.local_id in rows[1].text()] == [True, True]
    assert "12 days overdue" in rows[0].text() and "due in 8 days" in rows[1].text()
    assert "Statutory visit (child in need: every 4 weeks)" in rows[0].text()
    assert other_child.local_id not in body  # another team's child, overdue too, is never listed


def test_drill_down_names_no_child_the_viewer_may_not_see(child, practitioner, slt, assessment_team):
    visit_on(child, practitioner, timezone.localdate() - timedelta(days=40))
    body = client_for(slt).get(reverse("records:team_drilldown"),
                               {"team": assessment_team.pk, "figure": "visits"}).content.decode()
    assert "1 in all" in body and "1 is not listed" in body
    assert child.local_id not in body and not elements(body, "table", id="drilldown")


def test_the_plan_is_started_with_its_type(child, practitioner):
    response = client_for(practitioner).post(reverse("records:plan_start", args=[child.local_id]),
                                             {"plan_type": "child_protection", "purpose": ""})
    assert response.status_code == 302
    assert Plan.objects.get(child=child).plan_type == "child_protection"


def test_the_type_of_plan_is_changed_with_a_reason(child, practitioner):
    plan = PlanFactory(child=child, by=practitioner)
    client = client_for(practitioner)
    page = client.get(reverse("records:plan", args=[child.local_id])).content.decode()
    assert "Child in need plan" in page and reverse("records:plan_type_change", args=[child.local_id]) in page
    url = reverse("records:plan_type_change", args=[child.local_id])
    response = client.post(url, {"plan_type": "child_protection", "reason": "Conference on 3 March decided on a plan"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.plan_type == "child_protection"


@pytest.mark.parametrize("data, error", [
    ({"plan_type": "child_in_need", "reason": "No change"}, "Select a different type of plan"),
    ({"plan_type": "child_protection", "reason": "  "}, "Enter why the type of plan has changed"),
    ({"reason": "Conference"}, "Select the type of plan"),
])
def test_changing_the_type_of_plan_refuses_bad_input_with_a_clear_error(data, error, child, practitioner):
    plan = PlanFactory(child=child, by=practitioner)
    response = client_for(practitioner).post(reverse("records:plan_type_change", args=[child.local_id]), data)
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body and error in body
    plan.refresh_from_db()
    assert plan.plan_type == "child_in_need"


def test_another_teams_practitioner_cannot_change_the_type_of_plan(child, practitioner, other_practitioner):
    plan = PlanFactory(child=child, by=practitioner)
    response = client_for(other_practitioner).post(reverse("records:plan_type_change", args=[child.local_id]),
                                                   {"plan_type": "child_protection", "reason": "x"})
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.plan_type == "child_in_need"


def _banner(client, url) -> str:
    return [dl for dl in elements(client.get(url).content.decode(), "dl")
            if "cw-banner__facts" in dl.attrs.get("class", "")][0].text()


def test_the_childs_banner_shows_the_next_visit_and_a_child_protection_plan(child, practitioner):
    """Issue 16: the banner on every page of the record (casework) shows the clock kept by records."""
    today = timezone.localdate()
    client = client_for(practitioner)
    record = reverse("casework:child_record", args=[child.local_id])
    visit_on(child, practitioner, today - timedelta(days=33))  # child in need: every 4 weeks, 5 days overdue
    banner = _banner(client, record)
    assert (today - timedelta(days=5)).strftime("%-d %B %Y") in banner and "Overdue" in banner
    assert "Child in need" in banner

    plan = PlanFactory(child=child, by=practitioner)
    plans.change_plan_type(plan=plan, by=practitioner, plan_type=Plan.Type.CHILD_PROTECTION,
                           reason="Initial child protection conference")
    banner = _banner(client, record)
    assert "Child protection plan" in banner


def test_a_reason_too_long_for_the_history_is_refused_not_cut_short(child, practitioner):
    from records.plans.services import PLAN_TYPE_REASON_MAX

    plan = PlanFactory(child=child, by=practitioner)
    url = reverse("records:plan_type_change", args=[child.local_id])
    response = client_for(practitioner).post(url, {"plan_type": "child_protection",
                                                   "reason": "x" * (PLAN_TYPE_REASON_MAX + 1)})
    assert response.status_code == 200
    assert f"must be {PLAN_TYPE_REASON_MAX} characters or fewer" in response.content.decode()
    plan.refresh_from_db()
    assert plan.plan_type == "child_in_need"


def test_the_drill_down_is_paged_most_overdue_first(practitioner, manager, assessment_team):
    """Issue 16: a page of FLAG_PAGE_SIZE at a time (a busy team's visits due are many), the rest on the next page."""
    from records.dashboard.figures import FLAG_PAGE_SIZE

    children = allocate_many(FLAG_PAGE_SIZE + 1, team=assessment_team, worker=practitioner, by=manager)
    today = timezone.localdate()
    for days, child in enumerate(children):
        visit_on(child, practitioner, today - timedelta(days=60 - days))  # the first child is the most overdue
    url = reverse("records:team_drilldown")
    first = client_for(manager).get(url, {"team": assessment_team.pk, "figure": "visits"}).content.decode()
    assert f"{FLAG_PAGE_SIZE + 1} in all" in first and "is not listed" not in first
    rows = table_rows(first, "drilldown")
    assert len(rows) == FLAG_PAGE_SIZE and children[0].local_id in rows[0].text()
    second = client_for(manager).get(url, {"team": assessment_team.pk, "figure": "visits", "page": 2}).content.decode()
    assert [children[-1].local_id in row.text() for row in table_rows(second, "drilldown")] == [True]
