"""The one door to a child: who may read, write, manage or see the restricted information of a child.

What each need means (unchanged from the rules the pages and services kept before):
- READ: the child is in `Child.objects.visible_to(user)` (a per-child `view_child` grant, directly or through a
  team, live emergency access, or a superuser).
- WRITE: READ, and the user's role records on children's records (practitioner, team manager, emergency duty).
- MANAGE: READ, and the user is a team manager (or a superuser): what manager-only actions check.
- VIEW_RESTRICTED: `view_restricted` on the child, which they can see (§7; never through emergency access).

Views take a child only through `child_for_request(request, local_id, need)`. Services that write about a
child call `require(user, child, need)` first, so that a call from a shell, a task or an API cannot skip it;
a service may then add its own narrower rule (the author of a draft, the manager of the child's team).

The rule of refusal: whatever refuses a user on a page about a child (a URL with `local_id`) — this door, a
view's own rule through `refuse`, or a service raising PermissionDenied — the answer is the same 404, which
does not say whether the child exists, and the attempt is written to the access log (§14). A
PermissionDenied from a service is never shown as a form error: `RefusalMiddleware` turns it into that
logged 404, once, for every view; the shared form flows (casework.children.form_pages, access.form_flow)
show only ValidationError on the form and let PermissionDenied through to it. Pages that are not about one
child (a team's audit sample, a loss report) are outside this rule: there a PermissionDenied is Django's 403.
"""

import enum

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import OuterRef
from django.http import Http404
from django.utils import timezone

from access.audit.access_log import record_refusal, record_view
from access.compiled_query import STAND_IN_IDS, STAND_IN_MOMENT, STAND_IN_TEXT, CompiledQuery, stand_in_user
from access.staff import roles
from casework.models import Child


class Need(enum.Enum):
    READ = "read"
    WRITE = "write"
    MANAGE = "manage"
    VIEW_RESTRICTED = "view_restricted"


def _needs(need) -> tuple[Need, ...]:
    return tuple(need) if isinstance(need, (tuple, list, set, frozenset)) else (need,)


def _role_allows(user, needs) -> bool:
    """The part of the needs that the user's role decides, without a query about the child."""
    if not user.is_authenticated or not user.is_active:
        return False
    if Need.WRITE in needs and not roles.can_write_records(user):
        return False
    if Need.MANAGE in needs and not roles.is_team_manager(user):
        return False
    return True


def _child_allows(user, child_qs, needs) -> bool:
    """One query: restricted access implies visibility, so VIEW_RESTRICTED is checked alone when asked."""
    if Need.VIEW_RESTRICTED in needs:
        return child_qs.with_restricted_access_for(user).exists()
    return child_qs.visible_to(user).exists()


def may(user, child, need=Need.READ) -> bool:
    """Whether `user` has `need` (a Need, or a tuple of Needs all required) on `child` (a Child or its id)."""
    needs = _needs(need)
    child_id = getattr(child, "pk", child)
    if child_id is None or not _role_allows(user, needs):
        return False
    return _child_allows(user, Child.objects.filter(pk=child_id), needs)


def require(user, child, need) -> None:
    """The service-side check: PermissionDenied unless `user` has `need` (a Need or a tuple) on `child`."""
    if not may(user, child, need):
        raise PermissionDenied("You do not have access to do this on this child's record.")


def refuse(request, local_id: str = ""):
    """The one refusal: a 404 that says nothing about existence, logged when it names a child."""
    if local_id:
        record_refusal(request, child=Child.objects.filter(local_id=local_id).first(), requested_ref=local_id)
    raise Http404("Not found")


# The door's question on every page of a record, "the child at this local ID, if this user may see it, and may they
# see its restricted information?", built and compiled once per process (access.compiled_query): Django took longer
# to build its union of grants than PostgreSQL took to answer it.
_DOOR = CompiledQuery(user_pk=STAND_IN_IDS[1], now=STAND_IN_MOMENT, local_id=STAND_IN_TEXT)
_CHILD_COLUMNS = tuple(field.attname for field in Child._meta.concrete_fields)


