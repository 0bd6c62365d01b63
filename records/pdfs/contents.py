"""What goes into each kind of PDF: its items in the order they are printed, how each is rendered,
and what its cover says. records.pdfs.build splits the items into volumes and renders them.

To add a kind (documents, the basic record): subclass `Contents`, give it `items()`, `count()`,
`when()`, an item template and a cover, and list it in records.pdfs.kinds.CONTENTS.

The rule for restricted information (§7) is decided here, once, by `includes_restricted`: only when
the job asks for it AND the person who asked may see it when the worker builds the file, never in
a subject access bundle.
"""

import math
from datetime import date

from django.utils import timezone

from casework.children.selectors import may_see_restricted
from records.entries import selectors
from records.models import Entry, FormQuestion, PdfJob
from records.designs.rendering import answer_groups, answers_for_display

Kind = PdfJob.Kind

PROGRESS_EVERY = 100  # items rendered between two progress saves


def includes_restricted(job: PdfJob) -> bool:
    """§7: restricted items only when asked for, never in a subject access bundle, and only for
    someone who may see them now (a permission withdrawn after asking is respected)."""
    return (job.include_restricted and job.kind != Kind.SUBJECT_ACCESS
            and may_see_restricted(job.requested_by, job.child))


def pdf_entries(job: PdfJob):
    """The entries this job's PDF shows, oldest first, from the one selector of visible entries."""
    entries = selectors.visible_entries(job.requested_by, job.child, may_see_restricted=includes_restricted(job))
    return (
        entries.filter(status=Entry.Status.COMPLETED)
        .select_related("originator__staff_profile", "carried_out_by__staff_profile", "restriction")
        .prefetch_related("amendments__amended_by__staff_profile", "date_changes__changed_by", "outcome_progress__outcome")
        .order_by("event_at", "id")
    )


class Contents:
    """One kind of PDF's content. `items()` yields what is printed, oldest first; `prepare(batch)`
    returns the batch ready for `item_template` (as `items`), counting restricted items shown."""

    item_template = "records/pdf/_entries.html"
    document_template = "records/pdf/record.html"
    part_size = 200  # items per volume: WeasyPrint's memory grows with the pages of one document
    nouns = ("entry", "entries")
    empty = "Nothing has been completed on this record yet."

    def __init__(self, job: PdfJob):
        self.job = job
        self.with_restricted = includes_restricted(job)
        self.restricted_shown = 0
        self.entry_ids: list[int] = []  # the entries prepared for the file, in order

    def items(self):
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def when(self, item) -> date:
        raise NotImplementedError

    def prepare(self, batch: list) -> list:
        return batch

    def what_it_contains(self, count: int) -> str:
        raise NotImplementedError

    def restricted_left_out(self) -> int:
        """How many restricted items the reader is told are not in the PDF (0: say nothing)."""
        return 0

    def _sar(self):
        return self.job.subject_access_request if self.job.kind == Kind.SUBJECT_ACCESS else None

    def cover(self, count: int) -> dict:
        """The document template's context beyond the child, the volume and the items."""
        hidden = 0 if self.with_restricted else self.restricted_left_out()
        ask = []
        if hidden and not may_see_restricted(self.job.requested_by, self.job.child):
            ask = selectors.whom_to_ask(self.job.child)  # §7: whom to ask, as on the Records tab
        return {
            "title": self.job.get_kind_display(), "contains": self.what_it_contains(count), "noun": self.nouns[1],
            "empty": self.empty,
            "with_restricted": self.restricted_shown > 0, "hidden_restricted": hidden, "ask": ask,
            "sar": self._sar(),
        }


class RecordContents(Contents):
    """The full record, and the subject access bundle: every completed entry, oldest first (§9)."""

    def __init__(self, job):
        super().__init__(job)
        self.entries = pdf_entries(job)
        self._questions: dict[int, list[FormQuestion]] = {}  # each design's questions, read once

    def items(self):
        return self.entries.iterator(chunk_size=PROGRESS_EVERY)

    def count(self) -> int:
        return self.entries.count()

    def when(self, entry) -> date:
        return timezone.localtime(entry.event_at).date()

    def _questions_of(self, design_id):
        if design_id not in self._questions:
            self._questions[design_id] = list(FormQuestion.objects.filter(design_id=design_id).order_by("position"))
        return self._questions[design_id]

    def prepare(self, batch):
        for entry in batch:
            rows = answers_for_display(entry, self._questions_of(entry.form_design_id))
            entry.answer_groups = answer_groups(rows)  # §12: Facts, Opinions, ... each section with its source
            # Marked by what the entry is, not by what was asked: whatever restricted text is in, says so.
            entry.is_restricted = entry.restriction_id is not None and entry.restriction.is_active
            self.restricted_shown += entry.is_restricted
            self.entry_ids.append(entry.pk)
        return batch

    def what_it_contains(self, count):
        noun = "entry" if count == 1 else "entries"
        if self._sar() is not None:  # the bundle leaves the plan out (templates/records/pdf/record.html)
            return (f"The child's basic record and documents, then {count} completed {noun}, oldest first. "
                    "The plan and unfinished drafts are not included.")
        return (f"The child's plan, basic record and documents, then {count} completed {noun}, oldest first. "
                "Unfinished drafts are not included.")

    def restricted_left_out(self):
        # A subject access bundle does not say that anything was withheld.
        if self.job.kind == Kind.SUBJECT_ACCESS:
            return 0
        return max(0, selectors.hidden_restricted_count(self.job.child) - self.restricted_shown)


def volume_count(items: int, part_size: int) -> int:
    return max(1, math.ceil(items / part_size))
