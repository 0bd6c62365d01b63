"""Retention's writes (issue 18): each child's date kept up to date, the monthly review, and the data protection
officer's decisions. Erasure itself is records.retention.erasure, reached only through `approve_erasure`.

`recompute` runs inside the services that open or close a case (and change what the rules read), through
`casework.children.changes.case_facts_changed` (records/apps.py connects it), and over every child in the monthly
review: it reads in one query, works the dates out, and writes only what differs, so running it twice writes
nothing the second time.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from access.audit.history import system_user
from access.audit.models import AuditAction
from access.audit.services import record_event
from access.staff import roles
from casework.banner.selectors import LOOKED_AFTER_STATUSES
from casework.models import Case, Child, LegalStatus, Placement
from records.documents.models import CourtOrder
from records.retention import rules as retention_rules
from records.retention.models import ChildRetention, ErasureProposal, LegalHold, RetentionExtension
from records.retention.selectors import due_for_review, is_data_protection_officer

BATCH = 2000
STORED = ("rule_id", "last_closed_on", "retain_until", "kept_until", "first_listed_on")


def _facts(children):
    """One query: each child's open case, last closure, birth, death, adoption order and whether ever looked after,
    with what is stored now."""
    return children.annotate(
        has_open_case=Exists(Case.objects.filter(child=OuterRef("pk"), closure_date__isnull=True)),
        has_case=Exists(Case.objects.filter(child=OuterRef("pk"))),
        last_closed=Max("cases__closure_date"),
        adoption_order=Min("court_orders__made_on", filter=Q(court_orders__order_type=CourtOrder.OrderType.ADOPTION)),
        looked_after=Exists(Placement.objects.filter(child=OuterRef("pk")))
        | Exists(LegalStatus.objects.filter(child=OuterRef("pk"), status__in=LOOKED_AFTER_STATUSES)),
    ).values_list("pk", "has_open_case", "has_case", "last_closed", "adoption_order", "looked_after", "date_of_birth",
                  "expected_date_of_birth", "date_of_death", *(f"retention__{name}" for name in STORED))


def recompute(child_ids=None) -> int:
    """Make these children's retention dates (every child's, given None) what the rules say: worked out when the
    last case closes, cleared while a case is open (issue 18: a new case recomputes it). Returns rows written."""
    children = Child.objects.all() if child_ids is None else Child.objects.filter(pk__in=list(child_ids))
    rules = None
    changed = []
    for (pk, has_open, has_case, last_closed, adoption, looked_after, born, expected, died,
         *stored) in _facts(children).order_by():
        stored = tuple(stored)
        if not has_case:
            continue
        if has_open or last_closed is None:
            wanted = (None,) * len(STORED)  # a new case: no date, and the officer's decisions start again
        else:
            rules = rules or retention_rules.rules_by_code()
            facts = retention_rules.Facts(born=born or expected, died=died, last_closed=last_closed,
                                          adoption_order=adoption, looked_after=bool(looked_after))
            rule = rules[retention_rules.rule_for(facts)]
            wanted = (rule.pk, last_closed, retention_rules.retain_until(rule, facts), stored[3], stored[4])
        if stored != wanted:
            changed.append(ChildRetention(child_id=pk, **dict(zip(STORED, wanted))))
    with transaction.atomic():
        for start in range(0, len(changed), BATCH):
            ChildRetention.objects.bulk_create(changed[start:start + BATCH], update_conflicts=True,
                                               unique_fields=["child"], update_fields=list(STORED))
    return len(changed)


def on_case_facts_changed(child_ids) -> None:
    recompute(child_ids)


@transaction.atomic
def review(*, today: date | None = None) -> int:
    """The monthly job: every date worked out again, then the records now past their date listed for the data
    protection officer (each once: `first_listed_on`). Run twice, the second run lists nothing new."""
    today = today or timezone.localdate()
    recompute()
    listed = due_for_review(today=today).filter(first_listed_on__isnull=True).update(first_listed_on=today)
    if listed:
        record_event(actor=system_user(), action=AuditAction.LISTED_RECORDS_FOR_RETENTION_REVIEW,
                     detail=f"{listed} record{'s' if listed != 1 else ''} newly due for review")
    return listed


def _require_officer(user) -> None:
    if not is_data_protection_officer(user):
        raise PermissionDenied("Only the data protection officer decides what happens to a record at its retention date.")


def _active_hold(child) -> LegalHold | None:
    return LegalHold.objects.filter(child=child, lifted_at__isnull=True).first()


@transaction.atomic
def keep_longer(*, child: Child, by, keep_until: date, reason: str) -> RetentionExtension:
    """The officer keeps a record past its date, with a reason and a new, later date."""
    _require_officer(by)
    retention = ChildRetention.objects.select_for_update().filter(child=child, retain_until__isnull=False).first()
    if retention is None:
        raise ValidationError("This record has no retention date yet: a case is still open.")
    if not reason.strip():
        raise ValidationError("Say why the record is kept longer.")
    if keep_until <= max(timezone.localdate(), retention.review_date):
        raise ValidationError("The new date must be after today and after the record's current retention date.")
    extension = RetentionExtension.objects.create(child=child, keep_until=keep_until, reason=reason.strip(),
                                                  decided_by=by)
    retention.kept_until = keep_until
    retention.first_listed_on = None  # listed again when the new date passes
    retention.save(update_fields=["kept_until", "first_listed_on"])
    record_event(actor=by, action=AuditAction.KEPT_RECORD_LONGER, child=child,
                 detail=f"kept until {keep_until:%d %B %Y}: {reason.strip()}")
    return extension


@transaction.atomic
def place_hold(*, child: Child, by, reason: str, detail: str) -> LegalHold:
    """A legal hold: the record is never erased while it is on (the database checks it too)."""
    _require_officer(by)
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if reason not in LegalHold.Reason.values:
        raise ValidationError("Choose why the record is held.")
    if not detail.strip():
        raise ValidationError("Say what the hold is for, for example the inquiry or the claim's reference.")
    if _active_hold(child) is not None:
        raise ValidationError("This record is already held.")
    hold = LegalHold.objects.create(child=child, reason=reason, detail=detail.strip(), placed_by=by)
    record_event(actor=by, action=AuditAction.PLACED_LEGAL_HOLD, child=child,
                 detail=f"{hold.get_reason_display()}: {detail.strip()}")
    return hold


@transaction.atomic
def lift_hold(*, child: Child, by, reason: str) -> LegalHold:
    _require_officer(by)
    hold = LegalHold.objects.select_for_update().filter(child=child, lifted_at__isnull=True).first()
    if hold is None:
        raise ValidationError("This record is not held.")
    if not reason.strip():
        raise ValidationError("Say why the hold is lifted.")
    hold.lifted_by, hold.lifted_at, hold.lift_reason = by, timezone.now(), reason.strip()
    hold.save()
    record_event(actor=by, action=AuditAction.LIFTED_LEGAL_HOLD, child=child, detail=reason.strip())
    return hold


@transaction.atomic
def propose_erasure(*, child: Child, by, reason: str = "") -> ErasureProposal:
    """The officer proposes erasing a record past its retention date; a senior leader must approve it."""
    _require_officer(by)
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if _active_hold(child) is not None:
        raise ValidationError("This record is held: it cannot be erased while the hold is on.")
    if not due_for_review(today=timezone.localdate()).filter(child=child).exists():
        raise ValidationError("Only a record past its retention date, with every case closed, can be erased.")
    if ErasureProposal.objects.filter(child=child, erased_at__isnull=True, withdrawn_at__isnull=True).exists():
        raise ValidationError("Erasing this record has already been proposed.")
    proposal = ErasureProposal.objects.create(child=child, local_id=child.local_id, reason=reason.strip(),
                                              proposed_by=by)
    record_event(actor=by, action=AuditAction.PROPOSED_ERASURE, child=child, detail="awaiting senior leadership")
    return proposal


@transaction.atomic
def withdraw_erasure_proposal(*, proposal: ErasureProposal, by) -> ErasureProposal:
    """The officer, or a senior leader declining it, withdraws a proposal: the record stays."""
    if not (is_data_protection_officer(by) or roles.is_senior_leader(by)):
        raise PermissionDenied("Only the data protection officer or senior leadership withdraws a proposal.")
    proposal = ErasureProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending:
        raise ValidationError("This proposal has already been decided.")
    proposal.withdrawn_at = timezone.now()
    proposal.save(update_fields=["withdrawn_at"])
    record_event(actor=by, action=AuditAction.WITHDREW_ERASURE_PROPOSAL, child_id=proposal.child_id)
    return proposal


@transaction.atomic
def approve_erasure(*, proposal: ErasureProposal, by):
    """A senior leader, not the person who proposed it, approves: the record is erased in the same transaction,
    leaving its tombstone (records.retention.erasure)."""
    from records.retention import erasure

    if not roles.is_senior_leader(by):
        raise PermissionDenied("Only senior leadership approves erasing a record.")
    proposal = ErasureProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending:
        raise ValidationError("This proposal has already been decided.")
    if proposal.proposed_by_id == by.pk:
        raise ValidationError("Erasing a record needs two people: someone other than the proposer must approve it.")
    if not roles.has_role(proposal.proposed_by, roles.DATA_PROTECTION_OFFICER):
        raise ValidationError("Only a proposal by the data protection officer can be approved.")
    if _active_hold(proposal.child_id) is not None:
        raise ValidationError("This record is held: it cannot be erased while the hold is on.")
    if not due_for_review(today=timezone.localdate()).filter(child_id=proposal.child_id).exists():
        raise ValidationError("This record is no longer past its retention date: it cannot be erased.")
    proposal.approved_by, proposal.approved_at = by, timezone.now()
    proposal.save(update_fields=["approved_by", "approved_at"])
    return erasure.erase(proposal=proposal)
