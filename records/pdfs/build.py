"""Building a PDF job: the worker side (records.pdfs.tasks.build_pdf runs `build`, never a web request).

Print templates, then WeasyPrint, in volumes. What goes in each kind is decided by its contents
builder (records.pdfs.kinds lists them), and checked again here when the worker builds the file:
completed entries only, oldest first (§9); restricted items (§7) only when the job asks for them AND
the person who asked may see them at the time it is built; never in a subject access bundle.

WeasyPrint holds the whole document in memory. The file is stored under PRIVATE_MEDIA_ROOT, outside
the web root, and reaches people only through the download view. WeasyPrint may fetch nothing but our
own static files (`StaticFilesOnly`): no file://, no network.
"""

import logging
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from access.audit.history import acting_as
from casework.children.authorisation import may
from casework.returns.codes import describe_child
from records.documents.services import documents_for_pdf
from records.pdfs import contents as pdf_contents
from records.pdfs.contents import Contents, volume_count
from records.pdfs.kinds import contents_for
from records.pdfs.models import PdfJob, pdf_path

logger = logging.getLogger(__name__)

Status = PdfJob.Status

# WeasyPrint resolves the document's links against this origin. `.invalid` can never resolve
# (RFC 6761), and the fetcher below answers for it from our static files without any network.
PDF_ORIGIN = "https://casework.invalid"
PDF_STATIC = f"{PDF_ORIGIN}/static/"
STYLESHEET = f"{PDF_STATIC}pdf/record.css"
FETCHABLE = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".woff2": "font/woff2"}



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


# --- Volumes: a big PDF is rendered in parts ------------------------------------------------
# WeasyPrint holds a whole document's layout in memory (a 1,000-entry record peaked at 525 MB), so a
# long record is split into volumes of `part_size` items (§1: records may run to more than one volume,
# each with the dates it covers on its cover). Each volume is laid out and written on its own, then
# the volumes are joined into one file with pypdf: memory is bounded by one volume, whatever the size.

@dataclass
class Volume:
    number: int
    fragments: list[str] = field(default_factory=list)
    items: int = 0
    first: date | None = None
    last: date | None = None


def prepare_volumes(contents: Contents, *, part_size: int | None = None, on_progress=None) -> list[Volume]:
    """Every item rendered to HTML, PROGRESS_EVERY (records.pdfs.contents) at a time, into volumes of `part_size` items.
    `on_progress(n)` is called after each batch with the number of items done."""
    size = part_size or contents.part_size
    volumes, batch, done = [Volume(1)], [], 0

    def flush():
        nonlocal done
        if not batch:
            return
        volume = volumes[-1]
        prepared = contents.prepare(batch)
        volume.fragments.append(render_to_string(contents.item_template, {"items": prepared, "entries": prepared}))
        volume.first = volume.first or contents.when(batch[0])
        volume.last = contents.when(batch[-1])
        volume.items += len(batch)
        done += len(batch)
        batch.clear()
        if on_progress is not None:
            on_progress(done)

    for item in contents.items():
        if volumes[-1].items + len(batch) == size:
            flush()
            volumes.append(Volume(len(volumes) + 1))
        batch.append(item)
        if len(batch) == pdf_contents.PROGRESS_EVERY:
            flush()
    flush()
    return volumes


def volume_html(contents: Contents, volume: Volume, *, volumes: int, count: int, cover: dict) -> str:
    """One volume as a whole HTML document, with its own cover (§1) and page numbers."""
    job = contents.job
    return render_to_string(contents.document_template, {
        "child": job.child, "stylesheet": STYLESHEET, "prepared_at": timezone.now(), "prepared_for": job.requested_by,
        "details": describe_child(job.child),  # issue 17: sex, ethnicity, disability, UPN in words
        "entry_count": count, **cover, "volume": volume, "volumes": volumes,
        "items_html": mark_safe("".join(volume.fragments)),  # rendered by the template engine, escaped there
    })


def whole_html(job: PdfJob) -> str:
    """The whole PDF as one HTML document, in one volume: what WeasyPrint alone is measured on (bench)."""
    contents = contents_for(job)
    (volume,) = prepare_volumes(contents, part_size=10**9)
    return volume_html(contents, volume, volumes=1, count=volume.items, cover=contents.cover(volume.items))


def html_to_pdf(html: str, *, on_laid_out=None) -> bytes:
    document = HTML(string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=StaticFilesOnly()).render()
    if on_laid_out is not None:
        on_laid_out()
    return document.write_pdf()


def join_pdfs(files: list[Path], out: Path) -> None:
    """The volumes one after another in one file, with the first volume's title and author."""
    writer = PdfWriter()
    for file in files:
        writer.append(str(file))
    metadata = PdfReader(str(files[0])).metadata or {}
    writer.add_metadata({key: value for key, value in metadata.items() if key in ("/Title", "/Author", "/Creator")})
    with out.open("wb") as stream:
        writer.write(stream)


# --- Building a job (the Celery task calls this) ---------------------------------------------

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
    contents = contents_for(job)  # an unknown kind fails here, with the job
    if not may(job.requested_by, job.child):
        raise PermissionDenied
    count = contents.count()
    # Steps: each item prepared, then each volume laid out and written, then the file put together.
    _save(job, status=Status.RUNNING, progress=0, total=count + volume_count(count, contents.part_size) + 1, error="")

    def volume_done(done, volumes, number):
        if done + volumes + 1 != job.total:  # an entry completed meanwhile: the steps follow what is in
            job.total = done + volumes + 1
        _save(job, progress=done + number, total=job.total)

    path = pdf_path(job)
    write_pdf(contents, path, on_items=lambda done: _save(job, progress=done), on_volume=volume_done)
    if job.kind == PdfJob.Kind.SUBJECT_ACCESS:  # §7: its release names what it held (records.sharing.subject_access)
        job.included = {"entries": contents.entry_ids,
                        "documents": list(documents_for_pdf(job.child).values_list("pk", flat=True))}
    _save(job, status=Status.DONE, included=job.included, progress=job.total, file_name=str(path.relative_to(settings.PRIVATE_MEDIA_ROOT)),
          finished_at=timezone.now())
    return "built"


def write_pdf(contents: Contents, path: Path, *, on_items=None, on_volume=None) -> list[Volume]:
    """The whole pipeline: items to HTML in volumes, each volume laid out and written on its own,
    the volumes joined. `on_items(done)` after each batch of items; `on_volume(items, volumes, number)`
    after each volume is written. The file appears at `path` in one step, or not at all."""
    volumes = prepare_volumes(contents, on_progress=on_items)
    done = sum(volume.items for volume in volumes)
    cover = contents.cover(done)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Parts are written beside the final file and moved into place in one step; a failure leaves nothing.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f"{path.stem}-") as work:
        files = []
        for volume in volumes:
            html = volume_html(contents, volume, volumes=len(volumes), count=done, cover=cover)
            volume.fragments = []  # the HTML of a finished volume is not kept while the next is laid out
            files.append(Path(work) / f"volume-{volume.number}.pdf")
            files[-1].write_bytes(html_to_pdf(html))
            del html
            if on_volume is not None:
                on_volume(done, len(volumes), volume.number)
        if len(files) == 1:
            joined = files[0]
        else:
            joined = Path(work) / "joined.pdf"
            join_pdfs(files, joined)
        os.replace(joined, path)
    return volumes
