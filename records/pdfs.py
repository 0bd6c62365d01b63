"""PDFs of a child's record and subject access bundles (§3, §7, §9): a print template, then WeasyPrint.

What goes in is decided here, once, and checked again when the worker builds the file:
- completed entries only, oldest first (§9: what is on the record is signed and dated; plans and
  drafts are work in progress and may still change);
- entries in the 'Restricted from user' section (§7) only when the job asks for them AND the person
  who asked may see restricted information on this child at the time it is built;
- a subject access bundle never includes restricted entries, whoever asks.

The file is built by a Celery worker (records.tasks.build_pdf), never in a web request: WeasyPrint
holds the whole document in memory (PITFALLS). It is stored under PRIVATE_MEDIA_ROOT, outside the
web root, and reaches people only through the download view. WeasyPrint may fetch nothing but our
own static files (`StaticFilesOnly`): no file://, no network.
"""

import logging
import os
import posixpath
import tempfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from access import roles
from access.history import acting_as
from access.models import AuditEvent, SubjectAccessRequest
from casework.selectors import may_see_restricted, user_may_see_child
from records import selectors
from records.models import Entry, FormQuestion, PdfJob
from records.rendering import answers_for_display

logger = logging.getLogger(__name__)

Kind, Status = PdfJob.Kind, PdfJob.Status

# WeasyPrint resolves the document's links against this origin. `.invalid` can never resolve
# (RFC 6761), and the fetcher below answers for it from our static files without any network.
PDF_ORIGIN = "https://casework.invalid"
PDF_STATIC = f"{PDF_ORIGIN}/static/"
STYLESHEET = f"{PDF_STATIC}pdf/record.css"
FETCHABLE = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".woff2": "font/woff2"}

PROGRESS_EVERY = 100  # entries rendered between two progress saves
AFTER_ENTRIES = 2  # steps after the entries: laying out the pages, writing the file
BUILT_KINDS = (Kind.RECORD, Kind.SUBJECT_ACCESS)
CLOSED_REQUESTS = (SubjectAccessRequest.Status.RELEASED, SubjectAccessRequest.Status.CLOSED)


# --- What WeasyPrint may read ----------------------------------------------------------------

def static_file_for(url: str) -> Path | None:
    """The file of one of our static files named by `url` under PDF_STATIC, or None for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != PDF_ORIGIN or parts.query or not parts.path.startswith("/static/"):
        return None
    relative = unquote(parts.path[len("/static/"):])
    if "\\" in relative or "\x00" in relative or posixpath.normpath(relative) != relative:
        return None  # no "..", no "./", no doubled slashes: a plain path or nothing
    if relative.startswith("/") or PurePosixPath(relative).suffix not in FETCHABLE:
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's url_fetcher: serves our own static files and refuses everything else.

    Refusing file:// keeps server files out of PDFs; refusing http(s) and every other scheme
    keeps the worker from being used to reach the network (WeasyPrint's security notes).
    """

    def fetch(self, url, headers=None):
        path = static_file_for(url)
        if path is None:
            raise ValueError(f"A PDF may only use casework's own static files, not {url[:100]!r}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": FETCHABLE[path.suffix]})


# --- What goes in ----------------------------------------------------------------------------

def includes_restricted(job: PdfJob) -> bool:
    """§7: restricted entries only when asked for, never in a subject access bundle, and only for
    someone who may see them now (a permission withdrawn after asking is respected)."""
    return (job.include_restricted and job.kind != Kind.SUBJECT_ACCESS
            and may_see_restricted(job.requested_by, job.child))


def pdf_entries(job: PdfJob):
    """The entries this job's PDF shows, oldest first, from the one selector of visible entries."""
    entries = selectors.visible_entries(job.requested_by, job.child, may_see_restricted=includes_restricted(job))
    return (
        entries.filter(status=Entry.Status.COMPLETED)
        .select_related("originator__staff_profile", "restriction")
        .prefetch_related("amendments__amended_by__staff_profile")
        .order_by("event_at", "id")
    )


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def record_html(job: PdfJob, entries, *, on_progress=None) -> str:
    """The whole document as HTML. `on_progress(n)` is called after every PROGRESS_EVERY entries."""
    questions: dict[int, list[FormQuestion]] = {}  # each design's questions, read once

    def questions_of(design_id):
        if design_id not in questions:
            questions[design_id] = list(FormQuestion.objects.filter(design_id=design_id).order_by("position"))
        return questions[design_id]

    parts, done, restricted_shown = [], 0, 0
    for chunk in _chunks(entries.iterator(chunk_size=PROGRESS_EVERY), PROGRESS_EVERY):
        for entry in chunk:
            rows = answers_for_display(entry, questions_of(entry.form_design_id))
            entry.facts = [row for row in rows if not row.is_analysis]
            entry.analysis = [row for row in rows if row.is_analysis]
            # Marked by what the entry is, not by what was asked: whatever restricted text is in, says so.
            entry.is_restricted = entry.restriction_id is not None and entry.restriction.is_active
            restricted_shown += entry.is_restricted
        parts.append(render_to_string("records/pdf/_entries.html", {"entries": chunk}))
        done += len(chunk)
        if on_progress is not None:
            on_progress(done)
    hidden, ask = 0, []
    if job.kind == Kind.RECORD:  # a subject access bundle does not say that anything was withheld
        hidden = max(0, selectors.hidden_restricted_count(job.child) - restricted_shown)
        if hidden and not may_see_restricted(job.requested_by, job.child):
            ask = selectors.whom_to_ask(job.child)  # §7: whom to ask, as on the Records tab
    return render_to_string("records/pdf/record.html", {
        "child": job.child, "title": job.get_kind_display(), "stylesheet": STYLESHEET,
        "prepared_at": timezone.now(), "prepared_for": job.requested_by, "entry_count": done,
        "entries_html": mark_safe("".join(parts)),  # rendered above by the template engine, escaped there
        "with_restricted": restricted_shown > 0, "hidden_restricted": hidden,
        "ask": ask,
        "sar": job.subject_access_request if job.kind == Kind.SUBJECT_ACCESS else None,
    })


