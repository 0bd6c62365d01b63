"""The record banner: who the child is and what every worker must know first, on every page of the record.

`banner_for(user, child)` gathers it in four queries whatever the record holds: the child with its allocation,
access and restriction facts (one query of subqueries), the legal statuses, the placements and the current
alerts. §7: the banner never shows restricted content. A legal status or placement in the 'Restricted from user'
section counts only for those who may see it; to everyone else, emergency duty staff under emergency access
included, the banner says only that restricted information exists and whom to ask, as the list of entries does:
§4 asks that what the Emergency Duty Team needs is there for them, and knowing that there is more, and whom to
ask, tells them nothing of what it is.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import NamedTuple

from django.db.models import Exists, F, Func, OuterRef, Q, Subquery
from django.utils import timezone

from access.compiled_query import STAND_IN_IDS, STAND_IN_MOMENT, CompiledQuery, stand_in_user
from access.models import AccessLog, EmergencyAccess, Restriction
from casework.banner.models import Alert
from casework.basic_record.models import LegalStatus, Placement, SiblingLink
from casework.children.selectors import current_allocations
from casework.handover import Handover
from casework.models import Case, Child, Household


BANNER_QUERIES = 4  # what `banner_for` reads, whatever the record holds (tests bound every page of the record with it)


class Status:
    """The child's statutory status, in the words social workers use."""

    LOOKED_AFTER = "Looked after"
    CHILD_PROTECTION = "Child protection plan"
    CARE_LEAVER = "Care leaver"
    CHILD_IN_NEED = "Child in need"


# Legal statuses under which a child is looked after by the council (Children Act 1989, s22).
LOOKED_AFTER_STATUSES = {
    LegalStatus.Status.SECTION_20, LegalStatus.Status.POLICE_PROTECTION, LegalStatus.Status.EPO,
    LegalStatus.Status.INTERIM_CARE_ORDER, LegalStatus.Status.CARE_ORDER, LegalStatus.Status.PLACEMENT_ORDER,
    LegalStatus.Status.REMAND,
}
CARE_LEAVER_AGES = range(16, 26)  # a young person who was looked after, from 16 to their 25th birthday


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def derive_status(*, has_open_case: bool, legal_statuses, placements, age: int | None,
                  plan_kind: str | None = None) -> str:
    """Looked after (a current placement, or a current legal status under which the council looks after the
    child), on a child protection plan (`plan_kind`, the plan's type where the case records one), a care leaver
    (16 to 25, looked after before and not now), or a child in need (any other open case); "" otherwise.

    `legal_statuses` and `placements` are only the items this viewer may see (§7)."""
    looked_after_items = [s for s in legal_statuses if s.status in LOOKED_AFTER_STATUSES] + list(placements)
    if any(item.end_date is None for item in looked_after_items):
        return Status.LOOKED_AFTER
    if plan_kind == "child_protection" and has_open_case:
        return Status.CHILD_PROTECTION
    if looked_after_items and age in CARE_LEAVER_AGES:
        return Status.CARE_LEAVER
    return Status.CHILD_IN_NEED if has_open_case else ""


class VisitClock(NamedTuple):
    plan_kind: str | None  # the open case's type of plan, e.g. "child_protection"
    due_on: date | None  # the next statutory visit
    overdue: bool


# The type of plan and the statutory visit clocks are kept by the records app, which casework may not
# import: records hands over, when it starts (records/apps.py), the columns that read them, which the banner's
# one child query adds as subqueries ("visit_plan_kind", "visit_due_on": the open case's, the earliest due).
_visit_clock_columns: Handover[Callable[[], dict]] = Handover("statutory visit clock")
use_visit_clock = _visit_clock_columns.give


def _clock_columns() -> dict:
    return _visit_clock_columns.call_or_none() or {}


def visit_clock(facts) -> VisitClock:
    due_on = getattr(facts, "visit_due_on", None)
    return VisitClock(getattr(facts, "visit_plan_kind", None), due_on,
                      due_on is not None and timezone.localdate() > due_on)


