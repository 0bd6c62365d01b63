"""Subject access requests: a copy of the child's record for the child or family (§3, §7; the
access-to-records rights of data protection law).

A request is due one calendar month after it was received; a team manager may extend it, with a
reason, by up to two further months. Only team managers take and manage requests. Releasing the
bundle writes the disclosure log (§7) in the same transaction. Each service writes its audit event.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from access.staff import roles
from access.audit.services import record_event
from access.models import AuditAction, AuditEvent, Disclosure, SubjectAccessRequest
from casework.children.authorisation import Need, require
from casework.models import Child
from records.models import DisclosedItem, Document, Entry, PdfJob

Status = SubjectAccessRequest.Status

RESPONSE_TIME = relativedelta(months=1)
# The one month may be extended "by two further months": three calendar months from receipt in all.
LONGEST_RESPONSE_TIME = relativedelta(months=3)
NEAR_DAYS = 7  # a request this close to its deadline is flagged and highlighted

OPEN_STATUSES = (Status.RECEIVED, Status.IDENTITY_CHECKED, Status.BUNDLE_READY)
# Status changes a manager makes on the status page; "released" only comes from release_subject_access.
NEXT_STATUSES = {
    Status.RECEIVED: (Status.IDENTITY_CHECKED, Status.CLOSED),
    Status.IDENTITY_CHECKED: (Status.BUNDLE_READY, Status.CLOSED),
    Status.BUNDLE_READY: (Status.CLOSED,),
}


def due_date(received_on: date) -> date:
    """One calendar month after receipt; when that month is shorter, its last day (31 Jan -> 28 or 29 Feb)."""
    return received_on + RESPONSE_TIME


def latest_deadline(received_on: date) -> date:
    """The furthest a deadline may be extended: two further months, three calendar months from receipt."""
    return received_on + LONGEST_RESPONSE_TIME


def deadline_state(deadline: date, today: date | None = None) -> str:
    """"past", "near" (within NEAR_DAYS days) or "" for a request's deadline, as of `today` in London."""
    today = today or timezone.localdate()
    if deadline < today:
        return "past"
    if deadline <= today + timedelta(days=NEAR_DAYS):
        return "near"
    return ""


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _audit(by, action: AuditAction, request: SubjectAccessRequest, detail: str) -> None:
    record_event(actor=by, action=action, child=request.child, detail=f"request {request.pk}: {detail}")


def _check_identity(received_on: date, checked_on: date | None, evidence: str) -> None:
    if checked_on is None:
        raise ValidationError("Enter the date the requester's identity was checked")
    if not evidence.strip():
        raise ValidationError("Enter the evidence of identity that was seen")
    if checked_on > timezone.localdate():
        raise ValidationError("The date the identity was checked cannot be in the future")
    if checked_on < received_on:
        raise ValidationError("The identity cannot have been checked before the request was received")


@transaction.atomic
def create_subject_access_request(*, child, by, requester_name: str, relationship: str, received_on: date,
                                  identity_checked: bool = False, identity_checked_on: date | None = None,
                                  identity_evidence: str = "") -> SubjectAccessRequest:
    require(by, child, Need.MANAGE)
    if not requester_name.strip():
        raise ValidationError("Enter the name of the person making the request")
    if not relationship.strip():
        raise ValidationError("Enter the requester's relationship to the child")
    if received_on > timezone.localdate():
        raise ValidationError("The date the request was received cannot be in the future")
    if identity_checked:
        _check_identity(received_on, identity_checked_on, identity_evidence)
    request = SubjectAccessRequest.objects.create(
        child=child, requester_name=requester_name.strip(), relationship=relationship.strip(),
        received_on=received_on, due_on=due_date(received_on),
        identity_checked_on=identity_checked_on if identity_checked else None,
        identity_evidence=identity_evidence.strip() if identity_checked else "",
        status=Status.IDENTITY_CHECKED if identity_checked else Status.RECEIVED, created_by=by,
    )
    _audit(by, AuditAction.RECEIVED_SUBJECT_ACCESS_REQUEST, request, f"due {request.due_on:%d/%m/%Y}")
    return request


def _locked_open(request: SubjectAccessRequest) -> SubjectAccessRequest:
    request = SubjectAccessRequest.objects.select_for_update().select_related("child").get(pk=request.pk)
    if request.status not in OPEN_STATUSES:
        raise ValidationError(f"This request is {request.get_status_display().lower()}: it can no longer change")
    return request


@transaction.atomic
def extend_deadline(*, request: SubjectAccessRequest, by, extended_to: date, reason: str) -> SubjectAccessRequest:
    """Extend the deadline, with a reason, to at most two further months after the first one."""
    require(by, request.child_id, Need.MANAGE)
    request = _locked_open(request)
    if not reason.strip():
        raise ValidationError("Enter why the deadline is extended")
    if extended_to <= request.deadline:
        raise ValidationError(f"The new deadline must be after the current deadline, {long_date(request.deadline)}")
    latest = latest_deadline(request.received_on)
    if extended_to > latest:
        raise ValidationError(
            f"A deadline can be extended by at most two further months: the latest is {long_date(latest)}")
    request.extended_to, request.extension_reason = extended_to, reason.strip()
    request.save()
    _audit(by, AuditAction.EXTENDED_SUBJECT_ACCESS_REQUEST, request, f"to {extended_to:%d/%m/%Y}")
    return request


