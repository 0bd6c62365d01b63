"""Reads of entries. Every one starts from a child the user may see (casework.children.authorisation)."""

from datetime import datetime

from django.db.models import Q, QuerySet

from records.models import Entry, Flag, GlossaryTerm, PhraseToAvoid
from records.designs.plain_english import Guidance, guidance_for

ENTRIES_PER_PAGE = 25


def entries_for_child(child) -> QuerySet[Entry]:
    return Entry.objects.filter(child=child).select_related("recorded_by__staff_profile", "form_design")


def _active_restriction():
    return Q(restriction__isnull=False, restriction__lifted_at__isnull=True)


def visible_entries(user, child, *, may_see_restricted: bool | None = None) -> QuerySet[Entry]:
    """The child's entries this user may read: restricted ones (§7) only with `view_restricted`."""
    from casework.children.selectors import may_see_restricted as check

    entries = entries_for_child(child)
    if may_see_restricted is None:
        may_see_restricted = check(user, child)
    return entries if may_see_restricted else entries.exclude(_active_restriction())


def hidden_restricted_count(child) -> int:
    return Entry.objects.filter(child=child).filter(_active_restriction()).count()


def entry_page(entries: QuerySet[Entry], cursor: str | None):
    """One page of a child's entries, newest first, by keyset (event time, id): as quick on page 200 as page 1.

    Returns (entries, next_cursor or None).
    """
    entries = entries.order_by("-event_at", "-id")
    if cursor:
        try:
            moment_text, id_text = cursor.rsplit("_", 1)
            moment, last_id = datetime.fromisoformat(moment_text), int(id_text)
        except ValueError:
            moment = None
        if moment is not None:
            entries = entries.filter(Q(event_at__lt=moment) | Q(event_at=moment, id__lt=last_id))
    rows = list(entries[: ENTRIES_PER_PAGE + 1])
    next_cursor = None
    if len(rows) > ENTRIES_PER_PAGE:
        rows = rows[:ENTRIES_PER_PAGE]
        last = rows[-1]
        next_cursor = f"{last.event_at.isoformat()}_{last.pk}"
    return rows, next_cursor


def writing_guidance(text: str) -> Guidance:
    glossary = dict(GlossaryTerm.objects.values_list("acronym", "meaning"))
    phrases = dict(PhraseToAvoid.objects.values_list("phrase", "suggestion"))
    return guidance_for(text, glossary=glossary, phrases=phrases)


def _visible_open_flags(user):
    from casework.models import Child

    return (
        Flag.objects.filter(closed_at__isnull=True, child__in=Child.objects.visible_to(user).values("pk"))
        .select_related("child", "owner")
        .order_by("due_at", "id")
    )


def open_flags_owned_by(user):
    return _visible_open_flags(user).filter(owner=user)


def open_flags_for_child(user, child):
    return _visible_open_flags(user).filter(child=child)


def open_flags_for_managed_teams(user):
    """Open flags on children whose case is allocated to a team this user manages (§13)."""
    from casework.models import Allocation

    team_children = Allocation.objects.filter(
        team__manager=user, ended_at__isnull=True, case__closure_date__isnull=True
    ).values("case__child_id")
    return _visible_open_flags(user).filter(child_id__in=team_children)


def whom_to_ask(child) -> list[str]:
    """§7: people without access to restricted information are told whom to ask: the allocated worker and manager."""
    from casework.models import Allocation

    allocation = (
        Allocation.objects.filter(case__child=child, ended_at__isnull=True)
        .select_related("worker__staff_profile", "team__manager__staff_profile").first()
    )
    if allocation is None:
        return []
    people = [allocation.worker, allocation.team.manager]
    return [f"{p.get_full_name()}, {p.staff_profile.post_title}" for p in people if p is not None and hasattr(p, "staff_profile")]
