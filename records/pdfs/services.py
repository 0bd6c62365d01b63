"""PDFs of a child's record, its chronology and subject access bundles (§3, §5.3, §7, §9): the web
side. Asking for a PDF, its progress, who may open it and its download. The worker side, which builds
the file, is records.pdfs.build (run by the Celery task records.tasks.build_pdf); neither imports the other.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access.staff import roles
from access.audit.history import acting_as
from access.audit.services import record_event
from access.models import AuditAction, SubjectAccessRequest
from casework.children.authorisation import Need, require
from casework.children.selectors import may_see_restricted
from records.pdfs.contents import Contents, volume_count
from records.pdfs.kinds import CONTENTS
from records.pdfs.models import PdfJob, pdf_path  # noqa: F401  pdf_path: where the download view finds the file

Kind, Status = PdfJob.Kind, PdfJob.Status

CLOSED_REQUESTS = (SubjectAccessRequest.Status.RELEASED, SubjectAccessRequest.Status.CLOSED)


def steps_of(job: PdfJob) -> tuple[int, int]:
    """(items, volumes) of a running job, from its total (items + volumes + 1, see _build)."""
    size = CONTENTS[job.kind].part_size if job.kind in CONTENTS else Contents.part_size
    for volumes in range(1, job.total + 1):
        items = job.total - volumes - 1
        if items >= 0 and volume_count(items, size) == volumes:
            return items, volumes
    return max(0, job.total - 2), 1


def progress_message(job: PdfJob) -> str:
    """What the status page says while the PDF is made."""
    if job.status == Status.QUEUED:
        return "Waiting to start. Big records wait for other PDFs to finish first."
    if job.status == Status.RUNNING:
        items, volumes = steps_of(job)
        noun = (CONTENTS[job.kind] if job.kind in CONTENTS else Contents).nouns[1]
        if job.progress < items or job.total == 0:
            return f"Preparing the {noun}: {job.progress:,} of {items:,} done."
        if job.progress < items + volumes:
            if volumes == 1:
                return "Laying out the pages. A long record can take a minute or two."
            return (f"Laying out the pages of volume {job.progress - items + 1} of {volumes}. "
                    "Each volume can take a minute or two.")
        return "Writing the file." if volumes == 1 else f"Putting the {volumes} volumes together in one file."
    if job.status == Status.DONE:
        return "Ready to download."
    return job.error or "The PDF could not be built."


# --- Asking for PDFs and downloading them ----------------------------------------------------

def _enqueue(job: PdfJob) -> None:
    from records.pdfs.tasks import build_pdf  # the task, not the builder: the web never builds a PDF

    transaction.on_commit(lambda: build_pdf.delay(job.pk))


ASKED_FOR = (Kind.RECORD, Kind.CHRONOLOGY)  # what anyone who may see the child can ask for


@transaction.atomic
def request_record_pdf(*, child, by, include_restricted: bool, kind: str = Kind.RECORD) -> PdfJob:
    """Anyone who may see the child asks for the record or the chronology; restricted items only with
    `view_restricted`."""
    require(by, child, Need.READ)
    if kind not in ASKED_FOR:
        raise ValidationError("Choose the full record or the chronology.")
    include = include_restricted and may_see_restricted(by, child)
    with acting_as(by):
        job = PdfJob.objects.create(kind=kind, child=child, requested_by=by, include_restricted=include)
    record_event(actor=by, action=AuditAction.REQUESTED_PDF, child=child, detail=_describe(job))
    _enqueue(job)
    return job


@transaction.atomic
def request_subject_access_bundle(*, sar: SubjectAccessRequest, by) -> PdfJob:
    """A manager asks for the bundle of a subject access request: never with restricted information (§7)."""
    require(by, sar.child_id, Need.MANAGE)
    if sar.status in CLOSED_REQUESTS:
        raise ValidationError("This subject access request is finished: its bundle can no longer change.")
    with acting_as(by):
        job = PdfJob.objects.create(kind=Kind.SUBJECT_ACCESS, child=sar.child, requested_by=by,
                                    subject_access_request=sar, include_restricted=False)
    record_event(actor=by, action=AuditAction.REQUESTED_PDF, child=sar.child, detail=_describe(job))
    _enqueue(job)
    return job


def record_download(*, job: PdfJob, by) -> None:
    record_event(actor=by, action=AuditAction.DOWNLOADED_PDF, child=job.child, detail=_describe(job))


def _describe(job: PdfJob) -> str:
    text = f"{job.get_kind_display()}, PDF job {job.pk}"
    if job.subject_access_request_id:
        text += f", subject access request {job.subject_access_request_id}"
    return text + (", including restricted information" if job.include_restricted else "")


def download_name(job: PdfJob) -> str:
    """The file's name on the user's computer: the local ID, never the child's name."""
    what = {Kind.RECORD: "record", Kind.CHRONOLOGY: "chronology", Kind.SUBJECT_ACCESS: "subject-access-bundle"}.get(job.kind, job.kind)
    day = timezone.localtime(job.finished_at or job.created_at).date()
    return f"{job.child.local_id}-{what}-{day:%Y-%m-%d}.pdf"


def may_open(user, job: PdfJob, *, sees_restricted: bool | None = None) -> bool:
    """Beyond seeing the child (the view checks that first): a PDF with restricted information needs
    `view_restricted` on the child, and subject access bundles are for managers."""
    if job.include_restricted:
        if sees_restricted is None:
            sees_restricted = may_see_restricted(user, job.child)
        if not sees_restricted:
            return False
    return job.kind != Kind.SUBJECT_ACCESS or roles.is_team_manager(user)


def recent_jobs(user, child, *, limit: int = 5) -> list[PdfJob]:
    """This user's latest PDFs of this child that they may still open, newest first."""
    sees_restricted = may_see_restricted(user, child)
    jobs = PdfJob.objects.filter(child=child, requested_by=user).select_related("child").order_by("-created_at", "-id")
    return [job for job in jobs[: limit * 4] if may_open(user, job, sees_restricted=sees_restricted)][:limit]
