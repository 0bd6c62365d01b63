"""Reading a case's assessments, section 47 enquiries, child protection plans and child in need plans for the Cases
tab: a few queries for all the child's cases, each code given its meaning in words."""

from django.db.models import Prefetch, QuerySet

from casework.cin.models import ChildProtectionPlan
from casework.returns import codes


def with_cin_details(cases: QuerySet) -> list:
    """The cases with their items prefetched, and the codes in words (one query for the meanings)."""
    cases = list(cases.prefetch_related(
        "assessments", "section47_enquiries", "cin_plans",
        Prefetch("protection_plans", queryset=ChildProtectionPlan.objects.prefetch_related("reviews"))))
    found = codes.meanings(codes.ASSESSMENT_FACTOR, codes.CATEGORY_OF_ABUSE)
    for case in cases:
        for assessment in case.assessments.all():
            assessment.factor_words = [found[codes.ASSESSMENT_FACTOR].get(code, code) for code in assessment.factors]
        for plan in case.protection_plans.all():
            plan.initial_words = found[codes.CATEGORY_OF_ABUSE].get(plan.initial_category, plan.initial_category)
            plan.latest_words = found[codes.CATEGORY_OF_ABUSE].get(plan.latest_category, plan.latest_category)
    return cases
