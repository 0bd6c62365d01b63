"""Issue 17 (Ofsted's Annex A, list 9): a care leaver's pathway plan reviews, recorded on the child's Cases tab with
the young person's leaving care category and personal adviser, through a service that checks the date and the
category against the young person's age and care."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from access.models import AuditAction, AuditEvent
from casework.care_leavers import services
from casework.care_leavers.models import PathwayPlanReview
from casework.care_leavers.selectors import birthday
from tests.casework.care_leavers.builders import born_for, care_leavers, left_care
from tests.casework.returns.test_ssda903 import looked_after_child
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(care_team, care_manager, other_practitioner):
    return care_leavers(care_team, care_manager, other_practitioner)


def review_url(child):
    return reverse("casework:pathway_plan_review", args=[child.local_id])


def test_a_review_is_recorded_changed_and_kept(found, other_practitioner, care_manager):
    child, day = found["nineteen"], found["s"] + timedelta(days=70)  # 19 then, left care at 18
    services.record_pathway_plan_review(child=child, by=other_practitioner, reviewed_on=day,
                                        eligibility="former_relevant", personal_adviser=other_practitioner)
    review = PathwayPlanReview.objects.get(child=child)
    assert (review.reviewed_on, review.eligibility, review.personal_adviser) == (day, "former_relevant",
                                                                                 other_practitioner)
    services.record_pathway_plan_review(child=child, by=other_practitioner, reviewed_on=day,
                                        eligibility="former_relevant", personal_adviser=care_manager)
    assert PathwayPlanReview.objects.get(child=child).personal_adviser == care_manager  # the same date changes it
    assert [h.personal_adviser_id for h in review.history.all()] == [care_manager.pk, other_practitioner.pk]
    assert AuditEvent.objects.filter(child=child, action=AuditAction.RECORDED_PATHWAY_REVIEW).count() == 2
    services.record_pathway_plan_review(child=child, by=other_practitioner, reviewed_on=day + timedelta(days=20),
                                        eligibility="former_relevant")  # none allocated
    assert PathwayPlanReview.objects.filter(child=child).count() == 2


def _day(found, name, *, years=None, after=0):
    """A day `after` days from the start of the year, or from the young person's birthday `years`."""
    if years is None:
        return found["s"] + timedelta(days=after)
    return birthday(found[name].date_of_birth, years) + timedelta(days=after)


@pytest.mark.parametrize("name, when, eligibility, field, message", [
    ("nineteen", {"after": 100_000}, "former_relevant", "reviewed_on",
     "The date of the review cannot be in the future"),
    ("nineteen", {"years": 16, "after": -1}, "qualifying", "reviewed_on",
     "The date of the review cannot be before the young person's 16th birthday"),
    ("nineteen", {"years": 18, "after": 10}, "relevant", "eligibility",
     "The young person was 18 on the date of the review: an eligible or relevant child is 16 or 17"),
    ("seventeen", {"after": 40}, "former_relevant", "eligibility",
     "The young person was under 18 on the date of the review: a former relevant child is 18 or over"),
    ("seventeen", {"after": 40}, "eligible", "eligibility",
     "The young person was not looked after on the date of the review: an eligible child is still looked after"),
    ("nineteen", {"years": 17}, "relevant", "eligibility",
     "The young person was looked after on the date of the review: a relevant child has left care"),
    ("nineteen", {"after": 70}, "tomorrow", "eligibility",
     "Select the young person's eligibility for leaving care support from the list"),
])
def test_a_wrong_review_is_refused_with_a_specific_error(found, other_practitioner, name, when, eligibility, field,
                                                         message):
    day = _day(found, name, **when)  # each a day past but the first: the year's first 120 days are past
    with pytest.raises(ValidationError) as refused:
        services.record_pathway_plan_review(child=found[name], by=other_practitioner, reviewed_on=day,
                                            eligibility=eligibility)
    assert refused.value.message_dict[field][0].startswith(message)
    assert not PathwayPlanReview.objects.exists()


