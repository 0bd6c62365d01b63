"""Demo data for issue 17's care leavers (OC3, and a pathway plan review) and yearly outcomes of children looked after
(OC2), recorded through
the services as the looked-after children's social worker would, for those of the demo's children the Department's
return asks about. Recording again changes nothing: a child already answered for a year or a birthday is left."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.care_leavers import services
from casework.care_leavers.models import CARE_LEAVER_BIRTHDAYS
from casework.care_leavers.selectors import birthday, care_periods, looked_after_on
from casework.models import Child
from casework.returns import codes
from casework.returns.cin_census import census_period


def _caseload(worker):
    return (Child.objects.filter(cases__allocations__worker=worker, cases__allocations__ended_at__isnull=True)
            .exclude(date_of_birth=None).distinct().order_by("pk"))


def _outcomes(child, year: int, number: int) -> dict:
    """Answers that fit the child's age at the year's 31 March (the DfE's rules on who is asked what)."""
    start, end = census_period(year)
    born = child.date_of_birth
    values = {"immunisations": number % 4 != 3, "teeth_check": number % 3 != 2, "health_assessment": True,
              "substance_misuse": False}
    if birthday(born, 10) <= end:
        values["convicted"] = False
    if birthday(born, 5) > end:
        values["health_check"] = True
    if birthday(born, 4) <= end and birthday(born, 17) >= start:
        values["sdq_score"] = 8 + number % 12
    return values


def seed_care_leavers(worker) -> int:
    """The outcomes of the last complete collection year for each child on `worker`'s caseload looked after for 12
    months at its 31 March, and care leaver information at each 17th to 21st birthday in reach; how many recorded."""
    today = timezone.localdate()
    year = codes.collection_year(today) - 1
    earliest, _ = census_period(year)
    recorded = 0
    for number, child in enumerate(_caseload(worker)):
        attempts = []
        if not child.looked_after_outcomes.filter(year=year).exists():
            attempts.append(lambda c=child, n=number: services.record_outcomes(
                child=c, by=worker, year=year, **_outcomes(c, year, n)))
        for years in CARE_LEAVER_BIRTHDAYS:
            if earliest <= birthday(child.date_of_birth, years) <= today and \
                    not child.care_leaver_contacts.filter(birthday=years).exists():
                attempts.append(lambda c=child, y=years: services.record_care_leaver_contact(
                    child=c, by=worker, birthday=y, in_touch="YES", activity="F2", accommodation="U1"))
        if not child.pathway_plan_reviews.exists():
            attempts.append(lambda c=child: _review(c, worker, today - timedelta(days=30)))
        for attempt in attempts:
            try:
                attempt()
            except ValidationError:
                continue  # not a child the return asks this about
            recorded += 1
    return recorded


def _review(child, worker, day):
    """A pathway plan review a month ago, for a care leaver with information at a birthday, with the worker as their
    personal adviser and the category their age and care give."""
    if not child.care_leaver_contacts.exists():
        raise ValidationError("Not a care leaver in the demo")
    if birthday(child.date_of_birth, 18) <= day:
        eligibility = "former_relevant"
    else:
        eligibility = "eligible" if looked_after_on(care_periods(child.pk), day) else "relevant"
    services.record_pathway_plan_review(child=child, by=worker, reviewed_on=day, eligibility=eligibility,
                                        personal_adviser=worker)
