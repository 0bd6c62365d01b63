"""Reads of entries. Every one starts from a child the user may see (casework.children.authorisation)."""

from datetime import datetime

from django.db.models import Q, QuerySet

from casework.children.selectors import whom_to_ask  # noqa: F401  the records pages ask it here too
from records.models import (
    Entry, GlossaryTerm, InterventionOutcome, OutcomeProgress, PhraseToAvoid, PlanOutcome, RecordKind,
)
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


def known_answers(entry: Entry) -> dict[str, str]:
    """Nothing asked twice: the answers already known when a write-up starts, as the first values of its
    questions (the practitioner may change them). The purpose given when the visit was planned, who was
    present from a contact's first page, the reason for involvement from the referral. Only until the
    draft is first saved with answers: an answer the practitioner cleared stays cleared."""
    if entry.answers:
        return {}
    known = {}
    if entry.kind == RecordKind.VISIT:
        known["purpose"] = entry.planned_purpose
    elif entry.kind.startswith("contact_"):
        known["people"] = entry.others_present
    elif entry.kind == RecordKind.CASE_SUMMARY:
        known["reason_for_involvement"] = entry.case.referral_reason
    return {key: value for key, value in known.items() if value}


def writing_guidance(text: str) -> Guidance:
    glossary = dict(GlossaryTerm.objects.values_list("acronym", "meaning"))
    phrases = dict(PhraseToAvoid.objects.values_list("phrase", "suggestion"))
    return guidance_for(text, glossary=glossary, phrases=phrases)


# Interventions that say which outcome they serve (§5.4): visits, contacts and decisions.
INTERVENTION_KINDS = frozenset(
    kind.value for kind in RecordKind if kind == RecordKind.VISIT or kind == RecordKind.DECISION
    or kind.value.startswith("contact_")
)


def linkable_outcomes(entry: Entry):
    """The outcomes an entry may serve: current outcomes of the plan of its own case (so of its own child)."""
    return PlanOutcome.objects.filter(plan__case_id=entry.case_id, plan__child_id=entry.child_id,
                                      status=PlanOutcome.Status.CURRENT).order_by("created_at", "id")


def progress_outcomes(entry: Entry):
    """§5.5: the outcomes a case summary says the progress against: the current ones of its case's plan,
    and any it already wrote about (an outcome achieved or ended since stays)."""
    if entry.kind != RecordKind.CASE_SUMMARY:
        return PlanOutcome.objects.none()
    written = OutcomeProgress.objects.filter(entry=entry).values("outcome_id")
    return (PlanOutcome.objects.filter(plan__case_id=entry.case_id, plan__child_id=entry.child_id)
            .filter(Q(status=PlanOutcome.Status.CURRENT) | Q(pk__in=written)).order_by("created_at", "id"))


def linked_outcome_ids(entry: Entry) -> list[int]:
    return list(InterventionOutcome.objects.filter(entry=entry, removed_at__isnull=True)
                .values_list("outcome_id", flat=True))


SAME_DAY_LIMIT = 20


def same_day_entries_under_emergency_access(user, child) -> QuerySet[Entry] | None:
    """§4: the same-day entries (safeguarding, Emergency Duty Team) an emergency duty user with live
    emergency access to this child is shown first; None for anyone else. Never restricted content (§7)."""
    from django.utils import timezone

    from access.models import EmergencyAccess
    from access.staff import roles

    if not roles.has_role(user, roles.EMERGENCY_DUTY):  # roles are read once per request: no query for others
        return None
    live = EmergencyAccess.objects.filter(user_id=user.pk, child_id=child.pk, expires_at__gt=timezone.now())
    if not live.exists():
        return None
    return (visible_entries(user, child, may_see_restricted=False).exclude(same_day_reason="")
            .order_by("-event_at", "-id"))