def test_the_categories_that_fit_are_accepted(found, other_practitioner):
    services.record_pathway_plan_review(child=found["seventeen"], by=other_practitioner,
                                        reviewed_on=_day(found, "seventeen", after=40), eligibility="relevant")
    services.record_pathway_plan_review(child=found["nineteen"], by=other_practitioner,
                                        reviewed_on=_day(found, "nineteen", years=17), eligibility="eligible")
    assert sorted(PathwayPlanReview.objects.values_list("eligibility", flat=True)) == ["eligible", "relevant"]


def test_a_young_person_looked_after_briefly_is_only_a_qualifying_care_leaver(found, care_team, care_manager,
                                                                             other_practitioner):
    s = found["s"]
    child = looked_after_child(care_team, care_manager, other_practitioner, number=35, first_name="Brief",
                               born=born_for(s + timedelta(days=30), 17))
    left_care(child, other_practitioner, since=s - timedelta(days=60), until=s - timedelta(days=30))  # four weeks
    with pytest.raises(ValidationError) as refused:
        services.record_pathway_plan_review(child=child, by=other_practitioner, reviewed_on=s + timedelta(days=40),
                                            eligibility="relevant")
    assert refused.value.message_dict["eligibility"] == [
        "The young person was not looked after for 13 weeks after their 14th birthday, some of it after their 16th: "
        "select qualifying care leaver if they are one"]
    services.record_pathway_plan_review(child=child, by=other_practitioner, reviewed_on=s + timedelta(days=40),
                                        eligibility="qualifying")
    assert PathwayPlanReview.objects.get().eligibility == "qualifying"


def test_a_personal_adviser_must_be_active_council_staff(found, other_practitioner, care_manager):
    care_manager.is_active = False
    care_manager.save()
    with pytest.raises(ValidationError) as refused:
        services.record_pathway_plan_review(child=found["nineteen"], by=other_practitioner,
                                            reviewed_on=_day(found, "nineteen", after=70),
                                            eligibility="former_relevant", personal_adviser=care_manager)
    assert refused.value.message_dict["personal_adviser"] == [
        "Select the personal adviser from the council's staff in the list"]


def test_the_service_refuses_an_outsider(found, practitioner):
    with pytest.raises(PermissionDenied):
        services.record_pathway_plan_review(child=found["nineteen"], by=practitioner,
                                            reviewed_on=_day(found, "nineteen", after=70),
                                            eligibility="former_relevant")
    assert not PathwayPlanReview.objects.exists()


def test_the_page_records_a_review_and_the_cases_tab_shows_it(found, other_practitioner, care_manager,
                                                              django_assert_max_num_queries):
    client = client_for(other_practitioner)
    child, day = found["nineteen"], _day(found, "nineteen", after=70)
    cases = client.get(reverse("casework:child_cases", args=[child.local_id])).content.decode()
    assert review_url(child) in cases and "No pathway plan reviews recorded." in cases
    page = client.get(review_url(child)).content.decode()
    assert care_manager.get_full_name() in page and "None allocated" in page
    date_fields = {"reviewed_on_0": str(day.day), "reviewed_on_1": str(day.month), "reviewed_on_2": str(day.year)}
    response = client.post(review_url(child), {**date_fields, "eligibility": "relevant"})
    assert_form_error(response, "The young person was 18 on the date of the review: an eligible or relevant child is "
                                "16 or 17 (at 18 they become a former relevant child)")
    response = client.post(review_url(child), {**date_fields, "eligibility": "former_relevant",
                                               "personal_adviser": care_manager.pk})
    assert response.status_code == 302
    with django_assert_max_num_queries(40):
        cases = client.get(reverse("casework:child_cases", args=[child.local_id]))
    cells = texts(cases, "govuk-table__cell")
    assert f"{day:%-d %B %Y}" in cells and "Former relevant child" in cells and care_manager.get_full_name() in cells
    page = client.get(review_url(child)).content.decode()  # the next review starts from what this one said
    assert f'value="{care_manager.pk}" selected' in page


def test_the_page_is_a_404_for_an_outsider(found, practitioner):
    assert client_for(practitioner).get(review_url(found["nineteen"])).status_code == 404
