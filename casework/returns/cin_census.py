"""The children in need census (issue 17): the Department for Education's XML file for a collection year, built
from what practitioners recorded (the child's details, the cases, and their assessments, section 47 enquiries, child
protection plans with reviews and child in need plans).

A collection year is named by the year it starts: 2026 is the 2026-27 census, 1 April 2026 to 31 March 2027, with
31 March 2027 as its reference date. Every case open at any time in the year is a CINdetails episode of its child,
restricted children included: the return is statistical. What happened after the reference date is left out (an
episode closed later is open at the census date). Who may build it is decided by the caller: this function reads every
child and checks no permission (the performance and information role builds returns; see issue 17).

Shape (the CIN census schema): Message / Header / Children / Child / ChildIdentifiers, ChildCharacteristics,
CINdetails (Assessments, CINPlanDates, Section47, ChildProtectionPlans with Reviews).
"""

import io
import xml.etree.ElementTree as ET
from datetime import date, datetime
from itertools import islice

from django.db.models import Q
from django.utils import timezone

from casework.cin.models import Assessment, ChildProtectionPlan, CinPlan, ProtectionPlanReview, Section47Enquiry
from casework.models import Case

CHUNK = 2000  # cases read at a time
CASE_ITEMS = (("assessments", Assessment), ("cin_plans", CinPlan), ("section47_enquiries", Section47Enquiry),
              ("protection_plans", ChildProtectionPlan))


