"""Big PDFs in volumes (issue #6 "big PDFs eat memory", §1): WeasyPrint holds a whole document in
memory, so a long record is rendered a volume at a time and the volumes are joined with pypdf.
Here volumes are made small (a few entries) so that small records show the behaviour."""

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from records.pdfs import contents as pdf_contents

from records.pdfs import build as builder
from records.pdfs import services as pdfs
from records.models import PdfJob
from records.tasks import build_pdf
from tests.pdf_text import pdf_pages, pdf_text
from tests.factories import PdfJobFactory
from tests.records.pdfs.test_pdf_content import CONFIDENTIAL, built, phone_call, restricted_call

Status = PdfJob.Status
CALLS = 5


@pytest.fixture
def two_a_volume(monkeypatch):
    monkeypatch.setattr(pdf_contents.RecordContents, "part_size", 2)


@pytest.fixture
def calls(child, practitioner):
    """Five calls on five days, oldest first, each long enough for a page or two."""
    start = timezone.now() - timedelta(days=10)
    return [phone_call(child, practitioner, f"Call number {n}. " + "What was said on the call. " * 30,
                       event_at=start + timedelta(days=n)) for n in range(CALLS)]


def record_job(child, by, **kwargs):
    return pdfs.request_record_pdf(child=child, by=by, include_restricted=False, **kwargs)


def test_every_entry_is_in_the_joined_pdf_once_in_order(two_a_volume, child, practitioner, calls):
    text = pdf_text(built(record_job(child, practitioner)))

    positions = [text.index(f"Call number {n}.") for n in range(CALLS)]
    assert positions == sorted(positions)
    assert all(text.count(f"Call number {n}.") == 1 for n in range(CALLS))


def test_each_volume_has_a_cover_with_its_number_and_the_dates_it_covers(two_a_volume, child, practitioner, calls):
    pages = pdf_pages(built(record_job(child, practitioner)))

    covers = [page for page in pages if "What it contains" in page]
    assert len(covers) == 3
    for number, (cover, first, last) in enumerate([(covers[0], 0, 1), (covers[1], 2, 3), (covers[2], 4, 4)], start=1):
        dates = [dateformat.format(timezone.localtime(calls[i].event_at), "j F Y") for i in (first, last)]
        assert f"The full record: volume {number} of 3" in cover
        assert f"Volume {number} of 3: {last - first + 1} of the {CALLS} entries, dated {dates[0]} to {dates[1]}" in cover


def test_each_page_shows_the_child_and_its_volume_and_page_number(two_a_volume, child, practitioner, calls):
    pages = pdf_pages(built(record_job(child, practitioner)))

    volume_of_page, volume = [], 0
    for page in pages:
        volume += "What it contains" in page  # a cover starts each volume
        volume_of_page.append(volume)
    for number in range(1, 4):
        mine = [page for page, v in zip(pages, volume_of_page) if v == number]
        for n, page in enumerate(mine, start=1):
            assert f"Amara Okoye · Local child ID {child.local_id}" in page
            assert f"Volume {number} of 3 · Page {n} of {len(mine)}" in page


def test_each_volume_is_laid_out_on_its_own(two_a_volume, child, practitioner, calls, monkeypatch):
    laid_out = []
    real = builder.html_to_pdf

    def spy(html, **kwargs):
        laid_out.append([n for n in range(CALLS) if f"Call number {n}." in html])
        return real(html, **kwargs)

    monkeypatch.setattr(builder, "html_to_pdf", spy)
    built(record_job(child, practitioner))

    assert laid_out == [[0, 1], [2, 3], [4]]  # never more than one volume's entries in WeasyPrint at once


def test_a_record_within_one_volume_says_nothing_of_volumes(child, practitioner, calls):
    text = pdf_text(built(record_job(child, practitioner)))

    assert "Volume" not in text and "volume" not in text
    assert "Page 1 of" in text


def test_restricted_entries_stay_out_of_every_volume(two_a_volume, child, practitioner, manager, colleague, calls):
    restricted_call(child, practitioner, manager)

    record = pdf_text(built(pdfs.request_record_pdf(child=child, by=colleague, include_restricted=True)))
    bundle = pdf_text(built(PdfJobFactory(kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.QUEUED, child=child,
                                          requested_by=manager, include_restricted=True)))

    assert CONFIDENTIAL not in record and CONFIDENTIAL not in bundle
    assert all(f"Call number {n}." in record and f"Call number {n}." in bundle for n in range(CALLS))


def test_progress_is_saved_for_the_entries_then_for_each_volume(two_a_volume, child, practitioner, calls):
    job = record_job(child, practitioner)

    build_pdf(job.pk)

    steps = list(job.history.order_by("history_date", "history_id").values_list("status", "progress", "total"))
    # Five entries in three volumes: 5 + 3 + 1 steps (entries prepared, volumes written, joined).
    assert steps == [
        ("queued", 0, 0), ("running", 0, 9), ("running", 2, 9), ("running", 4, 9), ("running", 5, 9),
        ("running", 6, 9), ("running", 7, 9), ("running", 8, 9), ("done", 9, 9),
    ]


@pytest.mark.parametrize("progress, message", [
    (0, "Preparing the entries: 0 of 5 done."),
    (5, "Laying out the pages of volume 1 of 3. Each volume can take a minute or two."),
    (7, "Laying out the pages of volume 3 of 3. Each volume can take a minute or two."),
    (8, "Putting the 3 volumes together in one file."),
])
def test_the_status_page_says_which_volume_is_being_made(two_a_volume, progress, message):
    job = PdfJob(kind=PdfJob.Kind.RECORD, status=Status.RUNNING, progress=progress, total=9)

    assert pdfs.progress_message(job) == message


def test_a_failure_in_a_later_volume_leaves_no_file_and_no_parts(two_a_volume, child, practitioner, calls, monkeypatch):
    real, done = builder.html_to_pdf, []

    def fails_third(html, **kwargs):
        done.append(1)
        if len(done) == 3:
            raise RuntimeError("out of memory")
        return real(html, **kwargs)

    monkeypatch.setattr(builder, "html_to_pdf", fails_third)
    job = record_job(child, practitioner)

    assert build_pdf(job.pk) == "failed"
    assert not pdfs.pdf_path(job).exists()
    assert not any(path.name.startswith(f"{job.pk}-") for path in pdfs.pdf_path(job).parent.iterdir())