def _door_query(user_pk, now, local_id):
    """The child at `local_id`, its grants looked up for it alone (not every child the user may see gathered first)."""
    user = stand_in_user(user_pk)
    visible = Child.objects.visible_ids(user, only=OuterRef("pk"), now=now)
    return (Child.objects.filter(local_id=local_id).filter(pk__in=visible).order_by()
            .annotate(door_sees_restricted=Child.objects.restricted_granted_here(user))
            .values(*_CHILD_COLUMNS, "door_sees_restricted"))


def _remember_restricted_access(child, user, sees: bool) -> None:
    child.restricted_access_known = (user.pk, sees)


def known_restricted_access(user, child) -> bool | None:
    """Whether `user` may see `child`'s restricted information (§7), as the door found when it let them in on this
    request; None when the door did not ask (the caller asks the database)."""
    known = getattr(child, "restricted_access_known", None)
    return known[1] if known is not None and known[0] == user.pk else None


def _visible_child(user, local_id: str) -> Child | None:
    if user.is_superuser:  # sees every child and its restricted information: no grant to look up
        child, sees = Child.objects.filter(local_id=local_id).first(), True
    else:
        rows = _DOOR.rows("door", _door_query, user_pk=user.pk, now=timezone.now(), local_id=local_id)
        if not rows:
            return None
        row = rows[0]
        sees = row.pop("door_sees_restricted")
        child = Child.from_db(connection.alias, list(row), list(row.values()))
    if child is not None:
        _remember_restricted_access(child, user, sees)
    return child


def child_for_request(request, local_id: str, need: Need = Need.READ, *, shape=None) -> Child:
    """The child at `local_id` if this user has `need` (a Need or a tuple) on it, else the logged 404 of `refuse`.

    `shape` may add select_related/prefetch to the visible queryset (the record page needs more).
    """
    user, needs = request.user, _needs(need)
    child = None
    if _role_allows(user, needs):
        if shape is None:
            child = _visible_child(user, local_id)
        else:
            child = shape(Child.objects.visible_to(user)).filter(local_id=local_id).first()
        if child is not None and Need.VIEW_RESTRICTED in needs:
            sees = known_restricted_access(user, child)
            if not (sees if sees is not None else may(user, child, needs)):
                child = None
    if child is None:
        refuse(request, local_id)
    record_view(request, child)
    return child


def _awaiting_endorsement_by(user, child_qs, entry_id):
    """The child whose completed entry `entry_id` waits for `user`'s endorsement (§4). Entries are records',
    read here by relation name so that casework does not import records."""
    return child_qs.filter(entries__pk=entry_id, entries__originator_id=user.pk, entries__status="completed",
                           entries__endorsement_requested_at__isnull=False, entries__endorsed_at__isnull=True)


def awaits_endorsement_by(user, child, entry_id) -> bool:
    """Whether entry `entry_id` of `child` (a Child or its id) waits for `user`'s endorsement: what lets the person
    asked to endorse reach that entry once the record is no longer theirs to read."""
    child_id = getattr(child, "pk", child)
    if not user.is_authenticated or not user.is_active or child_id is None:
        return False
    return _awaiting_endorsement_by(user, Child.objects.filter(pk=child_id), entry_id).exists()


def child_for_endorsement(request, local_id: str, entry_id: int) -> Child:
    """The door for an endorsement: endorsing an entry gives access to that entry only, for the endorsement.
    Someone asked to endorse who no longer reads the record (a transfer ended their team's access) reaches
    this one entry until they endorse it, and nothing else of the record; others go through `child_for_request`."""
    user = request.user
    child = None
    if user.is_authenticated and user.is_active:
        child = (Child.objects.visible_to(user).filter(local_id=local_id).first()
                 or _awaiting_endorsement_by(user, Child.objects.filter(local_id=local_id), entry_id).first())
    if child is None:
        refuse(request, local_id)
    record_view(request, child)
    return child


class RefusalMiddleware:
    """A PermissionDenied that escapes a view about a child becomes the logged 404 of `refuse`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied):
            return None
        match = getattr(request, "resolver_match", None)
        local_id = match.kwargs.get("local_id") if match else None
        if not local_id:
            return None
        refuse(request, str(local_id))
