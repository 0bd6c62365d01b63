"""Form designs (§2): drafting, submission, approval by senior leadership, and the design in use.

Each service checks who is acting, saves in one transaction and is attributed to that person in
the design's history (`acting_as`), so the history shows who drafted, submitted and decided, and when.
The model layer and the database check the same rules again; these checks give the clear message.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from access.audit.history import acting_as
from access.audit.models import AuditAction
from access.audit.services import record_event
from access.staff import roles
from records.models import FormDesign, RecordKind

Status = FormDesign.Status


class NoApprovedDesign(Exception):
    """A kind of record has no approved design, so it cannot be recorded yet."""

    def __init__(self, kind):
        self.kind = RecordKind(kind)
        super().__init__(
            f"There is no approved form design for {self.kind.label.lower()} yet, so it cannot be recorded. "
            "Ask senior leadership to approve one."
        )


def can_draft_designs(user) -> bool:
    """Administrators draft and submit designs (§2: senior leadership only approves them)."""
    return user.is_authenticated and user.is_active and (user.is_superuser or roles.has_role(user, roles.ADMINISTRATOR))


def can_decide_designs(user) -> bool:
    return user.is_authenticated and roles.is_senior_leader(user)


def _detail(design: FormDesign) -> str:
    """The audit event's words: which design, and the comment or reason given."""
    about = f"{design.get_kind_display()} design, version {design.version}"
    return f"{about}: {design.decision_comment}" if design.decision_comment else about


def _require_drafter(user) -> None:
    if not can_draft_designs(user):
        raise PermissionDenied("Only administrators can draft and submit form designs.")


def approved_design_for(kind) -> FormDesign:
    """The design in use for new records of `kind`."""
    design = FormDesign.objects.filter(kind=kind, status=Status.APPROVED).first()
    if design is None:
        raise NoApprovedDesign(kind)
    return design


def _next_version(kind) -> int:
    # Lock the kind's designs so that two drafts started at once get different numbers
    # (the unique constraint on kind and version catches the first draft of a kind).
    list(FormDesign.objects.select_for_update().filter(kind=kind).values_list("pk", flat=True))
    return (FormDesign.objects.filter(kind=kind).aggregate(Max("version"))["version__max"] or 0) + 1


@transaction.atomic
def save_new_draft(*, design: FormDesign, by) -> FormDesign:
    """Save an unsaved design (kind, title, purpose filled in) as the next draft version of its kind."""
    _require_drafter(by)
    design.version = _next_version(design.kind)
    design.status = Status.DRAFT
    design.created_by = by
    design.created_at = timezone.now()
    if not design.title:
        design.title = f"{RecordKind(design.kind).label} record"
    design.full_clean()
    with acting_as(by):
        design.save()
    return design


def create_draft(*, kind, by, title: str = "", purpose: str = "") -> FormDesign:
    return save_new_draft(design=FormDesign(kind=kind, title=title, purpose=purpose), by=by)


@transaction.atomic
def new_version_from(*, design: FormDesign, by) -> FormDesign:
    """A new draft of the same kind with a copy of `design`'s questions: the only way to change a design."""
    draft = save_new_draft(design=FormDesign(kind=design.kind, title=design.title, purpose=design.purpose), by=by)
    with acting_as(by):
        for question in design.questions.all():
            question.pk = None
            question._state.adding = True
            question.design = draft
            question.save()
    return draft


def _locked(design: FormDesign) -> FormDesign:
    # Every design of the kind, so that two decisions about one kind are made one after the other.
    list(FormDesign.objects.select_for_update().filter(kind=design.kind).values_list("pk", flat=True))
    return FormDesign.objects.get(pk=design.pk)


