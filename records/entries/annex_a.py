"""The contacts with care leavers Ofsted's Annex A reads (issue 17; casework.returns.annex_a_contacts, handed over in
records/apps.py): list 9's "Latest Date of Contact", the latest completed contact with the young person by the
as-at date.

A contact with the young person is a visit that took place in which they were seen (the statutory visits' rule,
records.statutory_visits.selectors.seen_visits), or a phone call, letter, email, meeting or office visit recorded
on their record. A contact with another professional is not with them, and an "other contact" does not say who it
was with: neither counts. Planned and draft entries do not count: only what was completed.

For a chunk of children, in one query however many children and entries there are: a probe per young person with
care leaver information (the others are not on list 9), newest first on the child's timeline index
(entry_child_timeline_idx). Dates are London days; a contact under an active restriction (§7) is marked, for the
workbook to withhold its date.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject, TruncDate

from casework.models import CareLeaverContact, Child
from casework.returns.annex_a_contacts import Contact
from records.calendar.working_days import LONDON
from records.designs.models import RecordKind
from records.entries.models import Entry

WITH_THE_YOUNG_PERSON = (RecordKind.CONTACT_PHONE, RecordKind.CONTACT_LETTER, RecordKind.CONTACT_EMAIL,
                         RecordKind.CONTACT_MEETING, RecordKind.CONTACT_OFFICE_VISIT)


def contacts():
    """Completed entries that are contacts with the young person."""
    seen = Q(kind=RecordKind.VISIT, visit_outcome=Entry.VisitOutcome.TOOK_PLACE, child_seen=True)
    return Entry.objects.filter(seen | Q(kind__in=WITH_THE_YOUNG_PERSON), status=Entry.Status.COMPLETED)


def contacts_for_annex_a(first: int, last: int, *, as_at: date) -> dict[int, Contact]:
    """{child id: Contact} for the young people with care leaver information whose ids are from `first` to `last`
    and who have had a contact by the as-at date."""
    cutoff = datetime.combine(as_at + timedelta(days=1), time(), tzinfo=LONDON)  # the end of the as-at day in London
    found = contacts().filter(child=OuterRef("pk"), event_at__lt=cutoff).annotate(
        day=TruncDate("event_at", tzinfo=LONDON),
        withheld=ExpressionWrapper(Q(restriction__isnull=False, restriction__lifted_at__isnull=True),
                                   output_field=BooleanField()))
    latest = found.order_by("-event_at", "-id").values(last=JSONObject(day="day", withheld="withheld"))[:1]
    leavers = Child.objects.filter(Exists(CareLeaverContact.objects.filter(child=OuterRef("pk"))),
                                   pk__gte=first, pk__lte=last)
    return {child_id: Contact(date.fromisoformat(last["day"]), last["withheld"])
            for child_id, last in leavers.order_by().annotate(last=Subquery(latest)).values_list("pk", "last")
            if last is not None}