def census_period(year: int) -> tuple[date, date]:
    """The first day and the reference date (the last day) of the collection year."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def build_cin_census(*, year: int, la_number: str, serial_number: int = 1, built_at: datetime | None = None) -> bytes:
    """The census file for collection year `year` of the council with DfE local authority number `la_number`."""
    start, end = census_period(year)
    # Written a child at a time: only one child's elements are held at once, whatever the size of the council.
    out = io.BytesIO()
    out.write(b"<?xml version='1.0' encoding='utf-8'?>\n<Message>\n")
    _write(out, _header(year, la_number, serial_number, built_at or timezone.now()), level=1)
    out.write(b"  <Children>\n")
    plans_before = _earlier_plan_counts()
    child, element = None, None
    for case in _cases_in_year(start, end):
        if case.child_id != getattr(child, "pk", None):
            if element is not None:
                _write(out, element, level=2)
            child = case.child
            element = _child(child, end)
        element.append(_cin_details(case, start, end, plans_before))
    if element is not None:
        _write(out, element, level=2)
    out.write(b"  </Children>\n</Message>")
    return out.getvalue()


def _write(out, element: ET.Element, *, level: int) -> None:
    """One element, indented as it would be in the whole document, two spaces a level."""
    ET.indent(element, level=level)
    out.write(b"  " * level + ET.tostring(element, encoding="utf-8") + b"\n")


def _cases_in_year(start: date, end: date):
    """Every case open at some time in the year, child by child, each with what the census reads of it in `items`
    (lists, oldest first; a plan's reviews in `review_list`): read a chunk of cases at a time, in a few queries per
    chunk, as plain lists rather than Django's prefetch (which costs more than the reading itself here)."""
    cases = (Case.objects.filter(referral_date__lte=end).filter(Q(closure_date__isnull=True) | Q(closure_date__gte=start))
             .select_related("child").order_by("child_id", "referral_date", "id").iterator(chunk_size=CHUNK))
    while chunk := list(islice(cases, CHUNK)):
        by_id = {case.pk: case for case in chunk}
        for case in chunk:
            case.items = {name: [] for name, _ in CASE_ITEMS}
        for name, model in CASE_ITEMS:
            for item in model.objects.filter(case_id__in=by_id).order_by("start_date", "id"):
                by_id[item.case_id].items[name].append(item)
        plans = {plan.pk: plan for case in chunk for plan in case.items["protection_plans"]}
        for plan in plans.values():
            plan.review_list = []
        for review in ProtectionPlanReview.objects.filter(plan_id__in=plans).order_by("review_date", "id"):
            plans[review.plan_id].review_list.append(review)
        yield from chunk


def _earlier_plan_counts() -> dict[int, int]:
    """For each child protection plan, how many plans the child had before it (NumberOfPreviousCPP)."""
    counts, seen = {}, {}
    for plan_id, child_id in ChildProtectionPlan.objects.order_by("case__child_id", "start_date", "id").values_list(
            "pk", "case__child_id"):
        counts[plan_id] = seen.get(child_id, 0)
        seen[child_id] = counts[plan_id] + 1
    return counts


def la_child_id(child) -> str:
    """The child's ID in the census: the local child ID without its hyphens (letters and digits only: rule 1580)."""
    return child.local_id.replace("-", "")


def _text(parent, tag: str, value) -> None:
    """An element only when there is a value: the schema leaves out what is not known."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, date):
        value = value.isoformat()
    ET.SubElement(parent, tag).text = str(value)


def _by(value: date | None, end: date) -> date | None:
    """A date the census may show: on or before its reference date."""
    return value if value is not None and value <= end else None


def _header(year, la_number, serial_number, built_at) -> ET.Element:
    header = ET.Element("Header")
    details = ET.SubElement(header, "CollectionDetails")
    _text(details, "Collection", "CIN")
    _text(details, "Year", year + 1)
    _text(details, "ReferenceDate", census_period(year)[1])
    source = ET.SubElement(header, "Source")
    _text(source, "SourceLevel", "L")
    _text(source, "LEA", la_number)
    _text(source, "SoftwareCode", "casework")
    _text(source, "Release", "1")
    _text(source, "SerialNo", serial_number)
    _text(source, "DateTime", timezone.localtime(built_at).strftime("%Y-%m-%dT%H:%M:%S"))
    return header


def _child(child, end: date) -> ET.Element:
    element = ET.Element("Child")
    identifiers = ET.SubElement(element, "ChildIdentifiers")
    _text(identifiers, "LAchildID", la_child_id(child))
    _text(identifiers, "UPN", child.upn)
    _text(identifiers, "UPNunknown", child.upn_unknown_reason)
    if child.is_unborn:
        _text(identifiers, "ExpectedPersonBirthDate", child.expected_date_of_birth)
    else:
        _text(identifiers, "PersonBirthDate", child.date_of_birth)
    _text(identifiers, "Sex", child.sex)
    _text(identifiers, "PersonDeathDate", _by(child.date_of_death, end))
    characteristics = ET.SubElement(element, "ChildCharacteristics")
    _text(characteristics, "Ethnicity", child.ethnicity)
    if child.disabilities:
        disabilities = ET.SubElement(characteristics, "Disabilities")
        for code in child.disabilities:
            _text(disabilities, "Disability", code)
    return element


def _in_year(first: date, last: date | None, start: date, end: date) -> bool:
    """Whether something running from `first` to `last` (None: still running) was running in the year."""
    return first <= end and (last is None or last >= start)


def _cin_details(case, start: date, end: date, plans_before: dict) -> ET.Element:
    details = ET.Element("CINdetails")
    _text(details, "CINreferralDate", case.referral_date)
    _text(details, "ReferralSource", case.referral_source)
    _text(details, "PrimaryNeedCode", case.primary_need)
    closed = _by(case.closure_date, end)
    _text(details, "CINclosureDate", closed)
    _text(details, "ReasonForClosure", case.closure_reason if closed else "")
    # Every initial conference is recorded with its section 47 enquiry, where the census takes it (once: rule 2884).
    _text(details, "ReferralNFA", case.referral_nfa)
    for assessment in case.items["assessments"]:
        if _in_year(assessment.start_date, assessment.authorised_on, start, end):
            _assessment(details, assessment, end)
    for plan in case.items["cin_plans"]:
        if _in_year(plan.start_date, plan.end_date, start, end):
            dates = ET.SubElement(details, "CINPlanDates")
            _text(dates, "CINPlanStartDate", plan.start_date)
            _text(dates, "CINPlanEndDate", _by(plan.end_date, end))
    for enquiry in case.items["section47_enquiries"]:
        if start <= enquiry.start_date <= end or (enquiry.icpc_date is not None and start <= enquiry.icpc_date <= end):
            _section47(details, enquiry, end)
    for plan in case.items["protection_plans"]:
        if _in_year(plan.start_date, plan.end_date, start, end):
            _protection_plan(details, plan, start, end, plans_before)
    return details


def _assessment(details, assessment, end: date) -> None:
    element = ET.SubElement(details, "Assessments")
    _text(element, "AssessmentActualStartDate", assessment.start_date)
    authorised = _by(assessment.authorised_on, end)
    _text(element, "AssessmentAuthorisationDate", authorised)
    if authorised:
        factors = ET.SubElement(element, "FactorsIdentifiedAtAssessment")
        for code in assessment.factors:
            _text(factors, "AssessmentFactors", code)


def _section47(details, enquiry, end: date) -> None:
    element = ET.SubElement(details, "Section47")
    _text(element, "S47ActualStartDate", enquiry.start_date)
    _text(element, "InitialCPCtarget", enquiry.icpc_target_date)
    _text(element, "DateOfInitialCPC", _by(enquiry.icpc_date, end))
    _text(element, "ICPCnotRequired", not enquiry.icpc_needed)


def _protection_plan(details, plan, start: date, end: date, plans_before: dict) -> None:
    element = ET.SubElement(details, "ChildProtectionPlans")
    _text(element, "CPPstartDate", plan.start_date)
    _text(element, "CPPendDate", _by(plan.end_date, end))
    _text(element, "InitialCategoryOfAbuse", plan.initial_category)
    _text(element, "LatestCategoryOfAbuse", plan.latest_category)
    _text(element, "NumberOfPreviousCPP", plans_before.get(plan.pk, 0))
    for review in plan.review_list:
        if start <= review.review_date <= end:
            reviews = ET.SubElement(element, "Reviews")  # one per date: as the Department's validator reads them
            _text(reviews, "CPPreviewDate", review.review_date)
