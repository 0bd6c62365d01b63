"""Ofsted's Annex A (issue 17): the lists of children a council gives Ofsted at the start of an inspection of its
children's services (ILACS), as one .xlsx workbook with a sheet per list, built from what practitioners recorded.

Which version: the children's social care lists 1 to 11 of the ILACS Annex A template in use since 2019-20, with
its column headings as councils' regional data-to-insight tools load them (Social Finance's liia-tools Annex A
schema); Ofsted's own template was not at hand to compare word for word. Codes are written as the record holds them
(the DfE's: ethnicity, referral source, need, closure reason, category of abuse, legal status, placement, provider,
reason ceased); answers as Yes, No or Unknown; dates as dates, shown day/month/year.

The period: a collection year like the other returns (2026 is 1 April 2026 to 31 March 2027), as at its last day or
today, whichever is earlier. List 1 holds the contacts received about children in the six months up to the as-at
date (recorded on the child's record, casework.contacts, with who they came from in the DfE's referral source codes),
a row each, whatever was decided on them. List 2 holds the early help assessments open at some time in those six
months, a row each, from those recorded on the child's Cases tab (casework.returns.annex_a_early_help): its start,
its completion (empty while not completed by the as-at date) and the organisation completing it, in words. Lists 3 to
5 hold what happened in the period (referrals; assessments open in it; enquiries started or conferences held in it);
lists 6 to 8 and 10 every child in need, on a plan, looked after or on the way to adoption at some time in it, one row
per case (6), plan (7) or child (8, 10). Ages are at the as-at date; "in the last 12 months" counts the 12 months up
to the row's own date (its referral, enquiry) or, for children in care, up to the as-at date. The allocated team and
worker are the case's allocation at the as-at date (lists 8 and 10: the child's latest case).

From the looked-after children's own records (casework.returns.annex_a_care): list 8's UASC status (Yes when the
child was an unaccompanied asylum-seeking child at some time in the 12 months, No when recorded as not one, empty
when not asked), latest statutory review, the permanence plan (in Ofsted's words, as the latest review that recorded
one said it), the date the independent reviewing officer last saw or spoke with the child (the latest a review
records), the missing and absent (away from placement) episodes that started in
the 12 months, and whether the child was offered a return interview after the last of those missing episodes and
accepted it (No accepted when none was offered; empty while it is not answered, or the child was not back by the
as-at date); list 9's care leavers: each young person whose information is recorded for a 17th to 21st birthday in
the 12 months up to the as-at date, with the latest (whether the council is in touch, the accommodation and the
activity, in the DfE's codes, and whether the accommodation was suitable, which its code says: B1 suitable, B2 not),
and from their latest pathway plan review by the as-at date its date, their personal adviser (the member of staff's
name) and their eligibility category in Ofsted's words (an eligible or relevant child who has turned 18 since is a
former relevant child); list 10's decision that the child should be placed for adoption, the match, and the
decision that they should no longer be (with its reason), from the child's latest decision, and its family identifier:
the same for brothers and sisters who are to be placed for adoption together (recorded on their decisions, a group's
own reference, never a database id), empty for a child to be placed alone.

From the visits the records app keeps (casework.returns.annex_a_visits: casework does not import records, which
hands over its reader when it starts), a visit counting when it was completed, took place and the child was seen (the
statutory visit clocks' rule): list 4's "Child Seen During Continuous Assessment" (Yes or No, from the assessment's
start to its authorisation or the as-at date), list 6's "Date Child Was Last Seen" on the case (by its closure or
the as-at date), list 7's last statutory visit during the plan and whether the child was seen alone on it, list 8's
last social work visit (the child's latest on any case). Without the reader (records not installed) they are empty.

From the basic record's health section, also kept by the records app (casework.returns.annex_a_health, handed over
the same way): list 8's "Date of Last Health Assessment" (the latest initial or review health assessment by the
as-at date) and "Date of Last Dental Check" (the latest dental check by then); a record whose copy is in the
'Restricted from user' section reads "Restricted".

From the entries the records app keeps (casework.returns.annex_a_contacts, handed over the same way): list 9's "Latest
Date of Contact", the latest completed contact with the young person by the as-at date (a visit in which they were
seen, or a phone call, letter, email, meeting or office visit; not a contact with another professional, nor an
"other contact", which does not say who it was with); a restricted one reads "Restricted".

List 8's "Placement Location" and "LA of Placement" are read from the latest placement's local authority (recorded on
the placement, from the DfE's local authority numbers held as a code list, or WAL, SCO or NIR outside England): In when
it is the council's own number (settings.DFE_LA_NUMBER), else Out; both empty when it is not recorded, and
"Restricted" for a restricted placement.

Left empty because the record holds nothing for them (yet): list 9's pathway plan columns for a young person with no
pathway plan review recorded by the as-at date; list 2's completion date while an early help assessment is not
completed by the as-at date. List 4's "assessed as requiring support" is Yes when a child in need or child protection
plan followed the assessment on its case, No when the case closed after it as no further action or referred to early
help (RC8, RC9), and empty otherwise; list 6's case status is empty for an open case with no plan, no open assessment
and no looked-after status. The list with no source at all (11 adopters) has its headings and a row saying so. A
contact about someone with no record here (not yet a child's record) is not listed in list 1: a contact is recorded
on the child's record.

Restricted information (§7): Annex A names children, so it is not statistical as the DfE returns are. Every child is
listed and counted as the returns count them (a child missing from the lists would mislead the inspection), but a
cell whose value is read from an item in the child's 'Restricted from user' section (a legal status, a placement, a
visit or contact, or a health record whose copy is, under an active restriction) says "Restricted" instead of what the item says. The workbook is the same whoever
builds it: the builders (performance and information staff, senior leadership) are not the child's team and may
not see restricted information, so the file never holds it; an inspector who needs it asks the child's team. Like the other builders, this function
checks no permission: casework.returns.services decides who may build it.
"""

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import xlsxwriter
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from access.models import Restriction
from casework.basic_record.models import LegalStatus, Placement
from casework.cin.models import Assessment, ChildProtectionPlan, CinPlan, ProtectionPlanReview, Section47Enquiry
from casework.contacts.models import FrontDoorContact
from casework.models import Allocation, Case, Child
from casework.returns import annex_a_care, annex_a_contacts, annex_a_early_help, annex_a_health, annex_a_visits
from casework.returns.annex_a_lists import LISTS, WITHHELD
from casework.returns.cin_census import census_period, la_child_id
from casework.returns.ssda903 import _episodes as looked_after_episodes

