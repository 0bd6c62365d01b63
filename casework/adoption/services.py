"""Writes to a child's adoption and permanence record (issue 17). Each service checks through the one door that the
user may write on the child (`require`), validates every rule (dates in order and not in the future, codes of the
DfE's lists for the collection year, the adopters' details consistent as the SSDA903 return's rules 511 to 524 ask),
saves attributed to the person acting (simple-history keeps every earlier version) and writes its audit event, in one
transaction: a refusal saves nothing. Nothing is deleted: a decision is reversed, previous permanence corrected, a
child taken out of a group of brothers and sisters to be placed together."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as, change_reason
from access.audit.services import record_event
from access.models import AuditAction
from casework.adoption.models import SINGLE_ADOPTER, AdoptionDecision, AdoptionSiblingGroup, PreviousPermanence
from casework.basic_record.selectors import sibling_links
from casework.children.authorisation import Need, require
from casework.models import Child
from casework.recording.refusals import long_date, refuse
from casework.returns import codes

PREVIOUS_PERMANENCE = "lac_previous_permanence"
NO_PREVIOUS_PERMANENCE = "Z1"
ADOPTERS_SEX = "lac_adopters_sex"
ADOPTERS_LEGAL_STATUS = "lac_adopters_legal_status"
REASON_PLACED_CEASED = "lac_reason_placed_ceased"
# Where a previous permanence option may have been arranged outside England (the return's LA_PERM).
OUTSIDE_ENGLAND = ("WAL", "SCO", "NIR", "NUK")
# The adopters' sex codes each legal status allows (the return's rules 514, 517, 518, 519, 520 and 524).
COUPLE = ("MM", "FF", "MF")
SEXES_FOR_LEGAL_STATUS = {"L0": SINGLE_ADOPTER, "L11": ("MF",), "L12": ("MM", "FF"), "L2": COUPLE, "L3": ("MF",),
                          "L4": ("MM", "FF")}


def _check_code(list_key: str, code: str, *, field: str, what: str, on) -> None:
    try:
        codes.check(list_key, code, what=what, year=codes.collection_year(on))
    except ValidationError as error:
        refuse(field, error.messages[0])


def _in_the_past(child: Child, field: str, value, what: str) -> None:
    if value > timezone.localdate():
        refuse(field, f"The {what} must be today or in the past")
    if child.date_of_birth and value < child.date_of_birth:
        refuse(field, f"The {what} must be on or after the child was born, {long_date(child.date_of_birth)}")


def _audit(by, child, action: AuditAction, item) -> None:
    record_event(actor=by, action=action, child=child, detail=f"{item._meta.verbose_name} {item.pk}")


def _save(item, by, reason: str = "") -> None:
    item.full_clean(exclude=["child", "recorded_by"])
    if reason:
        item._change_reason = change_reason(reason)
    with acting_as(by):
        item.save()


@transaction.atomic
def record_decision(*, child: Child, by, decided_on) -> AdoptionDecision:
    """The decision that the child should be placed for adoption. A child has one decision at a time: an earlier one
    is reversed first."""
    require(by, child, Need.WRITE)
    child = Child.objects.select_for_update().get(pk=child.pk)
    _in_the_past(child, "decided_on", decided_on, "date of the decision")
    if child.adoption_decisions.filter(reversed_on__isnull=True).exists():
        refuse("decided_on", "The child already has a decision that they should be placed for adoption. Record "
                             "that decision reversed first")
    last = child.adoption_decisions.order_by("-reversed_on").first()
    if last is not None and decided_on < last.reversed_on:
        refuse("decided_on", f"A new decision is after the last one was reversed, {long_date(last.reversed_on)}")
    decision = AdoptionDecision(child=child, decided_on=decided_on, recorded_by=by)
    _save(decision, by)
    _audit(by, child, AuditAction.RECORDED_ADOPTION, decision)
    return decision


@transaction.atomic
def record_match(*, decision: AdoptionDecision, by, matched_on, adopters_sex: str, adopters_legal_status: str,
                 by_foster_carers: bool) -> AdoptionDecision:
    """The match of the child with their adopters, and who the adopters are as the return counts them."""
    require(by, decision.child_id, Need.WRITE)
    decision = AdoptionDecision.objects.select_for_update().select_related("child").get(pk=decision.pk)
    if decision.reversed_on is not None:
        refuse("matched_on", "This decision was reversed: the child is no longer to be placed for adoption")
    _in_the_past(decision.child, "matched_on", matched_on, "date of the match")
    if matched_on < decision.decided_on:
        refuse("matched_on", f"The match must be on or after the decision, {long_date(decision.decided_on)}")
    _check_code(ADOPTERS_SEX, adopters_sex, field="adopters_sex", what="who the adopters are", on=matched_on)
    _check_code(ADOPTERS_LEGAL_STATUS, adopters_legal_status, field="adopters_legal_status",
                what="the adopters' legal status", on=matched_on)
    allowed = SEXES_FOR_LEGAL_STATUS.get(adopters_legal_status, ())
    if adopters_sex not in allowed:
        refuse("adopters_sex", "A single adopter's legal status is 'single'" if adopters_sex in SINGLE_ADOPTER
                else "This legal status does not fit who the adopters are: check both")
    if by_foster_carers not in (True, False):
        refuse("by_foster_carers", "Select whether the adopters are the child's foster carers")
    changed = decision.matched_on is not None
    decision.matched_on, decision.adopters_sex = matched_on, adopters_sex
    decision.adopters_legal_status, decision.by_foster_carers = adopters_legal_status, by_foster_carers
    _save(decision, by, "Match corrected" if changed else "Matched with adopters")
    _audit(by, decision.child, AuditAction.CHANGED_ADOPTION if changed else AuditAction.RECORDED_ADOPTION, decision)
    return decision


@transaction.atomic
def reverse_decision(*, decision: AdoptionDecision, by, reversed_on, reason: str) -> AdoptionDecision:
    """The decision that the child should no longer be placed for adoption, with the reason."""
    require(by, decision.child_id, Need.WRITE)
    decision = AdoptionDecision.objects.select_for_update().select_related("child").get(pk=decision.pk)
    if decision.reversed_on is not None:
        refuse("reversed_on", "This decision was already reversed")
    _in_the_past(decision.child, "reversed_on", reversed_on, "date of the decision")
    if reversed_on < decision.decided_on:
        refuse("reversed_on",
               f"It must be on or after the decision to place for adoption, {long_date(decision.decided_on)}")
    _check_code(REASON_PLACED_CEASED, reason, field="reason", what="why the child should no longer be placed for "
                                                                   "adoption", on=reversed_on)
    decision.reversed_on, decision.reversal_reason = reversed_on, reason
    _save(decision, by, "Decision reversed")
    _audit(by, decision.child, AuditAction.CHANGED_ADOPTION, decision)
    return decision


@transaction.atomic
def place_with_siblings(*, decision: AdoptionDecision, by, siblings) -> AdoptionDecision:
    """Which brothers and sisters the child is to be placed for adoption with (Ofsted's Annex A, list 10's family
    identifier): `siblings`, each linked to the child as a brother or sister, whose record `by` may open and write on,
    with a decision that they should be placed for adoption. Being placed together holds for the whole group: a
    sibling already in another group brings that group's children too (its identifier, the older one, is kept).
    Brothers and sisters `by` may see and leaves out are taken out of the group; children of the group whose records
    `by` may not open stay in it, unless `siblings` is empty: then this child alone leaves the group. A child left
    alone in a group is taken out of it too. Each decision that changes is saved with its history and audited."""
    require(by, decision.child_id, Need.WRITE)
    decision = AdoptionDecision.objects.select_for_update().select_related("child").get(pk=decision.pk)
    if decision.reversed_on is not None:
        refuse("siblings", "This decision was reversed: the child is no longer to be placed for adoption")
    chosen = {sibling.pk for sibling in siblings}
    if decision.child_id in chosen:
        refuse("siblings", "A child cannot be placed with themselves: choose only their brothers and sisters")
    # Visible is enough to write: `by`'s role writes on records (checked above), so WRITE holds on each of them too.
    may_write = {child.pk: child for child in Child.objects.visible_to(by).filter(pk__in=chosen)}
    if set(may_write) != chosen:
        refuse("siblings", "Choose brothers and sisters from the list")
    linked = {link.other(decision.child_id) for link in sibling_links(decision.child)}
    for pk in sorted(chosen - linked):
        refuse("siblings", f"{may_write[pk].full_name} is not linked to this child as a brother or sister: link "
                           "their records first, on the family page")
    # Lock every decision concerned, in a fixed order, so two people grouping the same children do not both win.
    open_decisions = AdoptionDecision.objects.select_for_update().filter(reversed_on__isnull=True)
    theirs = {item.child_id: item for item in open_decisions.filter(child_id__in=chosen).order_by("pk")}
    for pk in sorted(chosen - set(theirs)):
        refuse("siblings", f"{may_write[pk].full_name} has no decision that they should be placed for adoption")
    current = decision.sibling_group
    members = list(open_decisions.filter(sibling_group=current).exclude(pk=decision.pk).order_by("pk")) \
        if current else []
    seen = set(Child.objects.visible_to(by).filter(pk__in=[item.child_id for item in members])
               .values_list("pk", flat=True))
    if not chosen:
        changes = {decision: None}
    else:
        groups = {item.sibling_group for item in [decision, *theirs.values()] if item.sibling_group_id}
        group = min(groups, key=lambda item: item.pk) if groups else AdoptionSiblingGroup(created_by=by)
        if group.pk is None:
            with acting_as(by):
                group.save()
        joining = open_decisions.filter(sibling_group__in=groups).order_by("pk") if groups else []
        changes = {item: group for item in [decision, *theirs.values(), *joining]}
        for item in members:  # brothers and sisters `by` may see and left out are taken out of the group
            if item.child_id in seen and item.child_id not in chosen:
                changes[item] = None
    changes = {item: group for item, group in changes.items() if item.sibling_group_id != getattr(group, "pk", None)}
    if not changes:
        refuse("siblings", "Nothing has changed: choose the brothers and sisters, or cancel")
    left = {item.sibling_group_id for item, group in changes.items() if item.sibling_group_id}
    for item, group in changes.items():
        _group(item, group, by)
    for group_id in left:  # a child alone in a group is to be placed with no one
        remaining = list(open_decisions.filter(sibling_group_id=group_id).order_by("pk"))
        if len(remaining) == 1:
            _group(remaining[0], None, by)
    decision.refresh_from_db()
    return decision


def _group(item: AdoptionDecision, group, by) -> None:
    item.sibling_group = group
    _save(item, by, "To be placed with brothers and sisters" if group else "No longer to be placed with brothers "
                                                                          "and sisters")
    record_event(actor=by, action=AuditAction.CHANGED_ADOPTION, child_id=item.child_id,
                 detail=f"{item._meta.verbose_name} {item.pk}: " + (f"family {group.reference}" if group else
                                                                     "placed with no brother or sister"))


@transaction.atomic
def record_previous_permanence(*, child: Child, by, option: str, arranged_by: str = "", order_date=None,
                               reason: str = "") -> PreviousPermanence:
    """What the child had before coming into care. Recorded once; a later change is a correction, with its reason,
    and the earlier version stays in the history."""
    require(by, child, Need.WRITE)
    child = Child.objects.select_for_update().get(pk=child.pk)
    _check_code(PREVIOUS_PERMANENCE, option, field="option", what="the previous permanence option", on=None)
    arranged_by = arranged_by.strip().upper()
    if option == NO_PREVIOUS_PERMANENCE:
        if arranged_by or order_date:
            refuse("arranged_by" if arranged_by else "order_date",
                   "Leave the council and the date empty: the child had no previous permanence option")
    else:
        if not (re.fullmatch(r"\d{3}", arranged_by) or arranged_by in OUTSIDE_ENGLAND):
            refuse("arranged_by", "Enter the three-digit DfE number of the council that arranged it, or WAL, SCO, "
                                  "NIR or NUK for Wales, Scotland, Northern Ireland or outside the UK")
        if order_date is None:
            refuse("order_date", "Enter the date of the order")
        _in_the_past(child, "order_date", order_date, "date of the order")
    item = PreviousPermanence.objects.filter(child=child).first()
    if item is not None and not reason.strip():
        refuse("reason", "Enter why you are correcting this")
    item = item or PreviousPermanence(child=child, recorded_by=by)
    if item.pk and (item.option, item.arranged_by, item.order_date) == (option, arranged_by, order_date):
        refuse("option", "Nothing has changed: change something, or cancel")
    item.option, item.arranged_by, item.order_date = option, arranged_by, order_date
    corrected = item.pk is not None
    _save(item, by, f"Corrected: {reason.strip()}" if corrected else "")
    _audit(by, child, AuditAction.CHANGED_ADOPTION if corrected else AuditAction.RECORDED_ADOPTION, item)
    return item
