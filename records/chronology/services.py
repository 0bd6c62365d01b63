"""The chronology (§5.3): significant entries join it by themselves; events can be added by hand.

Read through the same rules as the rest of the record: restricted items (§7) only for those with
`view_restricted`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from access.audit.services import record_event
from access.models import AuditAction
from casework.children.authorisation import Need, require
from casework.recording.lateness import sign_new
from records.models import ChronologyEvent, Entry, RecordKind
from records.entries.selectors import visible_entries

CHRONOLOGY_LIMIT = 500


@dataclass(frozen=True)
class ChronologyItem:
    when: date
    title: str
    description: str
    category: str  # an entry kind label, or an event category label
    by: str
    entry: Entry | None = None
    event: ChronologyEvent | None = None
    is_late_entry: bool = False
    late_recorded_at: datetime | None = None


def _author(event: ChronologyEvent) -> str:
    """§9: name and post title as they were when the event was added."""
    name = event.recorded_name or event.recorded_by.get_full_name()
    return f"{name}, {event.recorded_post_title}" if event.recorded_post_title else name


def _visible_events(user, child, sees_restricted: bool):
    events = ChronologyEvent.objects.filter(child=child).select_related("recorded_by")
    if not sees_restricted:
        events = events.exclude(restriction__isnull=False, restriction__lifted_at__isnull=True)
    return events


def chronology_for(user, child, *, sees_restricted: bool, kind: str = "", since: date | None = None,
                   until: date | None = None) -> "Chronology":
    """The child's chronology, newest first, filtered by type (an entry kind or event category) and dates."""
    entries = visible_entries(user, child, may_see_restricted=sees_restricted).filter(
        significant=True, status=Entry.Status.COMPLETED
    )
    events = _visible_events(user, child, sees_restricted)
    if kind:
        entries = entries.filter(kind=kind) if kind in RecordKind.values else entries.none()
        events = events.filter(category=kind) if kind in ChronologyEvent.Category.values else events.none()
    if since:
        entries, events = entries.filter(event_at__date__gte=since), events.filter(happened_on__gte=since)
    if until:
        entries, events = entries.filter(event_at__date__lte=until), events.filter(happened_on__lte=until)
    return Chronology(entries.order_by("-event_at", "-id"), events.order_by("-happened_on", "-id"))


class Chronology:
    """The merged timeline of entries and events, newest first, up to CHRONOLOGY_LIMIT items, read a slice at a time
    (issue 16): the first n items of the merge are among the first n of each list, so a page reads only as many
    entries and events as it reaches, not all of a long record. A Paginator counts it, then slices it once."""

    def __init__(self, entries, events):
        self.entries, self.events = entries, events
        self._count = None

    def count(self) -> int:
        if self._count is None:  # each list counted up to the limit: no more is ever shown
            self._count = min(CHRONOLOGY_LIMIT, self.entries.values("pk")[:CHRONOLOGY_LIMIT].count()
                              + self.events.values("pk")[:CHRONOLOGY_LIMIT].count())
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[:CHRONOLOGY_LIMIT])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        stop = min(CHRONOLOGY_LIMIT, index.stop if index.stop is not None else CHRONOLOGY_LIMIT)
        if stop <= 0:
            return []
        entries = self.entries.prefetch_related("form_design__questions")[:stop]
        items = [
            ChronologyItem(
                when=timezone.localtime(e.event_at).date(), title=e.get_kind_display(), description=_summary(e),
                category=e.get_kind_display(), by=e.signed_name, entry=e, is_late_entry=e.is_late_entry,
                late_recorded_at=e.late_entry_recorded_at,
            )
            for e in entries
        ] + [
            ChronologyItem(when=ev.happened_on, title=ev.title, description=ev.description,
                           category=ev.get_category_display(), by=_author(ev), event=ev,
                           is_late_entry=ev.is_late_entry, late_recorded_at=ev.late_entry_recorded_at)
            for ev in self.events[:stop]
        ]
        # Stable: on the same day, entries before events, each list in its own order.
        return sorted(items, key=lambda item: item.when, reverse=True)[:stop][index.start or 0:]


def _summary(entry: Entry, length: int = 300) -> str:
    """The first factual answer in the design's order, shortened: what the timeline shows of an entry."""
    answers = entry.answers or {}
    for question in sorted(entry.form_design.questions.all(), key=lambda q: q.position):
        value = answers.get(question.key)
        if isinstance(value, str) and value.strip() and not question.is_analysis:
            return value if len(value) <= length else value[: length - 1].rstrip() + "…"
    return entry.planned_purpose


@transaction.atomic
def add_event(*, child, by, happened_on, title, description, category, source="") -> ChronologyEvent:
    require(by, child, Need.WRITE)
    event = ChronologyEvent(
        child=child, happened_on=happened_on, title=title.strip(), description=description.strip(),
        category=category, source=source.strip(), recorded_by=by,
    )
    sign_new(event, by)  # §9 name and post title; §10 Late entry if added more than two working days after
    event.save()
    record_event(actor=by, action=AuditAction.ADDED_CHRONOLOGY_EVENT, child=child, detail=f"event {event.pk}")
    return event


def filter_choices():
    return [("", "All types")] + [(k.value, k.label) for k in RecordKind] + list(ChronologyEvent.Category.choices)


