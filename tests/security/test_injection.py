"""HTML and script injection: whatever is typed into any free-text field is shown as text, never run.

A practitioner and a team manager open every page about a demo child (and every page not about a
child) that the permission matrix knows, and fill every free-text control of every POST form with
a payload carrying its own id; other controls get the page's defaults or valid choices. Then
every page reachable by links is read as the practitioner, the manager and the administrator, and
the record PDF and subject access bundles are built and read with pypdf. The raw payload must never
appear in a page (its escaped form may), and a PDF must show it as the same characters, as text.
"""

import re

from django.urls import reverse

from records.models import PdfJob
from records.tasks import build_pdf
from tests.access.permissions import test_permission_matrix as matrix
from tests.pdf_text import pdf_text, response_bytes
from tests.security.counts import noted, tried
from tests.security.crawl import Crawl, child_pages, client_as, submit_every_form, visit_everything

entries = matrix.entries


class Payloads:
    def __init__(self):
        self.ids: dict[str, str] = {}

    def __call__(self, field_name: str) -> str:
        ident = f"XSS{len(self.ids) + 1:04d}"
        self.ids[ident] = field_name
        return payload(ident)


def payload(ident: str) -> str:
    return f'<script>alert("{ident}")</script>"\'><img src=x onerror=alert("{ident}")>{ident}'


# Raw, unescaped pieces of any payload: none may reach a page.
RAW = re.compile(r'<script>alert\("XSS\d{4}"\)|<img src=x onerror=alert\("XSS\d{4}"\)|onerror=alert\("XSS')


def _raw_payloads(body: str) -> list[str]:
    return RAW.findall(body)


def _fields_of(raw: list[str], payloads: Payloads) -> list[str]:
    """The fields whose payloads are among `raw`, for the failure message."""
    return sorted({payloads.ids.get(ident, ident) for ident in re.findall(r"XSS\d{4}", " ".join(raw))})


def _compact(text: str) -> str:
    return "".join(text.split())


def _pdfs_of(child, practitioner, manager):
    """The record PDF with the restricted section (by the allocated worker) and every subject access bundle."""
    client = client_as(practitioner)
    client.post(reverse("records:pdf_request", args=[child.local_id]), {"include_restricted": "on"})
    jobs = [(client, PdfJob.objects.filter(child=child, requested_by=practitioner, kind="record").latest("pk"))]
    manager_client = client_as(manager)
    for sar in child.subject_access_requests.all()[:3]:
        manager_client.post(reverse("records:sar_bundle", args=[child.local_id, sar.pk]))
        job = PdfJob.objects.filter(subject_access_request=sar).latest("pk")
        jobs.append((manager_client, job))
    texts = []
    for client, job in jobs:
        assert build_pdf(job.pk) in ("built", "already built"), job
        response = client.get(reverse("records:pdf_download", args=[child.local_id, job.pk]))
        assert response.status_code == 200
        texts.append(pdf_text(response_bytes(response)))
    return texts


def _without_page_furniture(compact_text: str, child) -> str:
    """A long payload can run over a page break, where the text read back holds the running footer and header
    (the marking, the child's name and ID, the page number) in the middle of it: take those out first."""
    running = re.escape(_compact(f"{child.first_name} {child.last_name} · Local child ID {child.local_id}"))
    return re.sub(rf"OFFICIAL-SENSITIVE|{running}|Page\d+of\d+", "", compact_text)


def test_injected_html_and_script_are_escaped_in_pages_and_pdfs(cast, child, entries):
    payloads = Payloads()
    crawl = Crawl()
    pages = child_pages(child)  # built once: the matrix's builders expect its data as it was
    for role in ("practitioner", "manager"):
        submit_every_form(client_as(cast[role]), pages, payloads, crawl)

    # Pages shown straight back after a post (errors re-rendered with the typed values) are pages too.
    for action, response in crawl.responses:
        assert response.status_code != 500, f"server error posting to {action}"
        raw = _raw_payloads(response_bytes(response).decode(errors="replace"))
        assert not raw, f"unescaped in the answer to {action}: {_fields_of(raw, payloads)}"

    stored = set(payloads.ids) & stored_ids(r"XSS\d{4}")
    assert crawl.fields_tried() >= 20 and len(stored) >= 10, (crawl.fields_tried(), len(stored))

    pages_read = 0
    seeds = [url for _, url in pages] + [reverse("casework:caseload")]
    for role in ("practitioner", "manager", "admin"):
        for url, response in visit_everything(client_as(cast[role]), seeds):
            assert response.status_code != 500, f"{role}: server error at {url}"
            if response.get("Content-Type", "").startswith("application/pdf"):
                continue  # stand-in files of the matrix's data; real PDFs are read below
            body = response_bytes(response).decode(errors="replace")
            raw = _raw_payloads(body)
            assert not raw, f"{role}: unescaped payload at {url}: {_fields_of(raw, payloads)}"
            pages_read += 1

    pdf_ids = set()
    for text in _pdfs_of(child, cast["practitioner"], cast["manager"]):
        assert "&lt;" not in text and "&quot;" not in text, "a PDF shows escaped markup instead of the text"
        for ident in set(re.findall(r"XSS\d{4}", text)):
            body = _without_page_furniture(_compact(text), child)
            at = body.find(ident)
            assert _compact(payload(ident)) in body, \
                f"{ident} ({payloads.ids[ident]}) is not shown as text: {body[max(0, at - 150):at + 60]}"
            pdf_ids.add(ident)
    assert pdf_ids, "no payload reached a PDF: the PDF check saw nothing"

    tried("injection: free-text fields filled with a payload", crawl.fields_tried())
    noted("injection: payloads stored", len(stored))
    noted("injection: pages read for unescaped payloads", pages_read)
    noted("injection: payloads read back from PDFs", len(pdf_ids))


def stored_ids(pattern: str) -> set[str]:
    """Every match of `pattern` in any row of any table (history tables included)."""
    from django.db import connection

    from tests.security.state import tables

    found = set()
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f'SELECT x::text FROM "{table}" AS x WHERE x::text ~ %s', [pattern])
            for (row,) in cursor.fetchall():
                found.update(re.findall(pattern, row))
    return found


def test_a_form_designs_words_are_shown_as_text_on_the_write_up_form():
    """Designs are written by administrators in Django admin, not through a page this crawl posts to;
    crispy-forms-gds renders labels and hints with |safe, so the design's words must arrive escaped."""
    from django.template import Context, Template

    from records.models import FormQuestion
    from records.designs.rendering import AnswerForm

    questions = [FormQuestion(key=f"q{n}", label=payload(f"XSS990{n}"), help_text=payload(f"XSS991{n}"),
                              answer_type=kind, required=n == 1, options=["Yes"], position=n)
                 for n, kind in enumerate(("short_text", "long_text", "choice"), start=1)]
    form = AnswerForm(design=None, questions=questions)
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    assert not _raw_payloads(html)
    assert "&lt;script&gt;alert(&quot;XSS9901&quot;)" in html  # shown, as text
    tried("injection: form design labels and hints", 2 * len(questions))
