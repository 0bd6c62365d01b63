"""The chronology as a PDF (§5.3, §9): every significant completed entry and every event added by hand,
oldest first, each with its date, who recorded it and their post title, and any Late entry mark.

It reads through the same rules as the chronology page (records/chronology.py): restricted items
(§7) only when the job includes them (records.pdfs.contents.includes_restricted). Unlike the page,
which shows the latest items, the PDF has all of them.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from records.chronology import services as chronology
from records.models import ChronologyEvent, Entry
from records.pdfs.contents import Contents
from records.entries.selectors import hidden_restricted_count, visible_entries


@dataclass
class ChronologyLine:
    when: date
    title: str
    category: str
    description: str
    by: str
    post_title: str
    is_late_entry: bool = False
    late_entry_recorded_at: datetime | None = None
    is_restricted: bool = False
    restriction: object = None
    sort_key: tuple = ()


def _post_title(user) -> str:
    profile = getattr(user, "staff_profile", None)
    return profile.post_title if profile is not None else ""


class ChronologyContents(Contents):
    item_template = "records/pdf/_chronology.html"
    part_size = 1000  # a line each: many more to a volume than whole entries
    nouns = ("item", "items")
    empty = "Nothing is in the chronology yet."

    def _entries(self):
        return (visible_entries(self.job.requested_by, self.job.child, may_see_restricted=self.with_restricted)
                .filter(significant=True, status=Entry.Status.COMPLETED)
                .select_related("restriction").prefetch_related("form_design__questions"))

    def _events(self):
        events = (ChronologyEvent.objects.filter(child=self.job.child)
                  .select_related("recorded_by__staff_profile", "restriction"))
        if not self.with_restricted:
            events = events.exclude(restriction__isnull=False, restriction__lifted_at__isnull=True)
        return events

    def items(self):
        lines = [
            ChronologyLine(
                when=timezone.localtime(e.event_at).date(), title=e.get_kind_display(), category=e.get_kind_display(),
                description=chronology._summary(e), by=e.signed_name, post_title=e.signed_post_title,
                is_late_entry=e.is_late_entry, late_entry_recorded_at=e.late_entry_recorded_at,
                is_restricted=e.restriction_id is not None and e.restriction.is_active, restriction=e.restriction,
                sort_key=(e.event_at, 0, e.pk),
            )
            for e in self._entries()
        ] + [
            ChronologyLine(
                when=ev.happened_on, title=ev.title, category=ev.get_category_display(), description=ev.description,
                # §9: name and post title as they were when added (older events: as they are now).
                by=ev.recorded_name or ev.recorded_by.get_full_name(),
                post_title=ev.recorded_post_title if ev.recorded_name else _post_title(ev.recorded_by),
                is_late_entry=ev.is_late_entry, late_entry_recorded_at=ev.late_entry_recorded_at,
                is_restricted=ev.restriction_id is not None and ev.restriction.is_active, restriction=ev.restriction,
                # An event has a day, not a time: it comes before that day's entries.
                sort_key=(timezone.make_aware(datetime.combine(ev.happened_on, datetime.min.time())), -1, ev.pk),
            )
            for ev in self._events()
        ]
        return sorted(lines, key=lambda line: line.sort_key)

    def count(self) -> int:
        return self._entries().count() + self._events().count()

    def when(self, line) -> date:
        return line.when

    def prepare(self, batch):
        self.restricted_shown += sum(line.is_restricted for line in batch)
        return batch

    def what_it_contains(self, count):
        noun = "item" if count == 1 else "items"
        return (f"{count} {noun}, oldest first: the entries marked significant and the events added to the "
                "chronology by hand.")

    def restricted_left_out(self):
        events = ChronologyEvent.objects.filter(child=self.job.child, restriction__isnull=False,
                                                restriction__lifted_at__isnull=True).count()
        return hidden_restricted_count(self.job.child) + events - self.restricted_shown