def bundle_for(request: SubjectAccessRequest):
    """The latest finished subject access bundle (a PDF built by the worker) for this request, or None."""
    return (PdfJob.objects.filter(subject_access_request=request, kind=PdfJob.Kind.SUBJECT_ACCESS,
                                  status=PdfJob.Status.DONE).order_by("-finished_at", "-pk").first())


@transaction.atomic
def change_status(*, request: SubjectAccessRequest, by, status: str, identity_checked_on: date | None = None,
                  identity_evidence: str = "", note: str = "") -> SubjectAccessRequest:
    """Move a request on: identity checked, bundle ready (a bundle exists), or closed without release (why)."""
    require(by, request.child_id, Need.MANAGE)
    request = _locked_open(request)
    if status not in NEXT_STATUSES[request.status]:
        raise ValidationError(f"A request that is {request.get_status_display().lower()} cannot become "
                              f"{Status(status).label.lower() if status in Status.values else status}")
    if status == Status.IDENTITY_CHECKED:
        _check_identity(request.received_on, identity_checked_on, identity_evidence)
        request.identity_checked_on, request.identity_evidence = identity_checked_on, identity_evidence.strip()
    if status == Status.BUNDLE_READY and bundle_for(request) is None:
        raise ValidationError("The subject access bundle has not been built yet")
    if status == Status.CLOSED and not note.strip():
        raise ValidationError("Enter why the request is closed without release")
    request.status = status
    request.save()
    _audit(by, AuditAction.CHANGED_SUBJECT_ACCESS_REQUEST, request, f"{Status(status).label}. {note.strip()}".strip())
    return request


@transaction.atomic
def release_subject_access(*, request: SubjectAccessRequest, by, pdf_job) -> SubjectAccessRequest:
    """Release the bundle to the requester: refused unless the finished bundle of this request exists.

    Sets the request released (when, by whom) and writes the disclosure log (§7, basis subject
    access) and the audit trail, all in one transaction. Called by the bundle's release view.
    """
    require(by, request.child_id, Need.MANAGE)
    request = _locked_open(request)
    if request.identity_checked_on is None:
        raise ValidationError("Check the requester's identity before releasing the bundle")
    job = None
    if pdf_job is not None:
        job = PdfJob.objects.filter(pk=pdf_job.pk, subject_access_request=request,
                                    kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.DONE).first()
    if job is None:
        raise ValidationError("The finished subject access bundle for this request is needed to release it")
    now = timezone.now()
    request.status, request.released_at, request.released_by = Status.RELEASED, now, by
    request.save()
    disclosure = Disclosure.objects.create(
        child=request.child, shared_at=now, shared_with_person=request.requester_name,
        shared_with_agency="", what=f"Subject access bundle: a copy of the record ({job.file_name or f'PDF {job.pk}'})",
        why=f"Subject access request received {long_date(request.received_on)} from "
            f"{request.requester_name} ({request.relationship})",
        shared_by=by, basis=Disclosure.Basis.SUBJECT_ACCESS, subject_access_request=request,
    )
    _name_what_the_bundle_held(disclosure, job)
    _audit(by, AuditAction.RELEASED_SUBJECT_ACCESS_REQUEST, request, f"bundle {job.pk}")
    return request


def _name_what_the_bundle_held(disclosure: Disclosure, job) -> None:
    """§7: each disclosure names the entries and documents it shared: those the bundle held when it was built
    (a bundle never holds restricted items, so none is marked restricted)."""
    held = job.included or {}
    entries = Entry.objects.filter(child_id=disclosure.child_id, pk__in=held.get("entries", [])).values_list("pk", flat=True)
    documents = Document.objects.filter(child_id=disclosure.child_id, pk__in=held.get("documents", [])).values_list(
        "pk", flat=True)
    DisclosedItem.objects.bulk_create([DisclosedItem(disclosure=disclosure, entry_id=pk) for pk in entries]
                                      + [DisclosedItem(disclosure=disclosure, document_id=pk) for pk in documents])


# --- Reads ----------------------------------------------------------------------------------------

def with_deadline(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(current_deadline=Coalesce("extended_to", "due_on"))


def open_requests_for(user, *, visible=None) -> QuerySet[SubjectAccessRequest]:
    """Open requests on children this manager may see, the nearest deadline first. `visible`: the door's rule as a
    test of the row's child, when the caller has one (records.my_work)."""
    if not roles.is_team_manager(user):
        return SubjectAccessRequest.objects.none()
    if visible is None:
        visible = Q(child__in=Child.objects.visible_to(user).values("pk"))
    return (
        with_deadline(SubjectAccessRequest.objects.filter(visible, status__in=OPEN_STATUSES))
        .select_related("child", "created_by").order_by("current_deadline", "pk")
    )


def requests_for_child(child) -> QuerySet[SubjectAccessRequest]:
    return (SubjectAccessRequest.objects.filter(child=child).select_related("created_by", "released_by")
            .order_by("-received_on", "-pk"))


SUBJECT_ACCESS_ACTIONS = (
    AuditAction.RECEIVED_SUBJECT_ACCESS_REQUEST, AuditAction.EXTENDED_SUBJECT_ACCESS_REQUEST,
    AuditAction.CHANGED_SUBJECT_ACCESS_REQUEST, AuditAction.RELEASED_SUBJECT_ACCESS_REQUEST,
)


def events_for(request: SubjectAccessRequest) -> QuerySet[AuditEvent]:
    return (AuditEvent.objects.filter(child=request.child, action__in=SUBJECT_ACCESS_ACTIONS,
                                      detail__startswith=f"request {request.pk}:")
            .select_related("actor").order_by("at", "pk"))
