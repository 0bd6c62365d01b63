"""Issue 17: a case's assessments, section 47 enquiries, child protection plans (with reviews) and child in need
plans, recorded on the child's Cases tab in the DfE's codes: dates in order and within the case, codes of the list,
every change kept in the history and audited, nothing saved from a refused form, a 404 for anyone who may not write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.cin import services
from casework.cin.models import Assessment, ChildProtectionPlan, CinPlan, ProtectionPlanReview, Section47Enquiry
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, by_class, texts

pytestmark = pytest.mark.django_db


def table_rows(response) -> list[list[str]]:
    return [[cell.text() for cell in row.iter() if "govuk-table__cell" in cell.classes]
            for row in by_class(response, "govuk-table__body")[0].iter() if row.tag == "tr"]


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def date_fields(name, value) -> dict:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def add_url(child, kind):
    return reverse("casework:cin_item_add", args=[child.local_id, child.cases.get().pk, kind])


def change_url(child, kind, item):
    return reverse("casework:cin_item_change", args=[child.local_id, item.case_id, kind, item.pk])


def review_url(child, plan):
    return reverse("casework:cp_review_add", args=[child.local_id, plan.case_id, plan.pk])


def cases_page(client, child):
    return client.get(reverse("casework:child_cases", args=[child.local_id]))


def assessment(start, authorised=None, factors=()) -> dict:
    return {**date_fields("start_date", start), **date_fields("authorised_on", authorised), "factors": list(factors)}


def enquiry(start, needed="yes", target=None, held=None) -> dict:
    return {**date_fields("start_date", start), "icpc_needed": needed, **date_fields("icpc_target_date", target),
            **date_fields("icpc_date", held)}


def protection_plan(start, initial="NEG", latest="", end=None) -> dict:
    return {**date_fields("start_date", start), "initial_category": initial, "latest_category": latest,
            **date_fields("end_date", end)}


# --- Assessments ---------------------------------------------------------------------------------------------

def test_an_assessment_is_started_then_authorised_with_its_factors(child, practitioner):
    client = client_for(practitioner)
    assert client.get(add_url(child, "assessment")).status_code == 200

    response = client.post(add_url(child, "assessment"), assessment(days_ago(40)))
    assert response.status_code == 302
    item = Assessment.objects.get(case__child=child)
    assert (item.start_date, item.authorised_on, item.factors) == (days_ago(40), None, [])

    response = client.post(change_url(child, "assessment", item), assessment(days_ago(40), days_ago(5), ["3B", "4B"]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.authorised_on, item.factors) == (days_ago(5), ["3B", "4B"])
    assert item.history.count() == 2  # the earlier version is kept, and shown on the change page
    history = client.get(change_url(child, "assessment", item))
    assert [row[1:] for row in table_rows(history)] == [[practitioner.get_full_name(), "Changed"],
                                                        [practitioner.get_full_name(), "Added"]]
    assert AuditEvent.objects.filter(child=child, action=AuditAction.ADDED_TO_CASE).count() == 1
    assert AuditEvent.objects.filter(child=child, action=AuditAction.CHANGED_ON_CASE).count() == 1
    page = cases_page(client, child).content.decode()
    assert "Domestic abuse: concerns about the parent or carer being the subject of domestic abuse" in page
    assert "Mental health: concerns about the parent or carer" in page


@pytest.mark.parametrize("data, message", [
    (lambda: assessment(days_ago(10), None, ["3B"]),
     "Record the factors when the assessment is authorised: enter the date it was authorised"),
    (lambda: assessment(days_ago(10), days_ago(2)), "Select the factors identified at the assessment, or 'No factors identified'"),
    (lambda: assessment(days_ago(10), days_ago(2), ["21", "3B"]),
     "Select 'No factors identified' on its own, or select the factors identified"),
    (lambda: assessment(days_ago(10), days_ago(12), ["21"]), "The assessment cannot be authorised before it started"),
    (lambda: assessment(days_ago(10), days_ago(2), ["18A"]), "Select the factors identified at the assessment from the list"),
    (lambda: assessment(days_ago(-1)), "The start date of the assessment must be today or in the past"),
    (lambda: assessment(None), "Enter the start date of the assessment as a day, month and year"),
    (lambda: {**assessment(days_ago(3)), "start_date_1": "13"}, "The start date of the assessment must be a real date"),
])
def test_a_wrong_assessment_gets_a_specific_error_and_nothing_is_saved(child, practitioner, data, message):
    response = client_for(practitioner).post(add_url(child, "assessment"), data())

    assert_form_error(response, message)
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ADDED_TO_CASE).exists()


def test_an_assessment_before_the_referral_is_refused(child, practitioner):
    referred = child.cases.get().referral_date
    response = client_for(practitioner).post(add_url(child, "assessment"), assessment(referred - timedelta(days=1)))

    assert_form_error(response, f"The start date of the assessment must be on or after the referral, {referred:%-d %B %Y}")


def test_only_one_assessment_waits_for_authorisation(child, practitioner):
    case = child.cases.get()
    services.record_item(case=case, by=practitioner, kind="assessment", start_date=days_ago(20), authorised_on=None)

    response = client_for(practitioner).post(add_url(child, "assessment"), assessment(days_ago(3)))

    assert_form_error(response, "The case has an assessment that is not authorised yet. Record its authorisation first")
    assert Assessment.objects.count() == 1


# --- Section 47 enquiries ----------------------------------------------------------------------------------

def test_a_section_47_enquiry_with_its_conference(child, practitioner):
    client = client_for(practitioner)
    response = client.post(add_url(child, "section-47"), enquiry(days_ago(30), "yes", days_ago(15), None))
    assert response.status_code == 302
    item = Section47Enquiry.objects.get()
    assert client.get(change_url(child, "section-47", item)).status_code == 200

    client.post(change_url(child, "section-47", item), enquiry(days_ago(30), "yes", days_ago(15), days_ago(16)))

    item.refresh_from_db()
    assert (item.icpc_needed, item.icpc_target_date, item.icpc_date) == (True, days_ago(15), days_ago(16))
    assert f"held {days_ago(16):%-d %b %Y}" in cases_page(client, child).content.decode()


@pytest.mark.parametrize("data, message", [
    (lambda: enquiry(days_ago(10), "yes", None), "Enter the target date of the initial child protection conference"),
    (lambda: enquiry(days_ago(10), "no", days_ago(2)),
     "Leave the conference dates empty: no initial child protection conference is needed"),
    (lambda: enquiry(days_ago(10), "yes", days_ago(12)), "The conference's target date cannot be before the enquiry started"),
    (lambda: enquiry(days_ago(10), "yes", days_ago(2), days_ago(11)), "The conference cannot be before the enquiry started"),
    (lambda: enquiry(days_ago(10), ""), "Select whether an initial child protection conference is needed"),
])
def test_a_wrong_enquiry_gets_a_specific_error_and_nothing_is_saved(child, practitioner, data, message):
    assert_form_error(client_for(practitioner).post(add_url(child, "section-47"), data()), message)
    assert not Section47Enquiry.objects.exists()


# --- Child protection plans and their reviews ---------------------------------------------------------------

def test_a_plan_that_ends_and_restarts_is_a_new_plan(child, practitioner):
    client = client_for(practitioner)
    client.post(add_url(child, "protection-plan"), protection_plan(days_ago(200)))
    first = ChildProtectionPlan.objects.get()
    assert (first.initial_category, first.latest_category) == ("NEG", "NEG")

    overlapping = client.post(add_url(child, "protection-plan"), protection_plan(days_ago(50), "EMO"))
    assert_form_error(overlapping, f"The child has a child protection plan from {days_ago(200):%-d %B %Y} that has not "
                                   "ended. A new plan starts after the earlier one ends")

    client.post(change_url(child, "protection-plan", first), protection_plan(days_ago(200), "NEG", "MUL", days_ago(100)))
    client.post(add_url(child, "protection-plan"), protection_plan(days_ago(50), "EMO"))

    plans = list(ChildProtectionPlan.objects.order_by("start_date"))
    assert [(p.start_date, p.end_date, p.initial_category, p.latest_category) for p in plans] == [
        (days_ago(200), days_ago(100), "NEG", "MUL"), (days_ago(50), None, "EMO", "EMO")]
    page = cases_page(client, child).content.decode()
    assert "Initially Neglect; now Multiple categories" in page and "Initially Emotional abuse" in page


def test_a_plan_overlapping_an_ended_one_is_refused(child, practitioner):
    case = child.cases.get()
    services.record_item(case=case, by=practitioner, kind="protection-plan", start_date=days_ago(200),
                         end_date=days_ago(100), initial_category="PHY")
    with pytest.raises(ValidationError, match="from .* to .*A new plan starts after the earlier one ends"):
        services.record_item(case=case, by=practitioner, kind="protection-plan", start_date=days_ago(100),
                             initial_category="PHY")
    assert ChildProtectionPlan.objects.count() == 1


def test_reviews_are_recorded_within_the_plan(child, practitioner):
    plan = services.record_item(case=child.cases.get(), by=practitioner, kind="protection-plan",
                                start_date=days_ago(120), end_date=days_ago(10), initial_category="SAB")
    client = client_for(practitioner)
    assert client.get(review_url(child, plan)).status_code == 200

    assert client.post(review_url(child, plan), date_fields("review_date", days_ago(30))).status_code == 302
    assert_form_error(client.post(review_url(child, plan), date_fields("review_date", days_ago(30))),
                      "A review on this date is already recorded for this plan")
    assert_form_error(client.post(review_url(child, plan), date_fields("review_date", days_ago(5))),
                      f"The review must be on or before the plan ended, {days_ago(10):%-d %B %Y}")
    assert_form_error(client.post(review_url(child, plan), date_fields("review_date", days_ago(121))),
                      f"The review must be on or after the plan started, {days_ago(120):%-d %B %Y}")

    assert list(ProtectionPlanReview.objects.values_list("review_date", flat=True)) == [days_ago(30)]
    # A change to the plan's dates that would leave a review outside them is refused.
    with pytest.raises(ValidationError, match="would be outside its dates"):
        services.change_item(item=plan, by=practitioner, start_date=days_ago(120), end_date=days_ago(40),
                             initial_category="SAB", latest_category="SAB")
    assert f"{days_ago(30):%-d %B %Y}" in texts(cases_page(client, child), "govuk-summary-list__value")[-1]


@pytest.mark.parametrize("data, message", [
    (lambda: protection_plan(days_ago(10), "XYZ"), "Select the category of abuse from the list"),
    (lambda: protection_plan(days_ago(10), ""), "Select the initial category of abuse"),
    (lambda: protection_plan(days_ago(10), end=days_ago(11)), "The plan cannot end before it started"),
    (lambda: protection_plan(days_ago(10), end=days_ago(-2)), "The end date of the child protection plan must be today or in the past"),
])
def test_a_wrong_plan_gets_a_specific_error_and_nothing_is_saved(child, practitioner, data, message):
    assert_form_error(client_for(practitioner).post(add_url(child, "protection-plan"), data()), message)
    assert not ChildProtectionPlan.objects.exists()


# --- Child in need plans -----------------------------------------------------------------------------------

def test_a_child_in_need_plan_starts_and_ends(child, practitioner):
    client = client_for(practitioner)
    client.post(add_url(child, "cin-plan"), {**date_fields("start_date", days_ago(60)), **date_fields("end_date", None)})
    plan = CinPlan.objects.get()
    assert_form_error(client.post(add_url(child, "cin-plan"), {
        **date_fields("start_date", days_ago(20)), **date_fields("end_date", None)}),
        f"The case has a child in need plan from {days_ago(60):%-d %B %Y} in these dates. End it, or correct its dates, first")

    client.post(change_url(child, "cin-plan", plan), {**date_fields("start_date", days_ago(60)),
                                                       **date_fields("end_date", days_ago(21))})
    client.post(add_url(child, "cin-plan"), {**date_fields("start_date", days_ago(20)), **date_fields("end_date", None)})

    assert list(CinPlan.objects.values_list("start_date", "end_date")) == [
        (days_ago(60), days_ago(21)), (days_ago(20), None)]
    assert f"From {days_ago(60):%-d %B %Y} to {days_ago(21):%-d %B %Y}" in cases_page(client, child).content.decode()


def test_dates_after_a_closed_case_are_refused(child, practitioner):
    case = child.cases.get()
    case.closure_date, case.closure_reason = days_ago(30), "RC7"
    case.save()
    with pytest.raises(ValidationError, match=f"must be on or before the case closed, {days_ago(30):%-d %B %Y}"):
        services.record_item(case=case, by=practitioner, kind="cin-plan", start_date=days_ago(10))


# --- Who may, and what it costs ----------------------------------------------------------------------------

def _every_page(child, practitioner):
    case = child.cases.get()
    items = {
        "assessment": services.record_item(case=case, by=practitioner, kind="assessment", start_date=days_ago(9)),
        "section-47": services.record_item(case=case, by=practitioner, kind="section-47", start_date=days_ago(9),
                                           icpc_needed=False),
        "protection-plan": services.record_item(case=case, by=practitioner, kind="protection-plan",
                                                start_date=days_ago(9), initial_category="NEG"),
        "cin-plan": services.record_item(case=case, by=practitioner, kind="cin-plan", start_date=days_ago(9)),
    }
    return ([add_url(child, kind) for kind in items] + [change_url(child, kind, item) for kind, item in items.items()]
            + [review_url(child, items["protection-plan"])])


def test_every_page_is_a_404_for_those_who_may_not_write(child, practitioner, other_practitioner, slt):
    urls = _every_page(child, practitioner)
    before = (Assessment.objects.count(), ChildProtectionPlan.objects.count(), ProtectionPlanReview.objects.count())
    for user in (other_practitioner, slt):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {**assessment(days_ago(1)), **date_fields("review_date", days_ago(1))}).status_code == 404
    assert (Assessment.objects.count(), ChildProtectionPlan.objects.count(), ProtectionPlanReview.objects.count()) == before


def test_an_unknown_kind_or_another_cases_item_is_a_404(child, other_child, practitioner, other_practitioner):
    client = client_for(practitioner)
    assert client.get(add_url(child, "wings")).status_code == 404
    theirs = services.record_item(case=other_child.cases.get(), by=other_practitioner, kind="cin-plan",
                                  start_date=days_ago(3))
    url = reverse("casework:cin_item_change", args=[child.local_id, child.cases.get().pk, "cin-plan", theirs.pk])
    assert client.get(url).status_code == 404


def test_the_services_recheck_permission(child, practitioner, other_practitioner):
    case = child.cases.get()
    with pytest.raises(PermissionDenied):
        services.record_item(case=case, by=other_practitioner, kind="cin-plan", start_date=days_ago(3))
    plan = services.record_item(case=case, by=practitioner, kind="protection-plan", start_date=days_ago(9),
                                initial_category="NEG")
    with pytest.raises(PermissionDenied):
        services.record_review(plan=plan, by=other_practitioner, review_date=days_ago(1))
    with pytest.raises(PermissionDenied):
        services.change_item(item=plan, by=other_practitioner, start_date=days_ago(9), initial_category="PHY")
    assert not CinPlan.objects.exists() and not ProtectionPlanReview.objects.exists()


def test_the_pages_and_the_cases_tab_have_bounded_queries(child, practitioner, django_assert_max_num_queries):
    urls = _every_page(child, practitioner)
    plan = ChildProtectionPlan.objects.get()
    for days in (3, 2, 1):
        services.record_review(plan=plan, by=practitioner, review_date=days_ago(days))
    client = client_for(practitioner)
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200
    cases_page(client, child)
    with django_assert_max_num_queries(40) as captured:
        response = cases_page(client, child)
    assert response.status_code == 200
    assert sum("casework_code" in query["sql"] for query in captured.captured_queries) == 2  # meanings, once each


def test_a_case_closed_after_assessment_has_no_enquiry_or_plan(child, practitioner, manager):
    """The DfE's rule 2990, kept as it is recorded: closing with RC8 or RC9 and an enquiry or a plan cannot both be."""
    from casework.children import services as children
    from tests.conftest import complete_closing_summary

    case = child.cases.get()
    services.record_item(case=case, by=practitioner, kind="section-47", start_date=days_ago(9), icpc_needed=False)
    complete_closing_summary(case, practitioner)
    with pytest.raises(ValidationError, match="The case had a section 47 enquiry or a plan, so it did not close after "
                                              "assessment. Select another reason"):
        children.close_case(case=case, closure_date=days_ago(1), closure_reason="RC8", closure_notes="", by=manager)
    case.refresh_from_db()
    assert case.closure_date is None

    other = case
    other.closure_date, other.closure_reason = days_ago(1), "RC9"  # as recorded before this rule
    other.save()
    with pytest.raises(ValidationError, match="The case closed after its assessment, so it has no child in need plan"):
        services.record_item(case=other, by=practitioner, kind="cin-plan", start_date=days_ago(5))


def test_a_wrong_change_is_refused_and_the_item_stays_as_it_was(child, practitioner):
    plan = services.record_item(case=child.cases.get(), by=practitioner, kind="protection-plan", start_date=days_ago(30),
                                initial_category="EMO")
    client = client_for(practitioner)

    response = client.post(change_url(child, "protection-plan", plan), protection_plan(days_ago(30), "EMO", "WINGS", days_ago(31)))

    assert_form_error(response, "Select the category of abuse from the list")
    assert_form_error(client.post(change_url(child, "protection-plan", plan), protection_plan(days_ago(30), "EMO", "PHY", days_ago(31))),
                      "The plan cannot end before it started")
    plan.refresh_from_db()
    assert (plan.end_date, plan.latest_category, plan.history.count()) == (None, "EMO", 1)
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGED_ON_CASE).exists()
