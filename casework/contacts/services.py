"""Writes to the contacts received about a child (issue 17, Annex A list 1). Each service checks through the one door
that the user may write on the child (`require`), validates every answer (the date today or before and not before the
child was born, the source a code of the DfE's referral source list for that date's collection year, what was asked,
a decision of the four), saves attributed to the person acting (simple-history keeps every earlier version) and writes
its audit event, in one transaction: a refusal saves nothing. Nothing is deleted: a wrong contact is corrected, with
the reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as, change_reason
from access.audit.services import record_event
from access.models import AuditAction
from casework.children.authorisation import Need, require
from casework.contacts.models import FrontDoorContact
from casework.models import Child
from casework.returns import codes

MAX_REQUEST = 5000


def _check(contact: FrontDoorContact) -> None:
    """Every rule of a contact, each refused at its field."""
    child, received = contact.child, contact.received_on
    errors = {}
    if received is None:
        errors["received_on"] = "Enter the date the contact was received"
    elif received > timezone.localdate():
        errors["received_on"] = "The date the contact was received must be today or in the past"
    elif child.date_of_birth and received < child.date_of_birth:
        errors["received_on"] = (f"The date the contact was received must be on or after the child was born, "
                                 f"{child.date_of_birth:%-d %B %Y}")
    try:
        codes.check(codes.REFERRAL_SOURCE, contact.source, what="the source of the contact",
                    year=codes.collection_year(received) if received else None)
    except ValidationError as error:
        errors["source"] = error.messages[0]
    if not contact.request.strip():
        errors["request"] = "Enter what was asked"
    elif len(contact.request) > MAX_REQUEST:
        errors["request"] = f"What was asked must be {MAX_REQUEST:,} characters or fewer"
    if contact.decision not in FrontDoorContact.Decision.values:
        errors["decision"] = "Select the decision on the contact"
    if errors:
        raise ValidationError(errors)


def _save(contact: FrontDoorContact, by, action: AuditAction, reason: str = "") -> FrontDoorContact:
    _check(contact)
    if reason:
        contact._change_reason = change_reason(reason)
    with acting_as(by):
        contact.save()
    record_event(actor=by, action=action, child=contact.child, detail=f"{contact._meta.verbose_name} {contact.pk}")
    return contact


@transaction.atomic
def record_contact(*, child: Child, by, received_on: date, source: str, request: str,
                   decision: str) -> FrontDoorContact:
    """A contact received about the child, with the decision on it."""
    require(by, child, Need.WRITE)
    contact = FrontDoorContact(child=child, received_on=received_on, source=source, request=request.strip(),
                               decision=decision, recorded_by=by)
    return _save(contact, by, AuditAction.RECORDED_CONTACT)


@transaction.atomic
def correct_contact(*, contact: FrontDoorContact, by, received_on: date, source: str, request: str, decision: str,
                    reason: str) -> FrontDoorContact:
    """A correction, with why it is made; the earlier version stays in the history."""
    require(by, contact.child_id, Need.WRITE)
    contact = FrontDoorContact.objects.select_for_update().select_related("child").get(pk=contact.pk)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are correcting the contact"})
    given = (received_on, source, request.strip(), decision)
    if given == (contact.received_on, contact.source, contact.request, contact.decision):
        raise ValidationError({"received_on": "Nothing has changed: change something, or cancel"})
    contact.received_on, contact.source, contact.request, contact.decision = given
    return _save(contact, by, AuditAction.CORRECTED_CONTACT, f"Corrected: {reason.strip()}")