def html_to_pdf(html: str, *, on_laid_out=None) -> bytes:
    document = HTML(string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=StaticFilesOnly()).render()
    if on_laid_out is not None:
        on_laid_out()
    return document.write_pdf()


# --- Building a job (the Celery task calls this) ---------------------------------------------

def pdf_path(job: PdfJob) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "pdfs" / f"{job.pk}.pdf"


def _save(job: PdfJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def build(job_id: int) -> str:
    """Build the job's PDF, saving progress as it goes. Safe to run twice: a finished job is left alone,
    and the file is written under a temporary name and moved into place in one step."""
    job = PdfJob.objects.select_related("child", "requested_by", "subject_access_request").filter(pk=job_id).first()
    if job is None:
        return "no such job"
    if job.status == Status.DONE and pdf_path(job).exists():
        return "already built"
    if job.status == Status.FAILED:
        return "failed earlier: ask for a new PDF"
    # simple-history knows nobody outside a request (#780): the changes are the requester's.
    with acting_as(job.requested_by):
        try:
            return _build(job)
        except PermissionDenied:
            _save(job, status=Status.FAILED, finished_at=timezone.now(),
                  error="The person who asked for this PDF can no longer see this child's record.")
        except Exception:
            logger.exception("Building PDF job %s failed", job.pk)
            _save(job, status=Status.FAILED, finished_at=timezone.now(),
                  error="The PDF could not be built. Ask for it again; if it fails again, tell the service desk.")
        return "failed"


def _build(job: PdfJob) -> str:
    if job.kind not in BUILT_KINDS:
        raise ValueError(f"PDFs of kind {job.kind!r} are not built yet")
    if not user_may_see_child(job.requested_by, job.child):
        raise PermissionDenied
    entries = pdf_entries(job)
    count = entries.count()
    _save(job, status=Status.RUNNING, progress=0, total=count + AFTER_ENTRIES, error="")
    html = record_html(job, entries, on_progress=lambda done: _save(job, progress=done))
    data = html_to_pdf(html, on_laid_out=lambda: _save(job, progress=count + 1))
    path = pdf_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
        part.write(data)
    os.replace(part.name, path)
    _save(job, status=Status.DONE, progress=job.total, file_name=str(path.relative_to(settings.PRIVATE_MEDIA_ROOT)),
          finished_at=timezone.now())
    return "built"


def progress_message(job: PdfJob) -> str:
    """What the status page says while the PDF is made."""
    if job.status == Status.QUEUED:
        return "Waiting to start. Big records wait for other PDFs to finish first."
    if job.status == Status.RUNNING:
        entries = job.total - AFTER_ENTRIES
        if job.progress < entries or job.total == 0:
            return f"Preparing the entries: {job.progress:,} of {entries:,} done."
        if job.progress == entries:
            return "Laying out the pages. A long record can take a minute or two."
        return "Writing the file."
    if job.status == Status.DONE:
        return "Ready to download."
    return job.error or "The PDF could not be built."


# --- Asking for PDFs and downloading them ----------------------------------------------------

def _enqueue(job: PdfJob) -> None:
    from records.tasks import build_pdf

    transaction.on_commit(lambda: build_pdf.delay(job.pk))


@transaction.atomic
def request_record_pdf(*, child, by, include_restricted: bool) -> PdfJob:
    """Anyone who may see the child asks for the record; restricted entries only with `view_restricted`."""
    include = include_restricted and may_see_restricted(by, child)
    with acting_as(by):
        job = PdfJob.objects.create(kind=Kind.RECORD, child=child, requested_by=by, include_restricted=include)
    AuditEvent.objects.create(actor=by, action="requested PDF", child=child, detail=_describe(job))
    _enqueue(job)
    return job


@transaction.atomic
def request_subject_access_bundle(*, sar: SubjectAccessRequest, by) -> PdfJob:
    """A manager asks for the bundle of a subject access request: never with restricted information (§7)."""
    if not roles.is_team_manager(by):
        raise PermissionDenied("Only a manager prepares a subject access bundle.")
    if sar.status in CLOSED_REQUESTS:
        raise ValidationError("This subject access request is finished: its bundle can no longer change.")
    with acting_as(by):
        job = PdfJob.objects.create(kind=Kind.SUBJECT_ACCESS, child=sar.child, requested_by=by,
                                    subject_access_request=sar, include_restricted=False)
    AuditEvent.objects.create(actor=by, action="requested PDF", child=sar.child, detail=_describe(job))
    _enqueue(job)
    return job


def record_download(*, job: PdfJob, by) -> None:
    AuditEvent.objects.create(actor=by, action="downloaded PDF", child=job.child, detail=_describe(job))


def _describe(job: PdfJob) -> str:
    text = f"{job.get_kind_display()}, PDF job {job.pk}"
    if job.subject_access_request_id:
        text += f", subject access request {job.subject_access_request_id}"
    return text + (", including restricted information" if job.include_restricted else "")


def download_name(job: PdfJob) -> str:
    """The file's name on the user's computer: the local ID, never the child's name."""
    what = {Kind.RECORD: "record", Kind.SUBJECT_ACCESS: "subject-access-bundle"}.get(job.kind, job.kind)
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
