"""Writes to the basic record (§5.1) and sibling links (§5.3).

Each service validates, saves (attributed to the person acting, for simple-history) and writes its
audit event in one transaction. Nothing is deleted: items are corrected, with a reason that the
history keeps, or ended.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction, Restriction
from casework.basic_record.models import BasicRecordItem, LegalStatus, Placement, SiblingLink
from casework.children.changes import case_facts_changed
from casework.children.authorisation import Need, may, require
from casework.models import Child, Household, HouseholdMember
from casework.children.restrictions import check_restriction, create_restriction
from casework.recording.lateness import mark_update, sign_new
from casework.returns import codes

# Items whose start is a plan rather than a fact may begin in the future (a contact arrangement agreed
# to start next month); the others record what has happened.
MAY_START_IN_FUTURE = {"ContactArrangement"}


def _check_dates(*, start, end, start_may_be_future: bool, what: str = "") -> None:
    today = timezone.localdate()
    if start is not None and start > today and not start_may_be_future:
        raise ValidationError(f"The start date{what} cannot be in the future.")
    if end is not None:
        if end > today:
            raise ValidationError("The end date cannot be in the future.")
        if start is not None and end < start:
            raise ValidationError("The end date cannot be before the start date.")


def _check_item(item: BasicRecordItem) -> None:
    _check_dates(start=item.start_date, end=item.end_date,
                 start_may_be_future=type(item).__name__ in MAY_START_IN_FUTURE)
    if item.end_date is not None and isinstance(item, Placement) and not item.end_reason.strip():
        raise ValidationError("Enter the reason the placement ended.")
    # The children looked after return's codes (issue 17), against the DfE's lists for the collection year.
    problems = (codes.placement_problems(item) if isinstance(item, Placement)
                else codes.legal_status_problems(item) if isinstance(item, LegalStatus) else {})
    if problems:
        raise ValidationError(list(problems.values()))
    if getattr(item, "supervised", False) and not item.supervised_by.strip():
        raise ValidationError("Enter who supervises the contact.")
    if item.EVENT_DATE_FIELD == "event_date":
        # §4, §10: what the item records is dated, so that recording it late can be seen.
        if item.event_date is None and item._state.adding:  # older items may lack it
            raise ValidationError("Enter the date of what this records.")
        if item.event_date is not None and item.event_date > timezone.localdate():
            raise ValidationError("The date of what this records cannot be in the future.")
    item.full_clean(exclude=["child", "recorded_by", "restriction", "ended_by"])


def _visit_facts_changed(item) -> None:
    """A placement or a legal status decides whether a child is looked after, and when their visits are due."""
    if isinstance(item, (Placement, LegalStatus)):
        case_facts_changed([item.child_id])


def _audit(by, child, action: AuditAction, item) -> None:
    record_event(actor=by, action=action, child=child,
                 detail=f"{item._meta.verbose_name} {item.pk}")


# --- Household (§5.1) -----------------------------------------------------------------------------

@transaction.atomic
def add_household_member(*, child: Child, by, full_name: str, relationship: str, joined_on,
                         has_parental_responsibility: bool, date_of_birth=None) -> HouseholdMember:
    """Someone now living in the child's household; a household is opened if none is recorded yet."""
    require(by, child, Need.WRITE)
    if not full_name.strip() or not relationship.strip():
        raise ValidationError("Enter the person's full name and their relationship to the child.")
    _check_dates(start=joined_on, end=None, start_may_be_future=False, what=" of joining")
    with acting_as(by):
        child = Child.objects.select_for_update().get(pk=child.pk)
        if child.household_id is None:
            # The address may not be known yet; the members matter more than waiting for it.
            child.household = Household.objects.create(address_line_1="", town="", postcode="")
            child.save(update_fields=["household"])
        member = HouseholdMember(
            household=child.household, full_name=full_name.strip(), relationship=relationship.strip(),
            joined_on=joined_on, has_parental_responsibility=has_parental_responsibility,
            date_of_birth=date_of_birth, recorded_by=by,
        )
        sign_new(member, by)  # §9 who and when; §10 late by the date they joined
        member.save()
    _audit(by, child, AuditAction.ADDED_HOUSEHOLD_MEMBER, member)
    return member


@transaction.atomic
def record_member_left(*, member: HouseholdMember, by, child: Child, left_on, left_reason: str = "") -> HouseholdMember:
    require(by, child, Need.WRITE)
    member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise ValidationError("This person has already left the household.")
    _check_dates(start=member.joined_on, end=left_on, start_may_be_future=False)
    member.left_on = left_on
    member.left_reason = left_reason.strip()
    mark_update(member, by=by, day=left_on)  # §10: recorded more than two working days after they left
    with acting_as(by):
        member.save()
    _audit(by, child, AuditAction.HOUSEHOLD_MEMBER_LEFT, member)
    return member


# --- Items of the basic record ----------------------------------------------------------------------

@transaction.atomic
def add_item(*, model, child: Child, by, **fields) -> BasicRecordItem:
    require(by, child, Need.WRITE)
    item = model(child=child, recorded_by=by, **fields)
    if item.end_date is not None:
        item.ended_by = by
    _check_item(item)
    sign_new(item, by)  # §9 who, post title and when; §10 "Late entry" if recorded late
    with acting_as(by):
        item.save()
    _audit(by, child, AuditAction.ADDED_TO_BASIC_RECORD, item)
    _visit_facts_changed(item)
    return item


