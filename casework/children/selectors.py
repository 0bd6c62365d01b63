"""Reads about children. Every view, search, list and export starts from `Child.objects.visible_to(user)`."""

import re
from datetime import date, datetime

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from access.models import EmergencyAccess
from access.staff import roles
from casework.children.authorisation import known_restricted_access
from casework.children.identity import looks_like_local_id, normalise_for_search, normalise_nhs_number
from casework.models import Allocation, Case, Child


def current_allocations() -> QuerySet[Allocation]:
    return Allocation.objects.filter(ended_at__isnull=True, case__closure_date__isnull=True)


def caseload_for(user) -> QuerySet[Child]:
    """'My caseload': visible children whose open case is allocated to this worker now."""
    mine = current_allocations().filter(worker=user)
    since = mine.filter(case__child=OuterRef("pk")).values("started_at")[:1]
    return (
        Child.objects.visible_to(user)
        .filter(pk__in=mine.values("case__child_id"))
        .annotate(allocated_since=Subquery(since))
        .order_by("last_name", "first_name")
    )


def awaiting_allocation_for_manager(user) -> QuerySet[Child]:
    """Children whose open case sits with a team this user manages, with no worker yet."""
    waiting = current_allocations().filter(worker__isnull=True, team__manager=user)
    return Child.objects.visible_to(user).filter(pk__in=waiting.values("case__child_id")).order_by("created_at")


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y", "%d %B %Y", "%d %b %Y")


def parse_date_query(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


SEARCH_LIMIT = 50


def query_kind(query: str) -> str:
    """What a search box holds, in words: a local child ID, an NHS number, a date of birth or a name."""
    if looks_like_local_id(query):
        return "local child ID"
    if re.fullmatch(r"\d{10}", normalise_nhs_number(query)):
        return "NHS number"
    if parse_date_query(query) is not None:
        return "date of birth"
    return "name"


def _matching(children: QuerySet[Child], query: str) -> QuerySet[Child]:
    """`children` matching the query: each kind is one indexed lookup (local ID, NHS number, date of birth, and the
    name's trigram index on PostgreSQL, casework 0011)."""
    query = (query or "").strip()
    kind = query_kind(query) if query else ""
    if kind == "local child ID":
        return children.filter(local_id=query.upper())
    if kind == "NHS number":
        return children.filter(nhs_number=normalise_nhs_number(query))
    if kind == "date of birth":
        as_date = parse_date_query(query)
        return children.filter(Q(date_of_birth=as_date) | Q(expected_date_of_birth=as_date)).order_by(
            "last_name", "first_name")
    words = normalise_for_search(query).split()
    if not words:
        return children.none()
    for word in words:
        children = children.filter(search_name__contains=word)
    return children.order_by("last_name", "first_name")


def search_children(user, query: str) -> QuerySet[Child]:
    """Search visible children by name (partial, any accent or case), date of birth, local ID or NHS number."""
    return _matching(Child.objects.visible_to(user), query)


# §4 (EDT): emergency duty staff find a child they are not allocated, to open the record for 24 hours.
EMERGENCY_SEARCH_LIMIT = 20
EMERGENCY_NAME_MIN_LETTERS = 3  # a name search is not a way to browse every child


def emergency_query_problem(query: str) -> str:
    """Why an emergency duty search cannot run, in words ("" when it can)."""
    if not query:
        return "Enter a name, date of birth, local child ID or NHS number"
    if query_kind(query) == "name" and len(normalise_for_search(query).replace(" ", "")) < EMERGENCY_NAME_MIN_LETTERS:
        return f"Enter at least {EMERGENCY_NAME_MIN_LETTERS} letters of the name, or the date of birth"
    return ""


def emergency_duty_search(user, query: str) -> QuerySet[Child]:
    """Any child matching the query, for emergency duty staff only (others get none), with only what picks the
    right child: name, date of birth, local ID and the team that holds the open case (`team_name`). Nothing else of
    the record is read. One query."""
    if not roles.has_role(user, roles.EMERGENCY_DUTY):
        return Child.objects.none()
    if emergency_query_problem(query):
        return Child.objects.none()
    team = current_allocations().filter(case__child=OuterRef("pk")).order_by("-started_at").values("team__name")[:1]
    return (
        _matching(Child.objects.all(), query)
        .only("local_id", "first_name", "last_name", "preferred_name", "is_unborn", "date_of_birth",
              "expected_date_of_birth")
        .annotate(team_name=Subquery(team))
    )


def child_record(child_qs: QuerySet[Child]) -> QuerySet[Child]:
    """What the record page shows, fetched in a fixed number of queries whatever the history."""
    return child_qs.select_related("household").prefetch_related(
        "household__members",
        Prefetch(
            "cases",
            queryset=Case.objects.select_related("recorded_by__staff_profile").prefetch_related(
                Prefetch(
                    "allocations",
                    queryset=Allocation.objects.select_related(
                        "team", "worker__staff_profile", "allocated_by__staff_profile"
                    ),
                )
            ),
        ),
    )


def may_see_restricted(user, child: Child) -> bool:
    """§7: `view_restricted` on this child, which they can see (Need.VIEW_RESTRICTED in authorisation). The door
    answered it with the child when it let this user in (no second query)."""
    known = known_restricted_access(user, child)
    if known is not None:
        return known
    return Child.objects.with_restricted_access_for(user).filter(pk=child.pk).exists()


def emergency_accesses_for_manager(user, *, days: int = 14):
    """Emergency access to children of the teams this user manages, most recent first."""
    from datetime import timedelta

    since = timezone.now() - timedelta(days=days)
    accesses = EmergencyAccess.objects.filter(started_at__gte=since).select_related("user", "child")
    if user.is_superuser:
        return accesses.order_by("-started_at")
    team_children = current_allocations().filter(team__manager=user).values("case__child_id")
    return accesses.filter(child_id__in=team_children).order_by("-started_at")


def access_log_for_child(child, *, before_id: int | None = None, user_id: int | None = None, limit: int = 50):
    """Who has viewed the child's record (§14), newest first, by keyset on id."""
    from access.models import AccessLog

    rows = AccessLog.objects.filter(child=child).select_related("user__staff_profile").order_by("-id")
    if before_id:
        rows = rows.filter(id__lt=before_id)
    if user_id:
        rows = rows.filter(user_id=user_id)
    return list(rows[:limit])


def whom_to_ask(child: Child) -> list[str]:
    """§7: whom people without access to restricted information are told to ask: the allocated worker and manager."""
    allocation = (
        Allocation.objects.filter(case__child=child, ended_at__isnull=True)
        .select_related("worker__staff_profile", "team__manager__staff_profile").first()
    )
    if allocation is None:
        return []
    people = [allocation.worker, allocation.team.manager]
    return [f"{p.get_full_name()}, {p.staff_profile.post_title}" for p in people if p is not None and hasattr(p, "staff_profile")]