@transaction.atomic
def submit(*, design: FormDesign, by) -> FormDesign:
    """Send a draft (or a rejected design, after changes) to senior leadership for approval."""
    _require_drafter(by)
    current = _locked(design)
    if current.status not in FormDesign.EDITABLE:
        raise ValidationError(f"Only a draft or rejected design can be submitted; this one is {current.get_status_display().lower()}.")
    questions = list(current.questions.all())
    if not questions:
        raise ValidationError("Add at least one question before submitting the design.")
    for question in questions:
        question.full_clean()
    current.status = Status.SUBMITTED
    current.submitted_by = by
    current.submitted_at = timezone.now()
    # A resubmitted design awaits a new decision; the rejection stays in its history.
    current.decided_by = None
    current.decided_at = None
    current.decision_comment = ""
    with acting_as(by):
        current.save()
    design.refresh_from_db()
    return design


@transaction.atomic
def approve(*, design: FormDesign, by, comment: str = "") -> FormDesign:
    """§2: a senior leader approves a submitted design; the version in use until now is retired."""
    if not can_decide_designs(by):
        raise PermissionDenied("Only members of Senior leadership can approve a form design.")
    current = _locked(design)
    if current.status != Status.SUBMITTED:
        raise ValidationError(f"Only a submitted design can be approved; this one is {current.get_status_display().lower()}.")
    if current.submitted_by_id == by.pk:
        # §2: approval is a second person's check; whoever submitted a design cannot also approve it.
        raise PermissionDenied("You submitted this design, so another member of Senior leadership must approve it.")
    in_use = FormDesign.objects.filter(kind=current.kind, status=Status.APPROVED).first()
    if in_use is not None and in_use.version > current.version:
        raise ValidationError(
            f"Version {in_use.version} is already in use and is newer than this one. Reject this version instead."
        )
    now = timezone.now()
    with acting_as(by):
        if in_use is not None:
            in_use.status = Status.RETIRED
            in_use.save(update_fields=["status"])
        current.status = Status.APPROVED
        current.decided_by = by
        current.decided_at = now
        current.decision_comment = comment.strip()
        current.save()
    record_event(action=AuditAction.APPROVED_FORM_DESIGN, actor=by, detail=_detail(current))
    design.refresh_from_db()
    return design


@transaction.atomic
def reject(*, design: FormDesign, by, comment: str) -> FormDesign:
    """A senior leader sends a submitted design back, saying why; it can be changed and resubmitted."""
    if not can_decide_designs(by):
        raise PermissionDenied("Only members of Senior leadership can reject a form design.")
    if not (comment or "").strip():
        raise ValidationError("Enter the reason for rejecting the design, so that it can be put right.")
    current = _locked(design)
    if current.status != Status.SUBMITTED:
        raise ValidationError(f"Only a submitted design can be rejected; this one is {current.get_status_display().lower()}.")
    current.status = Status.REJECTED
    current.decided_by = by
    current.decided_at = timezone.now()
    current.decision_comment = comment.strip()
    with acting_as(by):
        current.save()
    record_event(action=AuditAction.SENT_BACK_FORM_DESIGN, actor=by, detail=_detail(current))
    design.refresh_from_db()
    return design


@transaction.atomic
def approve_latest_submitted(*, by, comment: str = "") -> list[FormDesign]:
    """§2: a senior leader approves the latest submitted version of each kind, in one go.

    Older submitted versions of the same kind are rejected as superseded, saying by which version,
    and so is a submitted version older than the one already in use. Each decision goes through
    approve() and reject(), so the same rules and history apply as one by one in the admin.
    Returns the designs approved.
    """
    if not can_decide_designs(by):
        raise PermissionDenied("Only members of Senior leadership can approve a form design.")
    approved = []
    submitted = FormDesign.objects.filter(status=Status.SUBMITTED).order_by("kind", "-version")
    by_kind: dict[str, list[FormDesign]] = {}
    for design in submitted:
        by_kind.setdefault(design.kind, []).append(design)
    for kind, versions in by_kind.items():
        latest, older = versions[0], versions[1:]
        in_use = FormDesign.objects.filter(kind=kind, status=Status.APPROVED).first()
        if in_use is not None and in_use.version > latest.version:
            older, latest = versions, None
        newer = latest or in_use
        for design in older:
            reject(design=design, by=by, comment=f"Superseded by version {newer.version}.")
        if latest is not None:
            approved.append(approve(design=latest, by=by, comment=comment))
    return approved