@transaction.atomic
def correct_item(*, item, by, child: Child, reason: str, **fields):
    """Correct what was recorded: the earlier version stays in the history, with the reason."""
    require(by, child, Need.WRITE)
    if not reason.strip():
        raise ValidationError("Enter why you are correcting this.")
    item = type(item).objects.select_for_update().get(pk=item.pk)
    changed = {name: value for name, value in fields.items() if getattr(item, name) != value}
    if not changed:
        raise ValidationError("Nothing has changed: change something, or cancel.")
    for name, value in changed.items():
        setattr(item, name, value)
    if isinstance(item, HouseholdMember):
        _check_dates(start=item.joined_on, end=item.left_on, start_may_be_future=False)
    else:
        _check_item(item)
    mark_update(item, by=by)  # §4: "created or updated late": a late correction says so
    item._change_reason = f"Corrected: {reason.strip()}"
    with acting_as(by):
        item.save()
    _audit(by, child, AuditAction.CORRECTED_BASIC_RECORD, item)
    _visit_facts_changed(item)
    return item


@transaction.atomic
def end_item(*, item: BasicRecordItem, by, end_date, end_reason: str = "", change_reason: str = "",
             reason_ceased: str = "") -> BasicRecordItem:
    """End an item. A placement may be given the reason for the change of placement, a legal status under which the
    child was looked after the reason they stopped being looked after (the SSDA903 return's codes)."""
    require(by, item.child_id, Need.WRITE)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.end_date is not None:
        raise ValidationError("This has already ended.")
    if (change_reason and not isinstance(item, Placement)) or (reason_ceased and not isinstance(item, LegalStatus)):
        raise ValidationError("This reason is not recorded for this kind of item.")
    item.end_date = end_date
    item.end_reason = end_reason.strip()
    if change_reason:
        item.change_reason = change_reason
    if reason_ceased:
        item.reason_ceased = reason_ceased
    item.ended_by = by
    _check_item(item)
    mark_update(item, by=by, day=end_date)  # §10: the end recorded more than two working days after it
    with acting_as(by):
        item.save()
    _audit(by, item.child, AuditAction.ENDED_ON_BASIC_RECORD, item)
    _visit_facts_changed(item)
    return item


@transaction.atomic
def restrict_item(*, item: BasicRecordItem, by, reason: str, reason_detail: str, advised_by, review_date) -> Restriction:
    """§7: place an item in the 'Restricted from user' section, on a manager's advice, with a review date."""
    require(by, item.child_id, Need.VIEW_RESTRICTED)
    child = item.child
    rules = {"child": child, "by": by, "reason": reason, "reason_detail": reason_detail,
             "advised_by": advised_by, "review_date": review_date}
    check_restriction(**rules)
    item = type(item).objects.select_for_update(of=("self",)).select_related("restriction").get(pk=item.pk)
    if item.is_restricted:
        raise ValidationError("This is already restricted.")
    restriction = create_restriction(**rules)
    item.restriction = restriction
    with acting_as(by):
        item.save()
    record_event(actor=by, action=AuditAction.RESTRICTED, child=child,
                 detail=f"{item._meta.verbose_name} {item.pk}: {reason}")
    return restriction


# --- Brothers and sisters (§5.3) ----------------------------------------------------------------------

@transaction.atomic
def link_siblings(*, child: Child, sibling: Child, by, relationship: str, event_date) -> SiblingLink:
    """Link two records as brothers and sisters, from the child's record. The page offers only a sibling
    that `by` may open; the service asks only that they write on the child's record. `event_date`: the day
    it became known (§4, §10: linked more than two working days after it, the link is a Late entry)."""
    require(by, child, Need.WRITE)
    if sibling.pk == child.pk:
        raise ValidationError("A child cannot be linked to their own record.")
    if relationship not in SiblingLink.Relationship.values:
        raise ValidationError("Select how they are related.")
    if event_date is None:
        raise ValidationError("Enter the date it became known that they are brothers or sisters.")
    if event_date > timezone.localdate():
        raise ValidationError("The date it became known cannot be in the future.")
    first, second = sorted((child.pk, sibling.pk))
    # Lock both children in a fixed order, so two people linking the same pair at once do not both succeed.
    list(Child.objects.select_for_update().filter(pk__in=(first, second)).order_by("pk"))
    if SiblingLink.objects.filter(child_a_id=first, child_b_id=second, ended_at__isnull=True).exists():
        raise ValidationError("These records are already linked.")
    link = SiblingLink(child_a_id=first, child_b_id=second, relationship=relationship, linked_by=by,
                       event_date=event_date)
    sign_new(link, by)  # §9 name and post title; §10 Late entry by the date it records
    with acting_as(by):
        link.save()
    for subject in (child, sibling):
        record_event(actor=by, action=AuditAction.LINKED_SIBLING, child=subject, detail=f"sibling link {link.pk}")
    return link


@transaction.atomic
def end_sibling_link(*, link: SiblingLink, by, reason: str) -> SiblingLink:
    # Ended from either child's record: writing on one of the two is enough.
    if not (may(by, link.child_a_id, Need.WRITE) or may(by, link.child_b_id, Need.WRITE)):
        raise PermissionDenied("You do not have access to do this on this child's record.")
    if not reason.strip():
        raise ValidationError("Enter why the link is being ended.")
    link = SiblingLink.objects.select_for_update().get(pk=link.pk)
    if link.ended_at is not None:
        raise ValidationError("This link has already ended.")
    link.ended_at = timezone.now()
    link.ended_by = by
    link.end_reason = reason.strip()
    mark_update(link, by=by)  # §4, §9: who ended it and when; "Late update" by the date it records
    with acting_as(by):
        link.save()
    for child_id in (link.child_a_id, link.child_b_id):
        record_event(actor=by, action=AuditAction.ENDED_SIBLING_LINK, child_id=child_id, detail=f"sibling link {link.pk}")
    return link
