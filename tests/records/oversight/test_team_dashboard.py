"""The team dashboard (§13): every figure against hand-computed numbers on a small dataset, the
drill-downs behind them, the trend chart, who may see which team, and a query count that does not
grow with the team."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from access.staff import roles
from records.dashboard import figures as dashboard
from records.entries.services import write_to_completed_entry
from records.oversight.audits import team_members
from tests.casework.children.test_query_counts import allocate_many
from tests.factories import AuditDeficiencyFactory, FlagFactory, PaperFileRemovalFactory, RestrictionFactory
from tests.conftest import client_for
from tests.factories import make_staff
from tests.records.oversight.oversight_builders import completed_entry, days_ago, elements, table_rows

DAY = 86400


@pytest.fixture(autouse=True)
def _designs(policy_designs):
    """The approved designs (put back if a browser test emptied the tables)."""


@pytest.fixture
def dataset(child, practitioner, colleague, manager, assessment_team):
    """Hand-made: the numbers each figure must show are written beside the data."""
    now = timezone.now()
    # Priya (practitioner): delays of 1, 4 and 10 days in the last 90 days, two of them late; one older entry.
    e1 = completed_entry(child, practitioner, event_at=days_ago(now, 5), completed_at=days_ago(now, 4))
    e2 = completed_entry(child, practitioner, event_at=days_ago(now, 10), completed_at=days_ago(now, 6), late=True)
    completed_entry(child, practitioner, event_at=days_ago(now, 60), completed_at=days_ago(now, 50), late=True)
    completed_entry(child, practitioner, event_at=days_ago(now, 100), completed_at=days_ago(now, 95), late=True)
    # The colleague: one entry a day after the event, on time; and one waiting for the colleague's endorsement.
    completed_entry(child, colleague, event_at=days_ago(now, 2), completed_at=days_ago(now, 1))
    waiting = completed_entry(child, practitioner, event_at=days_ago(now, 200), completed_at=days_ago(now, 199),
                              originator=colleague, endorsement_requested_at=days_ago(now, 199),
                              information_source="third_party")
    # Open flags for Priya: two write-ups (3 and 1 days overdue) and a case summary (10 days); one closed.
    FlagFactory(kind="write_up_overdue", child=child, entry=e1, owner=practitioner, due_at=days_ago(now, 3))
    FlagFactory(kind="write_up_overdue", child=child, entry=e2, owner=practitioner, due_at=days_ago(now, 1))
    FlagFactory(kind="case_summary_due", child=child, case=child.cases.get(), owner=practitioner,
                due_at=days_ago(now, 10))
    FlagFactory(kind="write_up_overdue", child=child, entry=waiting, owner=practitioner,
                due_at=days_ago(now, 30), closed_at=days_ago(now, 2))
    # Restrictions on Priya's allocated child: one for review within two weeks, one later.
    today = timezone.localdate()
    for review in (today + timedelta(days=5), today + timedelta(days=40)):
        RestrictionFactory(child=child, reason="in_confidence", reason_detail="Told in confidence",
                           advised_by=manager, restricted_by=practitioner, review_date=review)
    # Paper files: one out past its return date, one asked for and not approved.
    for approved in (True, False):
        PaperFileRemovalFactory(
            child=child, requested_by=practitioner, destination="Court", reason="Hearing", security_measures="Locked bag",
            return_by=today - timedelta(days=1), approved_by=manager if approved else None,
            approved_at=now if approved else None)
    AuditDeficiencyFactory(child=child, description="Add the child's views", assigned_to=practitioner,
                           put_right_by=today + timedelta(days=7), by=manager)
    return now


def test_every_figure_matches_the_hand_computed_numbers(dataset, practitioner, colleague, assessment_team):
    members = list(team_members([assessment_team.pk]))
    assert [m.pk for m in members] == sorted([practitioner.pk, colleague.pk],
                                             key=lambda pk: [m.pk for m in members].index(pk))
    figures = dashboard.figures_for(members, dataset)
    priya, other = figures[practitioner.pk], figures[colleague.pk]

    assert priya.flags_total == 3
    assert priya.flags["write_up_overdue"]["count"] == 2 and priya.flags["write_up_overdue"]["days_overdue"] == 3
    assert priya.flags["case_summary_due"]["count"] == 1 and priya.flags["case_summary_due"]["days_overdue"] == 10
    assert (priya.entries[30], priya.late[30], priya.entries[90], priya.late[90]) == (2, 1, 3, 2)
    assert priya.late_share(30) == 50 and round(priya.late_share(90), 1) == 66.7
    assert priya.median_seconds == pytest.approx(4 * DAY, abs=1)
    assert priya.summaries_due == 1  # referred in January, no case summary since
    assert priya.restrictions_due == 1
    assert priya.endorsements_waiting == 0
    assert (priya.paper_files_out, priya.paper_files_overdue) == (1, 1)
    assert priya.deficiencies_open == 1

    assert other.flags_total == 0
    assert (other.entries[30], other.late[30]) == (1, 0) and other.late_share(30) == 0
    assert other.median_seconds == pytest.approx(DAY, abs=1)
    assert other.endorsements_waiting == 1
    assert other.summaries_due == other.restrictions_due == other.paper_files_out == 0

    total = dashboard.totals(figures.values(), "Team")
    assert (total.entries[30], total.late[30], total.flags_total) == (3, 1, 3)
    # Median of 1, 4, 10 (Priya) and 1 (colleague) days: 2.5 days.
    assert dashboard.team_median([practitioner.pk, colleague.pk], dataset) == pytest.approx(2.5 * DAY, abs=1)


def test_manager_sees_the_dashboard_with_links_to_every_figure(dataset, manager, practitioner, assessment_team):
    response = client_for(manager).get(reverse("records:team_dashboard"))
    assert response.status_code == 200
    row = [tr for tr in table_rows(response.content.decode(), "team-figures") if "Priya Shah" in tr.text()][0]
    text = row.text()
    assert "3 open flags" in text and "2 write-up not completed , oldest 3 days overdue" in text
    assert "1 case summary due (every three months) , oldest 10 days overdue" in text
    assert "50%" in text and "1 of 2" in text and "67%" in text and "2 of 3" in text and "4.0 days" in text
    links = {a.attrs.get("href") for a in elements(row, "a")}
    base = f"{reverse('records:team_drilldown')}?team={assessment_team.pk}&practitioner={practitioner.pk}"
    for figure in ("flags", "late30", "late90", "entries90", "summaries", "restrictions", "endorsements",
                   "paper_files", "deficiencies"):
        assert f"{base}&figure={figure}" in links
    assert "Team dashboard" in response.content.decode()  # the top navigation link


def test_trend_chart_is_an_accessible_svg_with_its_numbers_in_a_table(dataset, manager):
    body = client_for(manager).get(reverse("records:team_dashboard")).content.decode()
    svg = elements(body, "svg", role="img")[0]
    assert svg.attrs.get("aria-labelledby") == "trend-title trend-desc"
    assert "trend-title" in body and "<desc" in body
    rows = table_rows(body, "trend-table")
    assert len(rows) == 12
    totals = sum(int(elements(r, "td")[0].text()) for r in rows)
    lates = sum(int(elements(r, "td")[1].text()) for r in rows)
    # Completed in the last 12 weeks: 4, 6 and 50 days ago (Priya; the 50-day one is late) and 1 day ago.
    assert (totals, lates) == (4, 2)
    assert not elements(svg, "script")


def test_trend_buckets_entries_by_london_week(child, practitioner, assessment_team):
    now = timezone.now()
    completed_entry(child, practitioner, event_at=days_ago(now, 1), completed_at=now - timedelta(minutes=5), late=True)
    completed_entry(child, practitioner, event_at=days_ago(now, 9), completed_at=days_ago(now, 7))
    weeks = dashboard.trend([practitioner.pk], now)
    assert (weeks[-1].total, weeks[-1].late) == (1, 1) and weeks[-1].on_time_share == 0
    assert (weeks[-2].total, weeks[-2].late) == (1, 0) and weeks[-2].on_time_share == 100
    assert sum(w.total for w in weeks[:-2]) == 0


@pytest.mark.parametrize("figure, expected", [
    ("flags", 3), ("late30", 1), ("late90", 2), ("entries90", 3), ("summaries", 1), ("restrictions", 1),
    ("paper_files", 1), ("deficiencies", 1),
])
def test_each_figure_drills_down_to_its_records(dataset, manager, practitioner, assessment_team, child, figure, expected):
    url = reverse("records:team_drilldown")
    response = client_for(manager).get(url, {"team": assessment_team.pk, "figure": figure,
                                             "practitioner": practitioner.pk})
    assert response.status_code == 200
    rows = table_rows(response.content.decode(), "drilldown")
    assert len(rows) == expected
    assert all(child.local_id in row.text() for row in rows)


def test_drill_down_by_flag_kind(dataset, manager, practitioner, assessment_team):
    response = client_for(manager).get(reverse("records:team_drilldown"), {
        "team": assessment_team.pk, "figure": "flags", "kind": "case_summary_due"})
    assert len(table_rows(response.content.decode(), "drilldown")) == 1


def test_drill_down_lists_only_what_the_viewer_may_see(dataset, slt, assessment_team):
    # Senior leadership sees the figures of every team, but no child's record: the list names nobody.
    response = client_for(slt).get(reverse("records:team_drilldown"), {"team": assessment_team.pk, "figure": "flags"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 in all" in body and "3 are not listed" in body
    assert not elements(body, "table", id="drilldown")


def test_drill_down_leaves_out_restricted_entries_for_those_without_view_restricted(
        child, practitioner, colleague, manager, assessment_team, slt):
    now = timezone.now()
    entry = completed_entry(child, practitioner, event_at=days_ago(now, 5), completed_at=days_ago(now, 1), late=True)
    restriction = RestrictionFactory(child=child, reason="in_confidence", reason_detail="x", advised_by=manager,
                                     restricted_by=practitioner, review_date=timezone.localdate() + timedelta(days=9))
    write_to_completed_entry(entry, restriction=restriction)
    params = {"team": assessment_team.pk, "figure": "late30"}
    other_manager = make_staff("deputy", role=roles.TEAM_MANAGER, team=assessment_team)
    assessment_team.manager = other_manager  # a manager who may see the child, not its restricted section
    assessment_team.save()
    body = client_for(other_manager).get(reverse("records:team_drilldown"), params).content.decode()
    assert "1 in all" in body and not elements(body, "table", id="drilldown")


def test_a_manager_sees_only_their_own_team(dataset, manager, care_team, assessment_team, other_child):
    client = client_for(manager)
    assert client.get(reverse("records:team_dashboard"), {"team": care_team.pk}).status_code == 404
    assert client.get(reverse("records:team_drilldown"), {"team": care_team.pk, "figure": "flags"}).status_code == 404
    assert client.get(reverse("records:service_dashboard")).status_code == 404


def test_senior_leadership_picks_any_team_and_sees_the_service(dataset, slt, assessment_team, care_team, other_child,
                                                               practitioner):
    client = client_for(slt)
    picker = client.get(reverse("records:team_dashboard")).content.decode()
    assert "Choose a team" in picker and care_team.name in picker
    team_page = client.get(reverse("records:team_dashboard"), {"team": assessment_team.pk}).content.decode()
    assert "Priya Shah" in team_page
    service = client.get(reverse("records:service_dashboard"))
    assert service.status_code == 200
    rows = table_rows(service.content.decode(), "service-figures")
    assessment = [r for r in rows if assessment_team.name in r.text()][0]
    text = assessment.text()
    assert "1 of 3" in text  # the team's last 30 days: Priya 2 (1 late) and the colleague 1
    assert "The whole service" in service.content.decode()


def test_practitioners_have_no_dashboard(practitioner):
    client = client_for(practitioner)
    assert client.get(reverse("records:team_dashboard")).status_code == 404
    assert client.get(reverse("records:service_dashboard")).status_code == 404


def _grow_team(team, manager, size: int):
    """`size` practitioners in the team, each with a child, a late entry and an open flag."""
    now = timezone.now()
    existing = team_members([team.pk]).count()
    for n in range(existing, size):
        worker = make_staff(f"worker{n}", role=roles.PRACTITIONER, team=team)
        kid = allocate_many(1, team=team, worker=worker, by=manager, last_name=f"Grow{n}")[0]
        entry = completed_entry(kid, worker, event_at=days_ago(now, 3), completed_at=days_ago(now, 1), late=True)
        FlagFactory(kind="write_up_overdue", child=kid, entry=entry, owner=worker, due_at=days_ago(now, 2))


# Session, user, roles, delegations, the teams overseen (read once), the members; then the figures: the entries'
# one pass, the flags by kind, the allocations' one pass (case summaries and visits due), the small tables' counts
# in one (restrictions, endorsements, audit deficiencies, paper files); the audit results; the staff profile.
DASHBOARD_QUERIES = 12
# The service's: the same figures for every team, and the teams' medians; senior leaders' pages also check the role
# again and count what awaits their approval (§2): designs and forms, one query each.
SENIOR_DASHBOARD_QUERIES = 16


@pytest.mark.parametrize("size", [3, 12])
def test_dashboard_queries_do_not_grow_with_the_team(dataset, manager, assessment_team, size,
                                                     django_assert_max_num_queries):
    _grow_team(assessment_team, manager, size)
    client = client_for(manager)
    with django_assert_max_num_queries(DASHBOARD_QUERIES) as captured:
        response = client.get(reverse("records:team_dashboard"))
    assert response.status_code == 200
    assert len(table_rows(response.content.decode(), "team-figures")) == size
    assert len(captured) <= DASHBOARD_QUERIES


def test_dashboard_query_count_is_the_same_for_3_and_12(dataset, manager, assessment_team):
    client = client_for(manager)
    counts = []
    for size in (3, 12):
        _grow_team(assessment_team, manager, size)
        client.get(reverse("records:team_dashboard"))  # warm the session
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("records:team_dashboard")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("size", [3, 12])
def test_service_dashboard_queries_do_not_grow(dataset, slt, manager, assessment_team, size,
                                               django_assert_max_num_queries):
    _grow_team(assessment_team, manager, size)
    client = client_for(slt)
    with django_assert_max_num_queries(SENIOR_DASHBOARD_QUERIES):
        assert client.get(reverse("records:service_dashboard")).status_code == 200


def test_a_second_team_of_the_same_manager_is_offered(manager, assessment_team):
    from tests.factories import TeamFactory

    second = TeamFactory(name="Second Team", manager=manager)
    body = client_for(manager).get(reverse("records:team_dashboard")).content.decode()
    assert second.name in body
    assert client_for(manager).get(reverse("records:team_dashboard"), {"team": second.pk}).status_code == 200


def test_drilldown_query_count_is_the_same_for_3_and_12(dataset, manager, assessment_team):
    """Every figure's list of records behind it, for the whole team: no query per row."""
    client = client_for(manager)
    counts = {figure: [] for figure in dashboard.FIGURES}
    for size in (3, 12):
        _grow_team(assessment_team, manager, size)
        for figure in dashboard.FIGURES:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("records:team_drilldown"), {"team": assessment_team.pk, "figure": figure})
            assert response.status_code == 200, figure
            counts[figure].append(len(captured))
    assert {figure: n[0] for figure, n in counts.items()} == {figure: n[1] for figure, n in counts.items()}
