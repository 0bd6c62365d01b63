"""Documents on a child's record (§1, §5.1, §5.4, §7, §14): services that write, selectors that read.

Every service checks its rules again (the form did too), saves, and writes its audit event in one
transaction. An upload stores nothing when anything is refused: the file is checked before it is
written, and written before the row, which is created in a transaction; if the row cannot be
saved, the file is removed again. Files live under PRIVATE_MEDIA_ROOT/documents under a random
name and are read only by the download view.
"""

import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from access.staff import roles
from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction, Restriction
from casework.children.restrictions import check_restriction, create_restriction
from casework.children.authorisation import Need, require
from casework.children.selectors import may_see_restricted
from casework.recording.lateness import mark_update, sign_new
from records.documents.models import CourtOrder, CourtReport, Document, EducationRecord, HealthRecord
from records.documents.content_checks import inspect_content
from records.documents.uploads import check_upload

CHUNK = 1024 * 1024


def _active_restriction():
    return Q(restriction__isnull=False, restriction__lifted_at__isnull=True)


# --- Where files are kept ---------------------------------------------------------------------

def documents_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "documents"


def document_path(document: Document) -> Path:
    return documents_dir() / document.stored_name


def _write_file(upload, path: Path) -> tuple[str, int]:
    """Write the upload to a new file (never over an existing one), returning its sha256 and size."""
    digest, size = hashlib.sha256(), 0
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            upload.seek(0)
            for chunk in upload.chunks(CHUNK):
                size += len(chunk)
                if size > settings.DOCUMENT_MAX_BYTES:
                    raise ValidationError("The selected file is larger than it said it was")
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return digest.hexdigest(), size


# --- Writing ----------------------------------------------------------------------------------

def upload_document(*, child, by, upload, title: str, document_date, category: str, description: str = "",
                    belongs_to_child: bool = False) -> Document:
    """Check the file (type, content, size, and inside it: issue 18), store it under a random name, and record it.

    A photo is stored encoded again, without what the camera hid in it; `document.upload_note` then says so,
    for the person who uploaded it."""
    require(by, child, Need.WRITE)
    checked = check_upload(upload)  # raises before anything is written
    inspected = inspect_content(upload, checked)
    title, description = title.strip(), description.strip()
    if not title:
        raise ValidationError("Enter a title for the document")
    if category not in Document.Category.values:
        raise ValidationError("Select what kind of document it is")
    if document_date is None or document_date > timezone.localdate():
        raise ValidationError("The date of the document must be today or in the past")
    stored_name = secrets.token_hex(24)
    path = documents_dir() / stored_name
    original_name = Path(upload.name).name
    if inspected.content is not None:
        upload = ContentFile(inspected.content, name=original_name)
        original_name = str(Path(original_name).with_suffix(inspected.extension))
    sha256, size = _write_file(upload, path)
    try:
        with transaction.atomic():
            document = Document(
                child=child, title=title, document_date=document_date, category=category, description=description,
                stored_name=stored_name, original_name=original_name[:255],
                content_type=inspected.content_type, size_bytes=size, sha256=sha256, uploaded_by=by,
                belongs_to_child=belongs_to_child,
            )
            sign_new(document, by)  # §9 name and post title; §10 Late entry by the document's date
            document.save()
            record_event(actor=by, action=AuditAction.UPLOADED_DOCUMENT, child=child,
                         detail=f"document {document.pk}")
    except BaseException:
        path.unlink(missing_ok=True)  # no row, no file
        raise
    document.upload_note = inspected.note
    return document


@transaction.atomic
def withdraw_document(*, document: Document, by, reason: str) -> Document:
    """Never deleted (§12): a document uploaded in error is withdrawn, with the reason. By its uploader or a manager."""
    require(by, document.child_id, Need.READ)
    if document.uploaded_by_id != by.pk and not roles.is_team_manager(by):
        raise PermissionDenied("Only the person who uploaded a document, or a manager, withdraws it.")
    if not reason.strip():
        raise ValidationError("Enter why the document is being withdrawn")
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.withdrawn_at is not None:
        raise ValidationError("This document has already been withdrawn.")
    document.withdrawn_at, document.withdrawn_by, document.withdrawal_reason = timezone.now(), by, reason.strip()
    mark_update(document, by=by)  # §4, §9, §10: who withdrew it and when; "Late update" by the document's date
    document.save()
    record_event(actor=by, action=AuditAction.WITHDREW_DOCUMENT, child=document.child,
                 detail=f"document {document.pk}")
    return document


@transaction.atomic
def record_return(*, document: Document, by, returned_on, returned_to: str) -> Document:
    """§5.4: material that belongs to the child, given back: when and to whom."""
    require(by, document.child_id, Need.WRITE)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.belongs_to_child:
        raise ValidationError("Only material that belongs to the child is returned.")
    if document.returned_on is not None:
        raise ValidationError("This has already been recorded as returned.")
    if returned_on is None or returned_on > timezone.localdate():
        raise ValidationError("The date it was returned must be today or in the past")
    if returned_on < document.uploaded_at.date():
        raise ValidationError("The date it was returned cannot be before it was added to the record")
    if not returned_to.strip():
        raise ValidationError("Enter who it was returned to")
    document.returned_on, document.returned_to, document.return_recorded_by = returned_on, returned_to.strip(), by
    mark_update(document, by=by, day=returned_on)  # §10: the return recorded more than two working days after it
    document.save()
    record_event(actor=by, action=AuditAction.RETURNED_CHILDS_MATERIAL, child=document.child,
                 detail=f"document {document.pk}")
    return document


