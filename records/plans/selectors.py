"""Reads of the child's plan (§5.4). Every one starts from a child the user may see (casework.children.authorisation).

The work done against an outcome is the completed entries linked to it. Entries in the
'Restricted from user' section (§7) are never shown to people without `view_restricted`: they are
only counted, so the page can say restricted information exists and whom to ask.
"""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q

from records.plans.models import InterventionOutcome, KeyTask, OutcomeChange, Plan, PlanOutcome
from records.models import Entry, RecordKind

# Decision answers (keys of the approved decision design, stable across versions) that hold the
# child's and family's views beside the decision they informed (§5.3, §5.4).
VIEWS_OF_DECISION = (("preferred_choice", "The child's and family's preferred choice"),
                     ("preference_followed", "Why their preferred choice was or was not followed"))


def _restricted(entry: Entry) -> bool:
    return entry.restriction_id is not None and entry.restriction.lifted_at is None


def plan_for_child(child) -> Plan | None:
    """The plan of the child's open case, else of their latest case that had one."""
    return (Plan.objects.filter(child=child).select_related("case", "created_by")
            .order_by(F("case__closure_date").desc(nulls_first=True), "-case__referral_date", "-id")).first()


def served_outcomes(entry: Entry):
    """The outcomes this entry serves now (shown on the entry's page)."""
    return PlanOutcome.objects.filter(interventions__entry=entry, interventions__removed_at__isnull=True).order_by("id")


def review_entries(user, child, *, may_see_restricted: bool):
    from records.entries.selectors import visible_entries

    return (visible_entries(user, child, may_see_restricted=may_see_restricted)
            .filter(kind=RecordKind.REVIEW).exclude(status=Entry.Status.PLANNED).order_by("-event_at", "-id"))


@dataclass
class OutcomeView:
    outcome: PlanOutcome
    tasks: list
    changes: list
    work: list  # completed entries the user may see, newest first
    restricted_work: int  # completed linked entries hidden from this user (§7)
    from_review_visible: bool
    reviews_visible: dict = field(default_factory=dict)


@dataclass
class PlanPage:
    plan: Plan | None
    current: list
    closed: list
    hidden_restricted: int
    decisions: list


def _entry_rows():
    return Entry.objects.select_related("recorded_by", "restriction", "completed_by")


def plan_page(child, *, may_see_restricted: bool) -> PlanPage:
    """Everything the plan page shows, in a fixed number of queries however many outcomes, tasks and entries."""
    plan = plan_for_child(child)
    outcomes = []
    if plan is not None:
        links = (InterventionOutcome.objects.filter(removed_at__isnull=True, entry__status=Entry.Status.COMPLETED)
                 .select_related("entry__recorded_by", "entry__restriction")
                 .order_by("-entry__event_at", "-entry__id"))
        outcomes = list(
            plan.outcomes.select_related("from_review__restriction").prefetch_related(
                Prefetch("tasks", queryset=KeyTask.objects.select_related("assigned_to__staff_profile")),
                Prefetch("changes", queryset=OutcomeChange.objects.select_related(
                    "changed_by", "review__restriction")),
                Prefetch("interventions", queryset=links, to_attr="active_links"),
            )
        )
    views, hidden = [], 0
    for outcome in outcomes:
        entries = [link.entry for link in outcome.active_links]
        shown = [e for e in entries if may_see_restricted or not _restricted(e)]
        hidden += len(entries) - len(shown)
        review = outcome.from_review
        for change in outcome.changes.all():
            change.review_visible = change.review_id is not None and (may_see_restricted or not _restricted(change.review))
        views.append(OutcomeView(
            outcome=outcome, tasks=list(outcome.tasks.all()), changes=list(outcome.changes.all()), work=shown,
            restricted_work=len(entries) - len(shown),
            from_review_visible=review is not None and (may_see_restricted or not _restricted(review)),
        ))
    return PlanPage(
        plan=plan, current=[v for v in views if v.outcome.is_current], closed=[v for v in views if not v.outcome.is_current],
        hidden_restricted=hidden, decisions=decisions_with_views(child, may_see_restricted=may_see_restricted),
    )


def views_beside_decision(entry: Entry) -> list[tuple[str, str]]:
    """The child's and family's preferred choice, and why it was or was not followed, of a decision entry."""
    answers = entry.answers or {}
    return [(label, answers.get(key) or "Not recorded") for key, label in VIEWS_OF_DECISION]


def decisions_with_views(child, *, may_see_restricted: bool, limit: int = 50) -> list[Entry]:
    """Completed decisions, newest first, each with the views that informed it (restricted ones left out for others)."""
    decisions = _entry_rows().filter(child=child, kind=RecordKind.DECISION, status=Entry.Status.COMPLETED)
    if not may_see_restricted:
        decisions = decisions.exclude(Q(restriction__isnull=False, restriction__lifted_at__isnull=True))
    rows = list(decisions.order_by("-event_at", "-id")[:limit])
    for entry in rows:
        entry.decision_text = (entry.answers or {}).get("decision", "")
        entry.views = views_beside_decision(entry)
    return rows