@dataclass
class Banner:
    child: Child
    age: int | None
    status: str
    legal_statuses: list[str]
    team_name: str
    worker: str
    has_open_case: bool
    address: str
    placed_with: str
    interpreter: str
    signer: str
    alerts: list["BannerAlert"]
    sibling_links: int
    restricted_notice: str  # "" | "see" (may see it) | "ask" (told only that it exists)
    emergency_until: datetime | None
    next_visit_due: date | None
    next_visit_overdue: bool


def _count(queryset):
    return Subquery(queryset.order_by().annotate(n=Func(F("id"), function="COUNT")).values("n")[:1])


# What the banner shows of the child itself, read with the rest (fresh from the database, not from the page's copy,
# which a form with errors may have changed).
CHILD_FIELDS = ("local_id", "first_name", "middle_names", "last_name", "preferred_name", "is_unborn", "date_of_birth",
                "expected_date_of_birth", "advocate_needed", "advocate_name", "interpreter_needed",
                "preferred_language", "signer_needed", "signer_name", "household_id")


def _facts_query(user, child_pk, now):
    """The child's household, its current allocation, what this user may know about it and its next statutory
    visit, as one row of named columns."""
    allocation = current_allocations().filter(case__child=OuterRef("pk")).order_by("-started_at")
    links = SiblingLink.objects.filter(Q(child_a=OuterRef("pk")) | Q(child_b=OuterRef("pk")), ended_at__isnull=True)
    emergency = EmergencyAccess.objects.filter(user_id=user.pk, child=OuterRef("pk"), expires_at__gt=now)
    columns = {
        **{f"c_{name}": F(name) for name in CHILD_FIELDS},
        "address_line_1": F("household__address_line_1"), "town": F("household__town"),
        "postcode": F("household__postcode"),
        "team_name": Subquery(allocation.values("team__name")[:1]),
        "worker_first": Subquery(allocation.values("worker__first_name")[:1]),
        "worker_last": Subquery(allocation.values("worker__last_name")[:1]),
        "worker_post": Subquery(allocation.values("worker__staff_profile__post_title")[:1]),
        "open_case": Exists(Case.objects.filter(child=OuterRef("pk"), closure_date__isnull=True)),
        "restricted_exists": Exists(Restriction.objects.filter(child=OuterRef("pk"), lifted_at__isnull=True)),
        # The page checked that the user may see the child: only the grant of restricted access is asked.
        "sees_restricted": Child.objects.restricted_granted_here(user),
        "emergency_until": Subquery(emergency.order_by("-expires_at").values("expires_at")[:1]),
        "sibling_link_count": _count(links),
        **_clock_columns(),
    }
    return Child.objects.filter(pk=child_pk).annotate(**columns).values(*columns)


# Compiled once per kind of user (a superuser's restricted access is not a grant) and day, in each process: Django
# took longer to build this query than PostgreSQL to answer it, on every page of every record (access.compiled_query).
_FACTS = CompiledQuery(child_pk=STAND_IN_IDS[0], user_pk=STAND_IN_IDS[1], now=STAND_IN_MOMENT)


def _child_facts(user, child) -> tuple[Child, SimpleNamespace]:
    """The child as the database holds it, and the facts of `_facts_query`: one query."""
    def build(child_pk, user_pk, now):
        stand_in = stand_in_user(user_pk, is_superuser=user.is_superuser)
        return _facts_query(stand_in, child_pk, now)

    key = (user.is_superuser, _visit_clock_columns is not None, timezone.localdate())
    row = _FACTS.rows(key, build, child_pk=child.pk, user_pk=user.pk, now=timezone.now())[0]
    fresh = Child(pk=child.pk, **{name: row.pop(f"c_{name}") for name in CHILD_FIELDS})
    return fresh, SimpleNamespace(**row)


class BannerAlert(NamedTuple):
    kind: str  # in words
    wording: str
    added_by: str  # name, and post where known
    added_at: datetime


def _shown_items(model, child_pk, sees_restricted: bool):
    """The child's legal statuses or placements this user may see (§7), the latest first."""
    items = model.objects.filter(child_id=child_pk)
    if not sees_restricted:
        items = items.filter(Q(restriction__isnull=True) | Q(restriction__lifted_at__isnull=False))
    return items.order_by("-start_date", "-id")


def _current_alerts(child_pk):
    return (Alert.objects.filter(child_id=child_pk, ended_at__isnull=True).order_by("-added_at", "-id")
            .values("kind", "wording", "added_at", first=F("added_by__first_name"), last=F("added_by__last_name"),
                    post=F("added_by__staff_profile__post_title")))