CHUNK = 1000  # children read at a time: memory and queries stay flat however many children there are
YES, NO, UNKNOWN = "Yes", "No", "Unknown"
GENDER = {"female": "Female", "male": "Male", "other": "Neither", "not_known": "Not stated/recorded"}
ADOPTION_PLACES = ("A3", "A4", "A5", "A6")  # placed for adoption (PLACE codes)
FOSTERING_FOR_ADOPTION = ("U2", "U5")  # foster placement for adoption or concurrent planning
ADOPTED = ("E11", "E12")  # reasons ceased: adopted
EMERGENCY = ("epo", "police_protection")
CLOSED_AFTER_ASSESSMENT = ("RC8", "RC9")


@dataclass
class Period:
    start: date
    as_at: date

    @cached_property
    def year_before(self) -> date:
        """The day before "the last 12 months" up to the as-at date."""
        return self.as_at - relativedelta(years=1)

    @cached_property
    def six_months_before(self) -> date:
        return self.as_at - relativedelta(months=6)

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.as_at

    def overlaps(self, first: date, last: date | None) -> bool:
        return first <= self.as_at and (last is None or last >= self.start)

    def known(self, day: date | None) -> date | None:
        """A date the lists may show: on or before the as-at date."""
        return day if day is not None and day <= self.as_at else None


