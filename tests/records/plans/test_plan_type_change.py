"""The page that changes the type of a plan: a fixed number of queries however much the plan holds, and a 404
for anyone who may not see (or write on) the child's record."""

from django.urls import reverse

from casework.banner.selectors import BANNER_QUERIES
from records.plans import services as plans
from records.plans.models import Plan
from tests.conftest import client_for
from tests.factories import PlanFactory, PlanOutcomeFactory

# Session, user, roles, the child and the access log, the open plan, then the banner.
PLAN_TYPE_QUERIES = 12 + BANNER_QUERIES
TYPES = ["child_protection", "child_in_need"]


def _url(child):
    return reverse("records:plan_type_change", args=[child.local_id])


def _count(client, child, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(PLAN_TYPE_QUERIES) as counted:
        response = client.get(_url(child))
    assert response.status_code == 200 and "Change the type of plan" in response.content.decode()
    return len(counted)


def test_the_plan_type_page_reads_the_same_number_of_queries_however_much_the_plan_holds(
        child, practitioner, django_assert_max_num_queries):
    plan = PlanFactory(child=child, by=practitioner)
    client = client_for(practitioner)
    few = _count(client, child, django_assert_max_num_queries)
    for n in range(12):
        plan = plans.change_plan_type(plan=plan, by=practitioner, plan_type=TYPES[n % 2], reason=f"Conference {n}")
        PlanOutcomeFactory(plan=plan, by=practitioner, text=f"Outcome {n}")
    assert _count(client, child, django_assert_max_num_queries) == few


def test_no_one_who_may_not_see_the_child_opens_the_plan_type_page(child, practitioner, other_practitioner, edt):
    plan = PlanFactory(child=child, by=practitioner)
    for user in (other_practitioner, edt):
        client = client_for(user)
        assert client.get(_url(child)).status_code == 404
        assert client.post(_url(child), {"plan_type": "child_protection", "reason": "x"}).status_code == 404
    plan.refresh_from_db()
    assert plan.plan_type == Plan.Type.CHILD_IN_NEED