_ALERT_KINDS, _LEGAL_STATUSES = dict(Alert.Kind.choices), dict(LegalStatus.Status.choices)
# The banner's three lists, compiled once per process like its facts (each cost Django more to build than
# PostgreSQL to answer). Keyed by whether the restricted items are shown: the query differs, not only its values.
_LISTS = CompiledQuery(child_pk=STAND_IN_IDS[0])


def _lists(child_pk, sees_restricted: bool) -> tuple[list, list, list[BannerAlert]]:
    def rows(key, build):
        return [SimpleNamespace(**row) for row in _LISTS.rows(key, build, child_pk=child_pk)]

    statuses = rows(("statuses", sees_restricted),
                    lambda child_pk: _shown_items(LegalStatus, child_pk, sees_restricted).values("status", "end_date"))
    placements = rows(("placements", sees_restricted), lambda child_pk: _shown_items(
        Placement, child_pk, sees_restricted).values("end_date", "carer_or_provider", "address"))
    alerts = [
        BannerAlert(kind=_ALERT_KINDS.get(row.kind, row.kind), wording=row.wording, added_at=row.added_at,
                    added_by=", ".join(part for part in (f"{row.first} {row.last}".strip(), row.post) if part))
        for row in rows("alerts", _current_alerts)
    ]
    return statuses, placements, alerts


def banner_for(user, child) -> Banner:
    """Everything the banner shows about `child` to `user`, who may see the child (the page checked it)."""
    child, facts = _child_facts(user, child)
    statuses, placements, alerts = _lists(child.pk, bool(facts.sees_restricted))
    today = timezone.localdate()
    age = None if child.is_unborn else age_on(child.date_of_birth, today)
    current_placement = next((p for p in placements if p.end_date is None), None)
    worker = " ".join(part for part in (facts.worker_first, facts.worker_last) if part)
    if worker and facts.worker_post:
        worker = f"{worker}, {facts.worker_post}"
    restricted = ""
    if facts.restricted_exists:
        restricted = "see" if facts.sees_restricted else "ask"
    clock = visit_clock(facts)
    return Banner(
        child=child, age=age,
        status=derive_status(has_open_case=facts.open_case, legal_statuses=statuses, placements=placements, age=age,
                             plan_kind=clock.plan_kind),
        legal_statuses=[_LEGAL_STATUSES.get(s.status, s.status) for s in statuses if s.end_date is None],
        team_name=facts.team_name or "", worker=worker, has_open_case=facts.open_case,
        address=str(Household(address_line_1=facts.address_line_1, town=facts.town, postcode=facts.postcode))
        if child.household_id else "",
        placed_with=f"{current_placement.carer_or_provider}, {current_placement.address}" if current_placement else "",
        interpreter=child.preferred_language if child.interpreter_needed else "",
        signer=(child.signer_name or "needed, not yet arranged") if child.signer_needed else "",
        alerts=alerts, sibling_links=facts.sibling_link_count or 0, restricted_notice=restricted,
        emergency_until=facts.emergency_until, next_visit_due=clock.due_on, next_visit_overdue=clock.overdue,
    )


RECENT_LIMIT = 10
RECENT_SCAN = 500  # the user's latest views read to find their last 10 children: a fixed cost however long the log


def recently_viewed(user, *, limit: int = RECENT_LIMIT) -> list[Child]:
    """The children this user opened most recently (from the access log, §14), newest first, at most `limit`,
    only those they may still see: a child they lost access to drops out without a trace. Two queries."""
    if not user.is_authenticated:
        return []
    ids = (AccessLog.objects.filter(user=user, outcome=AccessLog.Outcome.VIEWED, child__isnull=False)
           .order_by("-at", "-id").values_list("child_id", flat=True)[:RECENT_SCAN])
    ordered = list(dict.fromkeys(ids))
    visible = {
        c.pk: c for c in Child.objects.visible_to(user).filter(pk__in=ordered).only(
            "pk", "local_id", "first_name", "last_name", "preferred_name", "is_unborn", "date_of_birth",
            "expected_date_of_birth")
    }
    return [visible[pk] for pk in ordered if pk in visible][:limit]