@dataclass
class Record:
    """What the lists read of one child, as plain rows: every case referred by the as-at date (oldest first, with
    its assessments, enquiries, plans and each plan's latest review), every legal status and placement started by
    then (each marked `withheld` while restricted), and each case's team and worker at that date."""

    child: SimpleNamespace
    cases: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    allocations: dict = field(default_factory=dict)
    care: annex_a_care.CareRecords = field(default_factory=annex_a_care.CareRecords)
    received: list = field(default_factory=list)  # list 1: (received on, source) of each contact received, oldest first
    visits: dict | None = None  # {case id: annex_a_visits.CaseVisits}; None: visits are not read
    health: dict | None = None  # {child id: annex_a_health.ChildHealth}; None: health records are not read
    contacts: dict | None = None  # {child id: annex_a_contacts.Contact}; None: contacts are not read
    early_help: list = field(default_factory=list)  # early help assessments open in the six months (list 2)


def build_annex_a(*, year: int, la_number: str, today: date | None = None) -> bytes:
    """The workbook for collection year `year`. `la_number` is not in the lists (Ofsted knows the council); the
    builder takes it as the other returns' builders do."""
    start, end = census_period(year)
    period = Period(start, min(end, today or timezone.localdate()))
    buffer = io.BytesIO()
    # constant_memory: each sheet's rows go to a temporary file as they are written, so memory does not grow with
    # the children; dates are shown day/month/year.
    # What practitioners typed is written as text, never read as a formula or a link (a name starting "=" stays a
    # name: no formula injection into the inspector's spreadsheet).
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    bold, day = workbook.add_format({"bold": True}), workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheets = {key: _sheet(workbook, spec, bold) for key, spec in LISTS.items()}
    for record in _records(period):
        for key, rows in _rows(record, period):
            sheet = sheets[key]
            for row in rows:
                sheet.next_row += 1
                _write_row(sheet, row, day)
    workbook.close()
    return buffer.getvalue()


def _write_row(sheet, row: list, day) -> None:
    """Each cell by its type (a third of the time of XlsxWriter's own write_row); nothing for what is not known."""
    number = sheet.next_row
    for column, value in enumerate(row):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            sheet.write_string(number, column, value)
        elif isinstance(value, date):
            sheet.write_datetime(number, column, value, day)
        else:
            sheet.write_number(number, column, value)


def _sheet(workbook, spec, bold):
    sheet = workbook.add_worksheet(spec.title)
    for number, heading in enumerate(spec.headings):
        sheet.set_column(number, number, max(12, min(len(heading) + 2, 40)))
    sheet.write_row(0, 0, spec.headings, bold)
    sheet.next_row = 0  # the last row written
    if spec.note:
        sheet.next_row = 1
        sheet.write_string(1, 0, spec.note)
    return sheet


def _rows(record: Record, period: Period):
    return (("contacts", _received(record, period)), ("referrals", _referrals(record, period)),
            ("assessments", _assessments(record, period)),
            ("section47", _enquiries(record, period)), ("in_need", _in_need(record, period)),
            ("protection", _protection(record, period)), ("in_care", _in_care(record, period)),
            ("care_leavers", _care_leavers(record, period)), ("adoption", _adoption(record, period)),
            ("early_help", _early_help(record, period)))


# Reading the record, a chunk of children at a time -------------------------------------------------------------

def _overlapping(model, period: Period):
    return model.objects.filter(start_date__lte=period.as_at).filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))


def _child_ids(period: Period) -> list[int]:
    """Every child some list names (one query)."""
    cases = Case.objects.filter(referral_date__lte=period.as_at).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=period.start)).values_list("child_id", flat=True)
    cared = _overlapping(LegalStatus, period).exclude(ls_code="").values_list("child_id", flat=True)
    adoption = _overlapping(Placement, period).filter(
        Q(placement_type=Placement.Type.ADOPTION) | Q(place_code__in=ADOPTION_PLACES)).values_list("child_id", flat=True)
    return sorted(set(cases.union(cared, adoption, annex_a_care.care_leaver_ids(),
                                  _contacts_received(period).values_list("child_id", flat=True),
                                  annex_a_early_help.child_ids(period))))


def _contacts_received(period: Period):
    """List 1's contacts: received in the six months up to the as-at date."""
    return FrontDoorContact.objects.filter(received_on__gt=period.six_months_before, received_on__lte=period.as_at)


