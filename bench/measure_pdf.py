"""One run of the subject access PDF of the bench's 5,000-entry child, limited to its latest 1,000
entries, in a fresh process, so that the process's peak memory is this run's alone. As JSON.

    measure_pdf.py pipeline   our whole pipeline (records.pdfs.build.write_pdf): selecting the entries, the HTML,
                              each volume laid out and written by WeasyPrint on its own, the volumes joined
    measure_pdf.py alone      WeasyPrint alone rendering the same entries as one HTML document
                              (records.pdfs.build.whole_html, built before the clock starts)

bench/run.py runs each several times, alternately, and compares the medians.
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from casework.models import Allocation, Child  # noqa: E402
from records.pdfs import contents as pdf_contents
from records.pdfs import build as pdfs  # noqa: E402
from records.models import PdfJob  # noqa: E402

LATEST = 1000
BIG_CHILD = "BX-0000001"  # bench/generate.py gives child 1 its own 5,000 entries


class LatestEntries(pdf_contents.RecordContents):
    """The subject access bundle's contents, limited to the child's latest LATEST entries."""

    def __init__(self, job):
        super().__init__(job)
        latest = pdf_contents.pdf_entries(job).order_by("-event_at", "-id").values("pk")[:LATEST]
        self.entries = self.entries.filter(pk__in=latest)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(mode: str) -> dict:
    child = Child.objects.get(local_id=BIG_CHILD)
    allocation = Allocation.objects.filter(case__child=child, ended_at__isnull=True).select_related("team__manager").get()
    # Not saved: the measurement writes no progress (the task's extra work is a handful of UPDATEs).
    job = PdfJob(kind=PdfJob.Kind.SUBJECT_ACCESS, child=child, requested_by=allocation.team.manager)
    entries = LatestEntries(job).count()
    assert entries == LATEST, f"expected {LATEST} entries, found {entries}"
    before = peak_mb()
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "bundle.pdf"
        if mode == "pipeline":
            contents = LatestEntries(job)
            prepared = []  # when the last batch of entries had its HTML
            start = time.perf_counter()
            volumes = pdfs.write_pdf(contents, out, on_items=lambda done: prepared.append(time.perf_counter()))
            seconds = time.perf_counter() - start
            extra = {"volumes": len(volumes), "part_size": contents.part_size, "html_seconds": prepared[-1] - start}
        else:
            contents = LatestEntries(job)
            (volume,) = pdfs.prepare_volumes(contents, part_size=10**9)
            html = pdfs.volume_html(contents, volume, volumes=1, count=volume.items, cover=contents.cover(volume.items))
            del volume
            start = time.perf_counter()
            HTML(string=html, base_url=f"{pdfs.PDF_ORIGIN}/", url_fetcher=pdfs.StaticFilesOnly()).write_pdf(out)
            seconds = time.perf_counter() - start
            extra = {"html_kb": round(len(html.encode()) / 1024)}
        pages = len(PdfReader(out).pages)
        size_kb = round(out.stat().st_size / 1024)
    return {"mode": mode, "entries": entries, "seconds": seconds, "pages": pages, "pdf_kb": size_kb,
            "peak_mb": peak_mb(), "peak_mb_before": before, **extra}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1] if len(sys.argv) > 1 else "pipeline")))
