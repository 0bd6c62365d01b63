"""Pages that record a care leaver's information at a birthday, a looked-after child's outcomes for a year and a care
leaver's pathway plan review (issue 17), reached from the child's Cases tab. Whoever may write on the child's record
may use them (`child_for_request`, Need.WRITE); anyone else gets the same logged 404."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.care_leavers import selectors, services
from casework.care_leavers.forms import CareLeaverContactForm, OutcomesForm, PathwayPlanReviewForm, outcomes_initial
from casework.care_leavers.models import CARE_LEAVER_BIRTHDAYS
from casework.children.authorisation import Need, child_for_request, refuse
from casework.children.form_pages import form_page
from casework.returns import codes
from casework.returns.models import year_label

FIRST_YEAR = 2020


def _back(child) -> str:
    return f"{reverse('casework:child_cases', args=[child.local_id])}#leaving-care"


@login_required
@require_http_methods(["GET", "POST"])
def care_leaver_contact(request, local_id, birthday):
    child = child_for_request(request, local_id, Need.WRITE)
    if birthday not in CARE_LEAVER_BIRTHDAYS:
        refuse(request, local_id)
    contact = child.care_leaver_contacts.filter(birthday=birthday).first()
    initial = {name: getattr(contact, name) for name in CareLeaverContactForm.base_fields} if contact else {}
    when = f" ({selectors.birthday(child.date_of_birth, birthday):%-d %B %Y})" if child.date_of_birth else ""
    return form_page(
        request, child, CareLeaverContactForm(request.POST or None, initial=initial),
        title=f"Care leaver information at their {birthday}th birthday", button="Save",
        success="Care leaver information saved.", done=_back(child), back=_back(child), subnav="cases",
        context={"intro": f"What the council knows around the young person's {birthday}th birthday{when}."},
        save=lambda data: services.record_care_leaver_contact(child=child, by=request.user, birthday=birthday, **data))


@login_required
@require_http_methods(["GET", "POST"])
def looked_after_outcomes(request, local_id, year):
    child = child_for_request(request, local_id, Need.WRITE)
    if not FIRST_YEAR <= year <= codes.collection_year():
        refuse(request, local_id)
    outcomes = child.looked_after_outcomes.filter(year=year).first()
    return form_page(
        request, child, OutcomesForm(request.POST or None, initial=outcomes_initial(outcomes)),
        title=f"Outcomes for {year_label(year)}", button="Save", success="Outcomes saved.",
        done=_back(child), back=_back(child), subnav="cases",
        context={"intro": "For a child looked after continuously for 12 months at 31 March "
                          f"{year + 1}: what the Department for Education's return asks about the year."},
        save=lambda data: services.record_outcomes(child=child, by=request.user, year=year, **data))


@login_required
@require_http_methods(["GET", "POST"])
def pathway_plan_review(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    latest = child.pathway_plan_reviews.first()  # the category and adviser are most often the same as last time
    initial = {"eligibility": latest.eligibility, "personal_adviser": latest.personal_adviser_id} if latest else {}
    return form_page(
        request, child, PathwayPlanReviewForm(request.POST or None, initial=initial),
        title="Record a pathway plan review", button="Save", success="Pathway plan review saved.",
        done=_back(child), back=_back(child), subnav="cases",
        context={"intro": "The young person's leaving care category and personal adviser as the review recorded "
                          "them. Recording the same date again changes that review."},
        save=lambda data: services.record_pathway_plan_review(child=child, by=request.user, **data))
