"""The team dashboard and its drill-downs for managers, and the service dashboard for senior leadership
(§13). They read figures from every feature, flags included, so they sit above them all."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from access.staff import roles
from access.models import Team
from casework.children.authorisation import refuse
from records.dashboard import figures as dashboard
from records.form_register.selectors import awaiting_senior_leadership
from records.oversight import audits
from records.oversight.models import RecordAudit


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _require_oversight(request, local_id: str = ""):
    if not audits.may_oversee(request.user):
        refuse(request, local_id)


def _chosen_team(request, teams: list[Team]):
    """The team asked for (?team=id, one of `teams`, those this user oversees), else the first (by name) this
    manager manages: it is among them (the page lists them too, so they are read once)."""
    raw = request.GET.get("team")
    if raw:
        team = next((team for team in teams if team.pk == _int(raw)), None)
        if team is None:
            refuse(request)
        return team
    if roles.is_team_manager(request.user):
        return next((team for team in teams if team.manager_id == request.user.pk), None)
    return None


def _awaiting_approval(user) -> dict | None:
    """§2: senior leaders see what awaits their approval (designs and changed forms); nobody else does."""
    if not roles.is_senior_leader(user):
        return None
    waiting = awaiting_senior_leadership()
    return waiting if any(waiting.values()) else None


@login_required
def team_dashboard(request):
    _require_oversight(request)
    teams = list(audits.teams_overseen_by(request.user))
    team = _chosen_team(request, teams)
    context = {"nav": "dashboard", "team": team, "figures": dashboard.FIGURES, "windows": dashboard.WINDOWS,
               "due_soon_days": dashboard.DUE_SOON_DAYS}
    if team is None:
        return render(request, "records/oversight/dashboard.html",
                      {**context, "teams": teams,
                       "awaiting_approval": _awaiting_approval(request.user),
                       "is_senior": roles.is_senior_leader(request.user) or request.user.is_superuser})
    now = timezone.now()
    members = list(audits.team_members([team.pk]))
    ids = [member.pk for member in members]
    counts = dashboard.completed_counts(ids, now)  # one pass for the figures' counts and the trend
    rows = dashboard.figures_for(members, now, counts)
    weeks = dashboard.trend(ids, now, counts)
    drill = f"{reverse('records:team_drilldown')}?team={team.pk}"
    for row in rows.values():
        row.drill = f"{drill}&practitioner={row.key}"
    total = dashboard.totals(rows.values(), f"{team.name} (whole team)", median_seconds=counts.median_all)
    total.drill = drill
    return render(request, "records/oversight/dashboard.html", {
        **context,
        "rows": [rows[member.pk] for member in members], "total": total,
        "teams": teams,
        "weeks": weeks, "chart": dashboard.chart(weeks),
        "results": audits.audit_results([team.pk]),
        "grades": RecordAudit.Grade.choices,
        "is_senior": roles.is_senior_leader(request.user) or request.user.is_superuser,
        "awaiting_approval": _awaiting_approval(request.user),
    })


@login_required
def service_dashboard(request):
    """Senior leadership: every team, and the service as a whole (§13)."""
    if not (roles.is_senior_leader(request.user) or request.user.is_superuser):
        refuse(request)
    now = timezone.now()
    teams = list(Team.objects.order_by("name"))
    members = list(audits.team_members([team.pk for team in teams]))
    ids = [m.pk for m in members]
    counts = dashboard.completed_counts(ids, now)
    per_user = dashboard.figures_for(members, now, counts)
    medians = dashboard.team_medians(members, now)
    team_rows = []
    for team in teams:
        mine = [per_user[m.pk] for m in members if m.staff_profile.team_id == team.pk]
        row = dashboard.totals(mine, team.name, median_seconds=medians.get(team.pk), key=team.pk)
        row.practitioners = len(mine)
        row.drill = f"{reverse('records:team_drilldown')}?team={team.pk}"
        team_rows.append(row)
    weeks = dashboard.trend(ids, now, counts)
    return render(request, "records/oversight/service_dashboard.html", {
        "nav": "dashboard", "rows": team_rows, "windows": dashboard.WINDOWS,
        "total": dashboard.totals(per_user.values(), "The whole service", median_seconds=counts.median_all),
        "weeks": weeks, "chart": dashboard.chart(weeks), "due_soon_days": dashboard.DUE_SOON_DAYS,
        "results": audits.audit_results([team.pk for team in teams], per_practitioner=False),
        "grades": RecordAudit.Grade.choices,
        "awaiting_approval": _awaiting_approval(request.user),
    })


@login_required
def team_drilldown(request):
    """The records behind one figure of the dashboard: ?team=&figure=&practitioner=&kind=."""
    _require_oversight(request)
    team = _chosen_team(request, list(audits.teams_overseen_by(request.user)))
    figure = request.GET.get("figure", "")
    if team is None or figure not in dashboard.FIGURES:
        refuse(request)
    members = list(audits.team_members([team.pk]))
    practitioner = None
    if request.GET.get("practitioner"):
        practitioner = next((m for m in members if m.pk == _int(request.GET["practitioner"])), None)
        if practitioner is None:
            refuse(request)
    ids = [practitioner.pk] if practitioner else [m.pk for m in members]
    kind = request.GET.get("kind", "")
    page = None
    if figure in dashboard.PAGED:  # paged: a team's open flags and visits due can be many
        rows, total, page = dashboard.PAGED[figure](request.user, ids, kind=kind, number=request.GET.get("page"))
    else:
        rows, total = dashboard.drilldown(request.user, figure, ids, kind=kind)
    listed = page.paginator.count if page else len(rows)
    return render(request, "records/oversight/drilldown.html", {
        "nav": "dashboard", "team": team, "practitioner": practitioner, "title": dashboard.FIGURES[figure],
        "kind_label": dashboard.KIND_LABELS.get(kind, "") if kind else "", "rows": rows, "total": total,
        "not_listed": max(0, total - listed), "limit": None if page else dashboard.DRILLDOWN_LIMIT, "page": page,
    })
