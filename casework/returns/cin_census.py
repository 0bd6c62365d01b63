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

import xml.etree.ElementTree as ET
from datetime import date, datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from casework.cin.models import ChildProtectionPlan
from casework.models import Case


def census_period(year: int) -> tuple[date, date]:
    """The first day and the reference date (the last day) of the collection year."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def build_cin_census(*, year: int, la_number: str, serial_number: int = 1, built_at: datetime | None = None) -> bytes:
    """The census file for collection year `year` of the council with DfE local authority number `la_number`."""
    start, end = census_period(year)
    message = ET.Element("Message")
    message.append(_header(year, la_number, serial_number, built_at or timezone.now()))
    children = ET.SubElement(message, "Children")
    plans_before = _earlier_plan_counts()
    child, element = None, None
    for case in _cases_in_year(start, end):
        if case.child_id != getattr(child, "pk", None):
            child = case.child
            element = _child(children, child, end)
        element.append(_cin_details(case, start, end, plans_before))
    ET.indent(message)
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)


def _cases_in_year(start: date, end: date):
    """Every case open at some time in the year, with what the census reads of it, child by child (few queries)."""
    return (Case.objects.filter(referral_date__lte=end).filter(Q(closure_date__isnull=True) | Q(closure_date__gte=start))
            .select_related("child")
            .prefetch_related("assessments", "section47_enquiries", "cin_plans",
                              Prefetch("protection_plans", queryset=ChildProtectionPlan.objects.prefetch_related("reviews")))
            .order_by("child_id", "referral_date", "id").iterator(chunk_size=2000))


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


def _child(children, child, end: date) -> ET.Element:
    element = ET.SubElement(children, "Child")
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
    for assessment in case.assessments.all():
        if _in_year(assessment.start_date, assessment.authorised_on, start, end):
            _assessment(details, assessment, end)
    for plan in case.cin_plans.all():
        if _in_year(plan.start_date, plan.end_date, start, end):
            dates = ET.SubElement(details, "CINPlanDates")
            _text(dates, "CINPlanStartDate", plan.start_date)
            _text(dates, "CINPlanEndDate", _by(plan.end_date, end))
    for enquiry in case.section47_enquiries.all():
        if start <= enquiry.start_date <= end or (enquiry.icpc_date is not None and start <= enquiry.icpc_date <= end):
            _section47(details, enquiry, end)
    for plan in case.protection_plans.all():
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
    for review in plan.reviews.all():
        if start <= review.review_date <= end:
            reviews = ET.SubElement(element, "Reviews")  # one per date: as the Department's validator reads them
            _text(reviews, "CPPreviewDate", review.review_date)