def _rows_of(queryset, *fields, **extra) -> list[SimpleNamespace]:
    """Plain rows, not model instances: a council's records are read in seconds rather than minutes."""
    return [SimpleNamespace(**row, **{name: [] for name in extra}) for row in queryset.values(*fields)]


def _grouped(rows, key: str) -> dict:
    found = defaultdict(list)
    for row in rows:
        found[getattr(row, key)].append(row)
    return found


def _records(period: Period) -> Iterator[Record]:
    ids = _child_ids(period)
    withheld = Exists(Restriction.objects.filter(pk=OuterRef("restriction_id"), lifted_at__isnull=True))
    # The end of the as-at day in London: an allocation made later that day still counts.
    cutoff = timezone.make_aware(datetime.combine(period.as_at + timedelta(days=1), time()))
    for first in range(0, len(ids), CHUNK):
        chunk = ids[first:first + CHUNK]
        # The chunk's range of ids, not a list of them: a query with 1,000 parameters costs more to build and send
        # than to run. Rows of children in the range but in no list are left aside below.
        span = lambda path: {f"{path}__gte": chunk[0], f"{path}__lte": chunk[-1]}  # noqa: E731
        of_chunk = span("case__child_id")
        wanted = set(chunk)
        children = Child.objects.filter(**span("pk")).order_by("pk")
        records = {child.id: Record(child) for child in _rows_of(
            children, "id", "local_id", "gender", "ethnicity", "is_unborn", "date_of_birth", "disabilities")
            if child.id in wanted}
        cases = _rows_of(Case.objects.filter(**span("child_id"), referral_date__lte=period.as_at).order_by(
            "referral_date", "id"), "id", "child_id", "referral_date", "referral_source", "primary_need",
            "referral_nfa", "closure_date", "closure_reason",
            assessments=[], enquiries=[], protection_plans=[], cin_plans=[])
        by_case = {case.id: case for case in cases}
        for model, attribute, fields in (
                (Assessment, "assessments", ("start_date", "authorised_on")),
                (Section47Enquiry, "enquiries", ("start_date", "icpc_needed", "icpc_date")),
                (CinPlan, "cin_plans", ("start_date", "end_date")),
                (ChildProtectionPlan, "protection_plans", ("id", "start_date", "end_date", "initial_category",
                                                           "latest_category"))):
            for item in _rows_of(model.objects.filter(**of_chunk).order_by("start_date", "id"), "case_id", *fields):
                if item.case_id in by_case:
                    getattr(by_case[item.case_id], attribute).append(item)
        reviews = dict(ProtectionPlanReview.objects.filter(**span("plan__case__child_id"),
                                                           review_date__lte=period.as_at)
                       .values("plan_id").annotate(latest=Max("review_date")).values_list("plan_id", "latest"))
        for case in cases:
            for plan in case.protection_plans:
                plan.latest_review = reviews.get(plan.id)
            if case.child_id in records:
                records[case.child_id].cases.append(case)
        visits = annex_a_visits.read(chunk[0], chunk[-1], since=_visits_since(cases, period), as_at=period.as_at)
        health = annex_a_health.read(chunk[0], chunk[-1], as_at=period.as_at)
        contacts = annex_a_contacts.read(chunk[0], chunk[-1], as_at=period.as_at)
        for record in records.values():
            record.visits, record.health, record.contacts = visits, health, contacts
        for allocation in (Allocation.objects.filter(started_at__lt=cutoff, **of_chunk).order_by("started_at", "id")
                           .values_list("case_id", "team__name", "worker__first_name", "worker__last_name",
                                        "worker__username")):
            case_id, team, first_name, last_name, username = allocation
            worker = f"{first_name} {last_name}".strip() or username or ""
            if case_id in by_case and by_case[case_id].child_id in records:  # the latest allocation wins
                records[by_case[case_id].child_id].allocations[case_id] = (team, worker)
        for child_id, received_on, source in (_contacts_received(period).filter(**span("child_id"))
                                              .order_by("received_on", "id")
                                              .values_list("child_id", "received_on", "source")):
            if child_id in records:
                records[child_id].received.append((received_on, source))
        for child_id, care in annex_a_care.read(span, period).items():
            if child_id in records:
                records[child_id].care = care
        for child_id, assessments in annex_a_early_help.read(span, period).items():
            if child_id in records:
                records[child_id].early_help = assessments
        for model, attribute in ((LegalStatus, "statuses"), (Placement, "placements")):
            fields = [f.attname for f in model._meta.concrete_fields]
            items = model.objects.filter(**span("child_id"), start_date__lte=period.as_at).annotate(withheld=withheld)
            for child_id, found in _grouped(_rows_of(items.order_by("start_date", "id"), *fields, "withheld"),
                                            "child_id").items():
                if child_id in records:
                    setattr(records[child_id], attribute, found)
        yield from records.values()


