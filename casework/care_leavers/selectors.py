"""Reading what the care leavers' and the looked-after children's records need (issue 17): the periods a child was
looked after, from the legal statuses with a return code (LS) or the return's episodes, and the rules the DfE's
return draws from them; the records of the Cases tab with their codes in words."""

from datetime import date, timedelta

from django.utils import timezone

from casework.basic_record.models import LegalStatus
from casework.care_leavers.models import CARE_LEAVER_BIRTHDAYS
from casework.returns import codes
from casework.returns.cin_census import census_period
from casework.returns.models import year_label

SHORT_BREAKS = ("V3", "V4")  # agreed series of short breaks: not "looked after" for the rules here


def birthday(born: date, years: int) -> date:
    """The day a person born on `born` turns `years` (29 February: 28 February in other years)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)


def care_periods(child_id: int) -> list[tuple[date, date | None]]:
    """The child's periods looked after, from the basic record (an end is the day of the change)."""
    return [(start, end) for start, end, code in LegalStatus.objects.filter(child_id=child_id).exclude(ls_code="")
            .values_list("start_date", "end_date", "ls_code").order_by("start_date") if code not in SHORT_BREAKS]


def periods_of(episodes) -> list[tuple[date, date | None]]:
    """The same from the return's episodes (casework.returns.ssda903.Episode)."""
    return [(e.start, e.end) for e in episodes if e.status.ls_code not in SHORT_BREAKS]


def days_looked_after(periods, since: date, until: date) -> int:
    """Days looked after from `since` to `until` (each day counted once however many statuses cover it)."""
    days: set[date] = set()
    for start, end in periods:
        first, last = max(start, since), min(end - timedelta(days=1) if end else until, until)
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return len(days)


def looked_after_on(periods, day: date) -> bool:
    return any(start <= day and (end is None or end > day) for start, end in periods)


def is_care_leaver(periods, born: date, on: date) -> bool:
    """Looked after for at least 13 weeks after their 14th birthday, some of it after their 16th (the DfE's
    relevant and former relevant children: rule 1001), counted up to `on`."""
    return (days_looked_after(periods, birthday(born, 14), on) >= 91
            and days_looked_after(periods, birthday(born, 16), on) >= 1)


def looked_after_throughout(periods, first: date, last: date) -> bool:
    return days_looked_after(periods, first, last) == (last - first).days + 1


def for_cases_tab(child) -> dict:
    """The child's care leaver information, pathway plan reviews and yearly outcomes, codes in words, and what may be
    recorded (five queries at most)."""
    contacts, outcomes = list(child.care_leaver_contacts.all()), list(child.looked_after_outcomes.all())
    reviews = list(child.pathway_plan_reviews.select_related("personal_adviser"))
    lists = (codes.IN_TOUCH, codes.ACTIVITY, codes.ACCOMMODATION, codes.SDQ_REASON)
    found = codes.meanings(*lists) if contacts or outcomes else {key: {} for key in lists}  # words only when needed
    for contact in contacts:
        contact.in_touch_words = found[codes.IN_TOUCH].get(contact.in_touch, contact.in_touch)
        contact.activity_words = found[codes.ACTIVITY].get(contact.activity, contact.activity)
        contact.accommodation_words = found[codes.ACCOMMODATION].get(contact.accommodation, contact.accommodation)
    for item in outcomes:
        item.sdq_reason_words = found[codes.SDQ_REASON].get(item.sdq_reason, item.sdq_reason)
        item.label = year_label(item.year)
    ever = bool(contacts or outcomes or reviews) or LegalStatus.objects.filter(child=child).exclude(ls_code="").exists()
    return {"care_leaver_contacts": contacts, "looked_after_outcomes": outcomes, "pathway_plan_reviews": reviews,
            "ever_looked_after": ever,
            **(_to_record(child) if ever else {})}


def _to_record(child) -> dict:
    """The birthdays (from a month before, back to the start of last collection year) and the collection years
    (this one and last) a practitioner may record for."""
    today = timezone.localdate()
    year = codes.collection_year(today)
    earliest, _ = census_period(year - 1)
    birthdays = []
    if child.date_of_birth:
        birthdays = [(years, day) for years in CARE_LEAVER_BIRTHDAYS
                     if earliest <= (day := birthday(child.date_of_birth, years)) <= today + timedelta(days=31)]
    return {"care_leaver_birthdays": birthdays, "outcome_years": [(y, year_label(y)) for y in (year, year - 1)]}
