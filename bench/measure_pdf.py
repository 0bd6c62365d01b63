"""The subject access PDF of the bench's 5,000-entry child, limited to its latest 1,000 entries, in a
fresh process: our whole pipeline (selecting the entries, building the HTML, WeasyPrint) against
WeasyPrint alone rendering the same HTML string. Each is run RUNS times, alternately; medians as JSON.
"""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from io import BytesIO  # noqa: E402

from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from casework.models import Allocation, Child  # noqa: E402
from records import pdfs  # noqa: E402
from records.models import PdfJob  # noqa: E402

RUNS = 3
LATEST = 1000
BIG_CHILD = "BX-0000001"  # bench/generate.py gives child 1 its own 5,000 entries

child = Child.objects.get(local_id=BIG_CHILD)
allocation = Allocation.objects.filter(case__child=child, ended_at__isnull=True).select_related("team__manager").get()
manager = allocation.team.manager
# Not saved: the measurement stores no file and writes no progress (the task's extra work is a handful of UPDATEs).
job = PdfJob(kind=PdfJob.Kind.SUBJECT_ACCESS, child=child, requested_by=manager)


def latest_entries():
    latest = pdfs.pdf_entries(job).order_by("-event_at", "-id").values("pk")[:LATEST]
    return pdfs.pdf_entries(job).filter(pk__in=latest)


def pipeline():
    start = time.perf_counter()
    html = pdfs.record_html(job, latest_entries())
    built_html = time.perf_counter()
    data = pdfs.html_to_pdf(html)
    return html, data, built_html - start, time.perf_counter() - start


def weasyprint_alone(html):
    start = time.perf_counter()
    HTML(string=html, base_url=f"{pdfs.PDF_ORIGIN}/", url_fetcher=pdfs.StaticFilesOnly()).write_pdf()
    return time.perf_counter() - start


html_times, pipeline_times, alone_times = [], [], []
for _ in range(RUNS):
    html, data, html_seconds, total_seconds = pipeline()
    html_times.append(html_seconds)
    pipeline_times.append(total_seconds)
    alone_times.append(weasyprint_alone(html))

entries = latest_entries().count()
assert entries == LATEST, f"expected {LATEST} entries, found {entries}"
print(json.dumps({
    "entries": entries,
    "pages": len(PdfReader(BytesIO(data)).pages),
    "pdf_kb": round(len(data) / 1024),
    "html_seconds": statistics.median(html_times),
    "pipeline_seconds": statistics.median(pipeline_times),
    "weasyprint_seconds": statistics.median(alone_times),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
