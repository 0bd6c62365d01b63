"""Pages run a fixed number of queries, however many children, allocations or household members there are.

The data is bulk-created in the shape the services give it (child, open case, current allocation,
per-child grants to the worker and the team), so that 200 children take a fraction of a second.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from access.staff import roles
from access.models import ChildGroupObjectPermission, ChildUserObjectPermission, GrantSource
from casework.children.identity import generate_local_id, normalise_for_search
from casework.children.changes import case_facts_changed
from casework.models import Allocation, Case, Child, HouseholdMember
from tests.conftest import client_for
from tests.factories import HouseholdFactory, HouseholdMemberFactory, make_staff
from tests.govuk_html import texts

# The bounds: what each page needs today. A change that adds a query per row breaks them.
# Session, user, roles, then the page's own reads; the record page also writes the access log.
# The overdue-work panels add one query each: your flags, your team's flags (managers), the child's flags.
# Paged (issue 16): the caseload and the waiting list are counted for their pages, one query each.
CASELOAD_QUERIES = 8 + 2
SEARCH_QUERIES = 5
# The record page (issue 16, slimmed): the child, the access log, the open case, the roles, the overdue panel,
# when the family were told about their records (§3) and the post title, and the banner: 4 (the child's facts,
# legal statuses, placements, alerts; casework.banner.selectors) with its statutory visit clock (records hands it
# over: the open case's facts, the rules, and the working calendar when a rule counts working days), up to 3.
VISIT_CLOCK = 3
RECORD_QUERIES = 13 + VISIT_CLOCK
# The tab of the family, placements and legal status (§5.1, §5.3): the record's child with household and cases,
# whether the user may see restricted information, one query per section (people close, contact, placements,
# legal status, providers), sibling links, and the banner; whether the child was ever looked after, and their
# reviews, missing episodes and UASC status when so (issue 17).
FAMILY_QUERIES = 22 + VISIT_CLOCK
# With sibling links, which of them the user may open; with restricted items hidden, whom to ask; for a colleague
# without view_restricted, as measured: 25, the same for 2 and 20 items of each kind.
BASIC_RECORD_QUERIES = FAMILY_QUERIES + 5
# The orders, court reports, education and health tab (§5.1): the child, the access log, roles, the four sections
# with their copies (records/documents), a post title, and the banner.
ORDERS_QUERIES = 14 + VISIT_CLOCK
# The cases tab: the child with its cases and their allocations (prefetched), and the banner; each case's
# assessments, section 47 enquiries, child protection and child in need plans (prefetched), and their codes' meanings;
# the care leaver information, pathway plan reviews and yearly outcomes, and whether the child was looked after (issue
# 17); the contacts received (issue 17, none here); the early help assessments (issue 17, none here).
CASES_QUERIES = 13 + VISIT_CLOCK + 5 + 4 + 1 + 1


def allocate_many(count: int, *, team, worker, by, last_name: str = "Okoye") -> list[Child]:
    """`count` children with an open case allocated to `worker` in `team`, and the grants allocation gives."""
    view_child = Permission.objects.get(content_type__app_label="casework", codename="view_child")
    start = Child.objects.count()
    children = []
    for number in range(start, start + count):
        first_name = f"Test{number}"
        children.append(Child(
            local_id=generate_local_id(), first_name=first_name, last_name=last_name,
            search_name=normalise_for_search(f"{first_name} {last_name}"),
            date_of_birth=date(2015, 1, 1) + timedelta(days=number), gender=Child.Gender.FEMALE,
        ))
    children = Child.objects.bulk_create(children)
    cases = Case.objects.bulk_create([
        Case(child=child, referral_date=date(2026, 1, 12), referral_source="2A",
             referral_reason="School concerned about attendance.", recorded_by=by)
        for child in children
    ])
    Allocation.objects.bulk_create([Allocation(case=case, team=team, worker=worker, allocated_by=by) for case in cases])
    if worker is not None:
        ChildUserObjectPermission.objects.bulk_create([
            ChildUserObjectPermission(user=worker, permission=view_child, content_object=child,
                                      source=GrantSource.ALLOCATION)
            for child in children
        ])
    ChildGroupObjectPermission.objects.bulk_create([
        ChildGroupObjectPermission(group=team.group, permission=view_child, content_object=child,
                                   source=GrantSource.ALLOCATION)
        for child in children
    ])
    case_facts_changed([child.pk for child in children])  # as opening a case does: each one's visit clock starts
    return children


@pytest.fixture
def count_queries(django_assert_max_num_queries):
    def count(client, url, limit: int, **params):
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(captured), response

    return count


@pytest.fixture
def caseload_of(practitioner, assessment_team, manager):
    def grow_to(total: int):
        existing = Allocation.objects.filter(worker=practitioner, ended_at__isnull=True).count()
        allocate_many(total - existing, team=assessment_team, worker=practitioner, by=manager)

    return grow_to


# --- My caseload --------------------------------------------------------------------------------

def test_caseload_queries_are_the_same_for_10_and_200_children(practitioner, caseload_of, count_queries):
    client = client_for(practitioner)
    caseload_of(10)
    small, response = count_queries(client, "/caseload/", CASELOAD_QUERIES)
    assert "10 children allocated to you." in texts(response, "govuk-body")
    caseload_of(200)
    large, response = count_queries(client, "/caseload/", CASELOAD_QUERIES)
    assert "200 children allocated to you." in texts(response, "govuk-body")
    assert large == small


def test_manager_caseload_queries_are_the_same_for_10_and_200_children_waiting(manager, assessment_team, count_queries):
    client = client_for(manager)
    allocate_many(10, team=assessment_team, worker=None, by=manager)
    small, response = count_queries(client, "/caseload/", CASELOAD_QUERIES)
    assert len([c for c in texts(response, "govuk-table__cell") if c.startswith("CW-")]) == 10
    allocate_many(190, team=assessment_team, worker=None, by=manager)
    large, response = count_queries(client, "/caseload/", CASELOAD_QUERIES)
    assert len([c for c in texts(response, "govuk-table__cell") if c.startswith("CW-")]) == 25  # a page of them
    assert large == small


# --- Find a child -------------------------------------------------------------------------------

def test_search_queries_are_the_same_for_10_and_200_matching_children(practitioner, caseload_of, count_queries):
    client = client_for(practitioner)
    caseload_of(10)
    small, response = count_queries(client, "/children/search/", SEARCH_QUERIES, q="okoye")
    assert "10 results" in texts(response, "govuk-heading-m")
    caseload_of(200)
    large, response = count_queries(client, "/children/search/", SEARCH_QUERIES, q="okoye")
    assert "50+ results" in texts(response, "govuk-heading-m")
    assert large == small


# --- The child's record -------------------------------------------------------------------------

def test_record_queries_are_the_same_with_10_and_200_children_on_the_caseload(practitioner, child, caseload_of,
                                                                              count_queries):
    client = client_for(practitioner)
    url = f"/children/{child.local_id}/"
    caseload_of(10)
    small, _ = count_queries(client, url, RECORD_QUERIES)
    caseload_of(200)
    large, _ = count_queries(client, url, RECORD_QUERIES)
    assert large == small


def test_tab_queries_are_the_same_with_1_and_20_allocations_and_household_members(
    practitioner, assessment_team, manager, caseload_of, count_queries
):
    caseload_of(10)
    child = allocate_many(1, team=assessment_team, worker=practitioner, by=manager, last_name="Nowak")[0]
    household = HouseholdFactory()
    HouseholdMemberFactory(household=household, full_name="Ewa Nowak", relationship="Mother",
                           has_parental_responsibility=True)
    child.household = household
    child.save()
    client = client_for(practitioner)
    family, cases = f"/children/{child.local_id}/family/", f"/children/{child.local_id}/cases/"
    small_family, response = count_queries(client, family, FAMILY_QUERIES)
    assert "Ewa Nowak" in texts(response, "govuk-table__cell")
    small_cases, _ = count_queries(client, cases, CASES_QUERIES)

    # 19 earlier allocations, each to a different worker, and 19 more people in the household.
    case = child.cases.get()
    workers = [make_staff(f"worker{n}", role=roles.PRACTITIONER, team=assessment_team) for n in range(19)]
    start = timezone.now() - timedelta(days=400)
    Allocation.objects.bulk_create([
        Allocation(case=case, team=assessment_team, worker=worker, allocated_by=manager,
                   started_at=start + timedelta(days=10 * n), ended_at=start + timedelta(days=10 * n + 9))
        for n, worker in enumerate(workers)
    ])
    HouseholdMember.objects.bulk_create([
        HouseholdMember(household=household, full_name=f"Relative {n} Nowak", relationship="Aunt") for n in range(19)
    ])
    large_family, response = count_queries(client, family, FAMILY_QUERIES)
    assert "Relative 18 Nowak" in texts(response, "govuk-table__cell")
    large_cases, response = count_queries(client, cases, CASES_QUERIES)
    assert workers[0].get_full_name() in texts(response, "govuk-table__cell")
    assert (large_family, large_cases) == (small_family, small_cases)
    assert count_queries(client, f"/children/{child.local_id}/", RECORD_QUERIES)[0] <= RECORD_QUERIES


def test_record_queries_are_the_same_with_2_and_20_items_in_every_basic_record_section(
    child, practitioner, colleague, manager, assessment_team, count_queries
):
    """§5.1, §5.3: the basic record's sections, sibling links and restricted items do not add a query per row."""
    from tests.casework.basic_record.basic_record_builders import basic_record_items, link_as_siblings
    from tests.conftest import open_record

    def grow(numbers):
        for number in numbers:
            # Even numbers restricted: the colleague sees them counted, never shown.
            basic_record_items(child, practitioner, text=f"Item {number}",
                               restriction_advisor=manager if number % 2 == 0 else None)
            sibling = open_record(team=assessment_team, manager=manager, first_name=f"Sib{number}", last_name="Okoye")
            link_as_siblings(child, sibling, manager)

    client = client_for(colleague)  # sees the team's children but not restricted information
    url = f"/children/{child.local_id}/family/"
    grow(range(2))
    client.get(url)  # warm the process's caches (another test in this process may already have), so both counts are steady state
    small, response = count_queries(client, url, BASIC_RECORD_QUERIES)
    assert "Ruth Item 1" in texts(response, "govuk-summary-card__title")
    grow(range(2, 20))
    large, response = count_queries(client, url, BASIC_RECORD_QUERIES)
    titles = texts(response, "govuk-summary-card__title")
    assert "Ruth Item 19" in titles and "Ruth Item 18" not in titles
    assert "Sib19 Okoye" in response.content.decode()
    assert large == small