@transaction.atomic
def restrict_document(*, document: Document, by, reason: str, reason_detail: str, advised_by, review_date) -> Restriction:
    """§7: place a document in the 'Restricted from user' section, by the rules entries follow
    (records.entries.restrictions): someone who may see restricted information, a manager's advice, a reason,
    a future review date."""
    require(by, document.child_id, Need.VIEW_RESTRICTED)
    rules = {"child": document.child, "by": by, "reason": reason, "reason_detail": reason_detail,
             "advised_by": advised_by, "review_date": review_date}
    check_restriction(**rules)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.restriction_id and document.restriction.lifted_at is None:
        raise ValidationError("This document is already restricted.")
    restriction = create_restriction(**rules)
    document.restriction = restriction
    document.save()
    record_event(actor=by, action=AuditAction.RESTRICTED, child=document.child,
                 detail=f"document {document.pk}: {reason}")
    return restriction


# --- The structured sections of the basic record (§5.1) ---------------------------------------

SECTIONS = {
    "court_order": CourtOrder,
    "court_report": CourtReport,
    "education": EducationRecord,
    "health": HealthRecord,
}
SECTION_ACTIONS = {
    "court_order": AuditAction.RECORDED_COURT_ORDER,
    "court_report": AuditAction.RECORDED_COURT_REPORT,
    "education": AuditAction.RECORDED_EDUCATION_RECORD,
    "health": AuditAction.RECORDED_HEALTH_RECORD,
}


@transaction.atomic
def add_section_record(*, section: str, child, by, document: Document | None = None, **fields):
    """Record an order, a court report, education or health details, with the copy on the record if any."""
    require(by, child, Need.WRITE)
    model = SECTIONS[section]
    record = model(child=child, recorded_by=by, document=document, **_stripped(fields))
    _check_section_record(record, child)
    sign_new(record, by)  # §9 name and post title; §10 Late entry when recorded late
    record.save()
    record_event(actor=by, action=SECTION_ACTIONS[section], child=child,
                 detail=f"{section} {record.pk}")
    return record


@transaction.atomic
def correct_section_record(*, section: str, record, child, by, reason: str, **fields):
    """Correct an order, a court report, education or health details (§12): the earlier version stays in the
    history with the reason; who corrected it and when are shown with it, and "Late update" when the
    correction is made more than two working days after the date of what it records (§4, §9)."""
    require(by, child, Need.WRITE)
    model = SECTIONS[section]
    if not reason.strip():
        raise ValidationError("Enter why you are correcting this")
    record = model.objects.select_for_update().filter(pk=record.pk, child=child).first()
    if record is None:
        raise ValidationError("Choose something recorded on this child's record")
    changed = {name: value for name, value in _stripped(fields).items() if getattr(record, name) != value}
    if not changed:
        raise ValidationError("Nothing has changed: change something, or cancel.")
    for name, value in changed.items():
        setattr(record, name, value)
    _check_section_record(record, child)
    mark_update(record, by=by)  # §4: "created or updated late": a late correction says so
    record._change_reason = f"Corrected: {reason.strip()}"
    with acting_as(by):
        record.save()
    record_event(actor=by, action=AuditAction.CORRECTED_BASIC_RECORD, child=child, detail=f"{section} {record.pk}")
    return record


def _stripped(fields: dict) -> dict:
    return {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}


def _check_section_record(record, child) -> None:
    """What an order, report, education or health row must be, added or corrected."""
    document = record.document
    if document is not None and (document.child_id != child.pk or document.is_withdrawn):
        raise ValidationError("Choose a document on this child's record")
    record.full_clean(exclude=["child", "recorded_by", "document"])
    if record.event_day is None:
        raise ValidationError("Enter the date of what this records")  # §4, §10: lateness is judged by it
    if record.event_day > timezone.localdate():
        raise ValidationError("The date of what this records cannot be in the future")


# --- Reading ----------------------------------------------------------------------------------

def documents_for_child(child):
    return Document.objects.filter(child=child).select_related("uploaded_by", "restriction")


def visible_documents(user, child, *, sees_restricted: bool | None = None):
    """The child's documents this user may see: restricted ones (§7) only with `view_restricted`."""
    if sees_restricted is None:
        sees_restricted = may_see_restricted(user, child)
    documents = documents_for_child(child)
    return documents if sees_restricted else documents.exclude(_active_restriction())


def hidden_restricted_documents(child) -> int:
    return Document.objects.filter(child=child).filter(_active_restriction()).count()


def documents_for_pdf(child):
    """§7: a PDF of the record or a subject access bundle lists documents, never restricted or withdrawn ones."""
    return (Document.objects.filter(child=child, withdrawn_at__isnull=True).exclude(_active_restriction())
            .order_by("document_date", "id"))


def may_download(user, document: Document) -> bool:
    """Beyond seeing the document: a withdrawn one (perhaps another child's, uploaded in error) is for managers."""
    return not document.is_withdrawn or roles.is_team_manager(user)


def record_download(*, document: Document, by) -> None:
    record_event(actor=by, action=AuditAction.DOWNLOADED_DOCUMENT, child=document.child,
                 detail=f"document {document.pk}")


def basic_record_sections(child) -> dict:
    """The four structured sections, newest first, each with its copy (a fixed number of queries)."""
    return {
        "orders": list(CourtOrder.objects.filter(child=child).select_related("document__restriction")
                       .order_by("-made_on", "-id")),
        "court_reports": list(CourtReport.objects.filter(child=child).select_related("document__restriction")
                              .order_by("-report_date", "-id")),
        "education": list(EducationRecord.objects.filter(child=child).select_related("document__restriction")
                          .order_by("-recorded_at", "-id")),
        "health": list(HealthRecord.objects.filter(child=child).select_related("document__restriction")
                       .order_by("-carried_out_on", "-id")),
    }
