"""Consent (§6), information sharing and the disclosure log (§7), and telling the child and family
about their records (§3).

Services take keyword arguments, check the rule, save and write their audit event in one
transaction. The disclosure log is append-only (a database trigger, access 0006).
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from access.staff import roles
from access.audit.services import record_event
from access.models import AuditAction, Consent, Disclosure, RecordsInformation, SubjectAccessRequest
from casework.children.authorisation import Need, may, require
from records.documents.services import visible_documents
from records.entries.selectors import visible_entries
from records.models import DisclosedItem, Document, Entry

NAME_WHAT_WAS_SHARED = "Choose the entries or documents that were shared"

Basis = Disclosure.Basis


def _required(value: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationError(message)
    return value.strip()


def _not_future(day: date, message: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(message)


# --- Consent (§6) ---------------------------------------------------------------------------------

@transaction.atomic
def record_consent(*, child, by, person_name: str, relationship: str, decision: str, agencies: str, purpose: str,
                   obtained_on: date, obtained_how: str) -> Consent:
    """Who gave or refused agreement to share information about the child, with whom, for what, when and how."""
    require(by, child, Need.WRITE)
    person_name = _required(person_name, "Enter the name of the person who gave or refused consent")
    agencies = _required(agencies, "Enter which agencies the consent covers")
    purpose = _required(purpose, "Enter the purpose the consent covers")
    if relationship not in Consent.Relationship.values:
        raise ValidationError("Select the person's relationship to the child")
    if decision not in Consent.Decision.values:
        raise ValidationError("Select whether consent was given or refused")
    if obtained_how not in Consent.How.values:
        raise ValidationError("Select how consent was obtained")
    _not_future(obtained_on, "The date consent was obtained cannot be in the future")
    consent = Consent.objects.create(
        child=child, person_name=person_name, relationship=relationship, decision=decision, agencies=agencies,
        purpose=purpose, obtained_on=obtained_on, obtained_how=obtained_how, recorded_by=by,
    )
    record_event(actor=by, action=AuditAction.RECORDED_CONSENT, child=child,
                 detail=f"consent {consent.pk}: {decision} by {relationship}")
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, by, withdrawn_on: date, notes: str) -> Consent:
    """§6: consent given can be withdrawn; the record keeps when, and what was said."""
    require(by, consent.child_id, Need.WRITE)
    consent = Consent.objects.select_for_update().select_related("child").get(pk=consent.pk)
    if consent.decision != Consent.Decision.GIVEN:
        raise ValidationError("Consent was refused, so there is nothing to withdraw")
    if consent.withdrawn_on is not None:
        raise ValidationError("This consent has already been withdrawn")
    notes = _required(notes, "Enter what was said when consent was withdrawn")
    _not_future(withdrawn_on, "The date consent was withdrawn cannot be in the future")
    if withdrawn_on < consent.obtained_on:
        raise ValidationError("Consent cannot be withdrawn before the date it was given")
    consent.withdrawn_on, consent.withdrawal_notes = withdrawn_on, notes
    consent.save()
    record_event(actor=by, action=AuditAction.WITHDREW_CONSENT, child=consent.child,
                 detail=f"consent {consent.pk}: withdrawn {withdrawn_on:%d/%m/%Y}")
    return consent


def consent_in_force_on(consent: Consent, day: date) -> bool:
    """Given, obtained by `day`, and not withdrawn by then."""
    return (consent.decision == Consent.Decision.GIVEN and consent.obtained_on <= day
            and (consent.withdrawn_on is None or consent.withdrawn_on > day))


# --- Sharing and the disclosure log (§6, §7) ------------------------------------------------------

@transaction.atomic
def record_disclosure(*, child, by, shared_with_person: str, shared_with_agency: str, shared_at: datetime,
                      what: str, why: str, basis: str, consent: Consent | None = None, consent_covers: bool = False,
                      public_interest_justification: str = "", decided_by=None,
                      subject_access_request: SubjectAccessRequest | None = None,
                      entries=(), documents=(), restricted_reason: str = "") -> Disclosure:
    """Record that information was shared: with whom, when, what, why, by whom, and on what basis.

    The basis is consent in force that covers this sharing; or, without consent, a public-interest
    justification and the team manager who decided (§6); or a subject access request; or routine
    sharing with the child or their family (§7: information is normally shared with them).
    The entries and documents shared are named, from the child's own record (§7): every disclosure
    names at least one, whatever its basis. Any in 'Restricted from user' only by someone who may see them, with the reason.
    """
    require(by, child, Need.WRITE)
    shared_with_person = _required(shared_with_person, "Enter who the information was shared with")
    what = _required(what, "Enter what information was shared")
    why = _required(why, "Enter why the information was shared")
    if shared_at > timezone.now():
        raise ValidationError("Information that has been shared cannot have been shared in the future")
    shared_on = timezone.localdate(shared_at)
    fields = {}
    if basis == Basis.CONSENT:
        if consent is None or consent.child_id != child.pk:
            raise ValidationError("Select the consent the sharing relied on")
        if not consent_in_force_on(consent, shared_on):
            raise ValidationError("That consent was not in force on the day the information was shared")
        if not consent_covers:
            raise ValidationError("Confirm that the consent covers this agency and purpose, or choose another basis")
        fields["consent"] = consent
    elif basis == Basis.PUBLIC_INTEREST:
        fields["public_interest_justification"] = _required(
            public_interest_justification, "Enter why sharing without consent is in the public interest")
        if decided_by is None:
            raise ValidationError("Select the team manager who decided to share without consent")
        if not roles.is_team_manager(decided_by):
            raise ValidationError("The decision to share without consent must be made by a team manager")
        fields["decided_by"] = decided_by
    elif basis == Basis.SUBJECT_ACCESS:
        if not roles.is_team_manager(by):
            raise PermissionDenied("Only a team manager shares information for a subject access request.")
        if subject_access_request is None or subject_access_request.child_id != child.pk:
            raise ValidationError("Select the subject access request")
        if subject_access_request.identity_checked_on is None:
            raise ValidationError("Check the requester's identity before sharing for a subject access request")
        if subject_access_request.status == SubjectAccessRequest.Status.CLOSED:
            raise ValidationError("That subject access request was closed without release")
        fields["subject_access_request"] = subject_access_request
    elif basis != Basis.ROUTINE:
        raise ValidationError("Select the basis for sharing")
    items = _items_to_disclose(child=child, by=by, entries=entries, documents=documents,
                               restricted_reason=restricted_reason)
    if not items:  # §7: every disclosure names what it shared, whatever its basis
        raise ValidationError(NAME_WHAT_WAS_SHARED)
    disclosure = Disclosure.objects.create(
        child=child, shared_at=shared_at, shared_with_person=shared_with_person,
        shared_with_agency=(shared_with_agency or "").strip(), what=what, why=why, shared_by=by, basis=basis, **fields,
    )
    for item in items:
        item.disclosure = disclosure
        item.save()
    restricted = sum(item.was_restricted for item in items)
    record_event(actor=by, action=AuditAction.SHARED_INFORMATION, child=child,
                 detail=f"disclosure {disclosure.pk}: {basis}; {len(items)} items named, {restricted} restricted")
    return disclosure


def _items_to_disclose(*, child, by, entries, documents, restricted_reason: str) -> list[DisclosedItem]:
    """§7: only the child's own completed entries and documents not withdrawn; restricted ones only by
    someone who may see them, giving the reason for sharing them."""
    entry_ids = {entry.pk for entry in entries}
    document_ids = {document.pk for document in documents}
    found_entries = list(Entry.objects.filter(pk__in=entry_ids, child=child, status=Entry.Status.COMPLETED)
                         .select_related("restriction"))
    found_documents = list(Document.objects.filter(pk__in=document_ids, child=child, withdrawn_at__isnull=True)
                           .select_related("restriction"))
    if len(found_entries) != len(entry_ids) or len(found_documents) != len(document_ids):
        raise ValidationError("Choose only completed entries and current documents from this child's record")
    items = [DisclosedItem(entry=entry, was_restricted=_restricted(entry)) for entry in found_entries]
    items += [DisclosedItem(document=document, was_restricted=_restricted(document)) for document in found_documents]
    if any(item.was_restricted for item in items):
        if not may(by, child, Need.VIEW_RESTRICTED):
            raise PermissionDenied("Only someone who may see restricted information shares it.")
        restricted_reason = _required(
            restricted_reason, "Enter why information in 'Restricted from user' was shared")
        for item in items:
            if item.was_restricted:
                item.restricted_reason = restricted_reason
    return items


def _restricted(item) -> bool:
    return item.restriction_id is not None and item.restriction.lifted_at is None


# --- Telling the child and family about their records (§3) ----------------------------------------

@transaction.atomic
def record_records_information(*, child, by, told_on: date, who_was_told: str, language: str, format: str,
                               told_whom: str = RecordsInformation.ToldWhom.CHILD_AND_FAMILY) -> RecordsInformation:
    """§3: who was told about their records and rights, when, and how: the family, and the child once old
    enough to understand (until both are, within 20 working days of referral, the case is flagged)."""
    require(by, child, Need.WRITE)
    if told_whom not in RecordsInformation.ToldWhom.values:
        raise ValidationError("Select who has now been told")
    who_was_told = _required(who_was_told, "Enter who was told about their records and rights")
    language = _required(language, "Enter the language the information was given in")
    format = _required(format, "Enter the form the information was given in")
    _not_future(told_on, "The date they were told cannot be in the future")
    told = RecordsInformation.objects.create(child=child, told_on=told_on, told_by=by, who_was_told=who_was_told,
                                             told_whom=told_whom, language=language, format=format)
    record_event(actor=by, action=AuditAction.RECORDED_RECORDS_INFORMATION, child=child,
                 detail=f"told {told_on:%d/%m/%Y}")
    return told


# --- Reads ----------------------------------------------------------------------------------------

def consents_for(child) -> QuerySet[Consent]:
    return Consent.objects.filter(child=child).select_related("recorded_by").order_by("-obtained_on", "-pk")


def given_consents_for(child) -> QuerySet[Consent]:
    """Consents that sharing may rely on, newest first (the service checks they were in force that day)."""
    return consents_for(child).filter(decision=Consent.Decision.GIVEN)


def disclosure_log(child) -> QuerySet[Disclosure]:
    items = DisclosedItem.objects.select_related("entry__restriction", "document__restriction").order_by("pk")
    return (Disclosure.objects.filter(child=child)
            .select_related("shared_by", "decided_by", "consent", "subject_access_request")
            .prefetch_related(Prefetch("items", queryset=items))
            .order_by("-shared_at", "-pk"))


def shared_items(disclosure: Disclosure, *, sees_restricted: bool) -> tuple[list[dict], int]:
    """What a disclosure named, as (shown, hidden count): items now in 'Restricted from user' are only
    counted for someone who may not see them (§7). Uses the prefetched items of `disclosure_log`."""
    shown, hidden = [], 0
    for item in disclosure.items.all():
        thing = item.entry or item.document
        if _restricted(thing) and not sees_restricted:
            hidden += 1
            continue
        if item.entry_id:
            label = f"{thing.get_kind_display()}, {timezone.localtime(thing.event_at):%d %b %Y}"
            route = "records:entry_detail"
        else:
            label, route = f"{thing.title} ({thing.document_date:%d %b %Y})", "records:document_detail"
        shown.append({"label": label, "route": route, "pk": thing.pk, "was_restricted": item.was_restricted,
                      "restricted_reason": item.restricted_reason})
    return shown, hidden


def entries_to_share(user, child) -> QuerySet[Entry]:
    """The child's completed entries this user may name as shared: restricted ones only if they may see them."""
    return (visible_entries(user, child).filter(status=Entry.Status.COMPLETED).select_related("restriction")
            .order_by("-event_at", "-pk"))


def documents_to_share(user, child) -> QuerySet[Document]:
    return visible_documents(user, child).filter(withdrawn_at__isnull=True).order_by("-document_date", "-pk")


def records_information_for(child) -> QuerySet[RecordsInformation]:
    return RecordsInformation.objects.filter(child=child).select_related("told_by").order_by("-told_on", "-pk")