def _visits_since(cases, period: Period) -> date | None:
    """The first day lists 4 and 7 ask about visits from: the earliest start of an assessment or a child protection
    plan they list (None: no such visits are asked about)."""
    windows = [(item.start_date, item.authorised_on) for case in cases for item in case.assessments]
    windows += [(plan.start_date, plan.end_date) for case in cases for plan in case.protection_plans]
    return min((first for first, last in windows if period.overlaps(first, last)), default=None)


# What every list says of the child --------------------------------------------------------------------------------

def _age(born: date | None, on: date) -> int | None:
    if born is None or born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _child(record: Record, period: Period, disability: bool = True) -> list:
    child = record.child
    born = None if child.is_unborn else child.date_of_birth
    cells = [la_child_id(child), GENDER.get(child.gender, ""), child.ethnicity, born, _age(born, period.as_at)]
    return cells + [_disability(child)] if disability else cells


def _disability(child) -> str:
    if not child.disabilities:
        return UNKNOWN
    return NO if child.disabilities == ["NONE"] else YES


def _yes_no(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


def _allocated(record: Record, case) -> list:
    """The team and worker the case was allocated to at the as-at date."""
    return list(record.allocations.get(case.id, ("", ""))) if case is not None else ["", ""]


def _of(item, value):
    """What an item says, unless it is restricted (§7)."""
    return WITHHELD if item is not None and item.withheld else value


def _in_12_months(days, up_to: date) -> int:
    since = up_to - relativedelta(years=1)
    return sum(1 for day in days if day is not None and since < day <= up_to)


def _current(items, day: date):
    return [item for item in items if item.start_date <= day and (item.end_date is None or item.end_date > day)]


# The lists --------------------------------------------------------------------------------------------------------

def _received(record: Record, period: Period):
    """List 1: a row for each contact received about the child in the six months up to the as-at date."""
    for received_on, source in record.received:
        yield [*_child(record, period, disability=False), received_on, source]


def _early_help(record: Record, period: Period):
    """List 2: a row for each early help assessment open at some time in the six months up to the as-at date."""
    for assessment in record.early_help:
        yield [*_child(record, period, disability=False), *annex_a_early_help.cells(assessment, period)]


def _referrals(record: Record, period: Period):
    referred = [case.referral_date for case in record.cases]
    for case in record.cases:
        if period.holds(case.referral_date):
            yield [*_child(record, period, disability=False), case.referral_date, case.referral_source,
                   _yes_no(case.referral_nfa), _in_12_months(referred, case.referral_date), *_allocated(record, case)]


def _assessments(record: Record, period: Period):
    for case in record.cases:
        for assessment in case.assessments:
            if period.overlaps(assessment.start_date, assessment.authorised_on):
                seen = annex_a_visits.seen_between(record.visits, case.id, assessment.start_date,
                                                   period.known(assessment.authorised_on) or period.as_at)
                yield [*_child(record, period), assessment.start_date, seen, period.known(assessment.authorised_on),
                       _needed_support(case, assessment, period), *_allocated(record, case)]


def _needed_support(case, assessment, period: Period) -> str:
    if period.known(assessment.authorised_on) is None:
        return ""
    plans = [*case.cin_plans, *case.protection_plans]
    if any(assessment.start_date <= plan.start_date <= period.as_at for plan in plans):
        return YES
    return NO if period.known(case.closure_date) and case.closure_reason in CLOSED_AFTER_ASSESSMENT else ""


def _enquiries(record: Record, period: Period):
    enquiries = [enquiry for case in record.cases for enquiry in case.enquiries]
    for case in record.cases:
        for enquiry in case.enquiries:
            if not (period.holds(enquiry.start_date) or period.holds(enquiry.icpc_date)):
                continue
            conference = period.known(enquiry.icpc_date)
            plan_followed = None if conference is None else any(
                plan.start_date == conference for plan in case.protection_plans)
            yield [*_child(record, period), enquiry.start_date, _yes_no(not enquiry.icpc_needed), conference,
                   _yes_no(plan_followed), _in_12_months((e.start_date for e in enquiries), enquiry.start_date),
                   _in_12_months((period.known(e.icpc_date) for e in enquiries), conference or enquiry.start_date),
                   *_allocated(record, case)]


def _in_need(record: Record, period: Period):
    for case in record.cases:
        if period.overlaps(case.referral_date, case.closure_date):
            closed = period.known(case.closure_date)
            seen, _ = annex_a_visits.last_seen(record.visits, [case.id], date.min, closed or period.as_at)
            yield [*_child(record, period), case.referral_date, case.primary_need, seen, closed,
                   case.closure_reason if closed else "", _case_status(record, case, period), *_allocated(record, case)]


def _case_status(record: Record, case, period: Period) -> str:
    day = period.as_at
    if period.known(case.closure_date):
        return "Closed episode"
    if _current([status for status in record.statuses if status.ls_code], day):
        return "Looked after child"  # the fact is counted, as the returns count it; its details are list 8's
    if _current(case.protection_plans, day):
        return "Child protection plan"
    if _current(case.cin_plans, day):
        return "Child in need plan"
    if any(period.known(assessment.authorised_on) is None for assessment in case.assessments):
        return "Open assessment"
    return ""


def _protection(record: Record, period: Period):
    plans = [plan for case in record.cases for plan in case.protection_plans]
    emergency = _emergency_in_six_months(record, period) if plans else None
    for case in record.cases:
        for plan in case.protection_plans:
            if period.overlaps(plan.start_date, plan.end_date):
                before = sum(1 for other in plans if (other.start_date, other.id) < (plan.start_date, plan.id))
                visited = annex_a_visits.last_seen(record.visits, [case.id], plan.start_date,
                                                   period.known(plan.end_date) or period.as_at)
                yield [*_child(record, period), plan.start_date, plan.initial_category, plan.latest_category, *visited,
                       plan.latest_review, period.known(plan.end_date), emergency, before,
                       *_allocated(record, case)]


def _emergency_in_six_months(record: Record, period: Period) -> str:
    since = period.six_months_before
    found = [status for status in record.statuses if status.status in EMERGENCY
             and status.start_date <= period.as_at and (status.end_date is None or status.end_date >= since)]
    if any(not status.withheld for status in found):
        return YES
    return WITHHELD if found else NO


@dataclass
class Care:
    """A child's latest period of care that was open at some time in the period."""

    episodes: list  # its episodes, as the SSDA903 return has them, up to the as-at date
    others_in_12_months: bool  # another period of care in the 12 months up to the as-at date

    @property
    def first(self):
        return self.episodes[0]

    @property
    def last(self):
        return self.episodes[-1]


def _care(record: Record, period: Period) -> Care | None:
    coded = [status for status in record.statuses if status.ls_code]
    if not coded:
        return None
    periods = []
    for episode in looked_after_episodes(coded, record.placements):
        if episode.start > period.as_at:
            break
        if episode.end is not None and episode.end > period.as_at:
            episode.end, episode.rec = None, ""  # what happened after the as-at date is not known to the lists
        if episode.rne == "S" or not periods:
            periods.append([])
        periods[-1].append(episode)
    in_period = [episodes for episodes in periods if period.overlaps(episodes[0].start, episodes[-1].end)]
    if not in_period:
        return None
    since = period.year_before
    others = any(episodes is not in_period[-1] and (episodes[-1].end is None or episodes[-1].end > since)
                 for episodes in periods)
    return Care(in_period[-1], others)


def _latest_case(record: Record):
    return record.cases[-1] if record.cases else None


def _in_care(record: Record, period: Period):
    care = _care(record, period)
    if care is None:
        return
    last, status = care.last, care.last.status
    since = period.year_before
    legal_status_began = care.first.start
    for episode in reversed(care.episodes):
        if episode.status.ls_code != status.ls_code:
            break
        legal_status_began = episode.start
    placements = [placement for placement in record.placements  # in any period of care in the 12 months
                  if placement.end_date is None or placement.end_date > since]
    ended = last.end is not None
    placement = last.placement
    where = [None] * 7 if placement is None else [_of(placement, value) for value in (
        placement.start_date, placement.place_code, placement.provider_code, placement.postcode, placement.ofsted_urn,
        *_location(placement.la_code))]
    born, care_records = record.child.date_of_birth, record.care
    yield [*_child(record, period, disability=False), annex_a_care.uasc(care_records, born, since),
           _disability(record.child),
           _of(care.first.status, care.first.start), _of(status, status.category_of_need),
           _yes_no(care.others_in_12_months), _of(status, legal_status_began), _of(status, status.ls_code),
           care_records.latest_review,
           annex_a_visits.last_seen(record.visits, [case.id for case in record.cases], date.min, period.as_at)[0],
           care_records.permanence_plan, care_records.iro_contact,
           *annex_a_health.cells(record.health, record.child.id),
           len(placements), _of(status, last.end) if ended else None, _of(status, last.rec) if ended else "",
           *where,
           care_records.missing, care_records.absent, *annex_a_care.return_interview(care_records, period),
           *_allocated(record, _latest_case(record))]


def _location(la_code: str) -> tuple[str, str]:
    """Whether the placement is in the council's own area (In or Out, as the template asks) and the local authority it
    is in (its DfE number, or WAL, SCO or NIR outside England); both empty when it is not recorded."""
    if not la_code:
        return "", ""
    return ("In" if la_code == settings.DFE_LA_NUMBER else "Out"), la_code


def _adoption(record: Record, period: Period):
    orders = [status for status in record.statuses if status.status == LegalStatus.Status.PLACEMENT_ORDER
              or status.ls_code == "E1"]
    adoptive = [placement for placement in record.placements if placement.place_code in ADOPTION_PLACES
                or placement.placement_type == Placement.Type.ADOPTION]
    if not any(period.overlaps(item.start_date, item.end_date) for item in orders + adoptive) and not \
            annex_a_care.decided_in(record.care, period):
        return
    care = _care(record, period)
    order, placed = (orders[-1] if orders else None), (adoptive[-1] if adoptive else None)
    fostering = [placement for placement in record.placements if placement.place_code in FOSTERING_FOR_ADOPTION]
    ffa = fostering[0] if fostering else None
    adopted = care is not None and care.last.end is not None and care.last.rec in ADOPTED
    decided, matched, no_longer, why = annex_a_care.decision(record.care, period)
    yield [la_child_id(record.child), annex_a_care.family(record.care), *_child(record, period)[1:],
           _of(care.first.status, care.first.start) if care else None, decided,
           _of(order, order.start_date if order else None), matched, _of(placed, placed.start_date if placed else None),
           _of(care.last.status, care.last.end) if adopted else None, no_longer, why,
           _of(ffa, ffa.start_date if ffa else None)]


def _care_leavers(record: Record, period: Period):
    born = record.child.date_of_birth
    latest = annex_a_care.latest_contact(record.care, born, period)
    if latest is None:
        return
    contact, _ = latest
    yield [*_child(record, period, disability=False), annex_a_care.uasc(record.care, born, date.min),  # or formerly
           _disability(record.child), *_allocated(record, _latest_case(record)),
           *annex_a_care.pathway_plan(record.care, born, period), contact["in_touch"],
           annex_a_contacts.latest(record.contacts, record.child.id), contact["accommodation"],
           annex_a_care.suitability(contact["accommodation"]), contact["activity"]]
