"""Issue 17: "Check the records" lists what the SSDA903 return needs of a looked-after child beyond the legal statuses
and placements (casework.returns.validation_care): each problem in plain words with a link to the page where it is
put right; a complete record is not listed; a child the reader may not see is counted, never named; a problem read
from a restricted legal status is shown only to someone who may see it (§7); the same number of queries however many
children."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from access.models import GrantSource
from access.permissions.services import VIEW_CHILD, VIEW_RESTRICTED, grant_to_user
from access.staff import roles
from casework.adoption import services as adoption
from casework.basic_record import services as basic_record
from casework.care_leavers import selectors as leavers
from casework.children.services import allocate_case, update_case_return_details
from casework.looked_after import services as looked_after
from casework.models import (Allocation, CareLeaverContact, Child, LookedAfterOutcomes, LookedAfterReview,
                             MissingEpisode, UascStatus)
from casework.returns.cin_census import census_period
from casework.returns.codes import collection_year
from casework.returns.validation import children_with_gaps
from tests.casework.returns.staff import performance  # noqa: F401  the fixture
from tests.casework.returns.test_ssda903 import FOSTER, FOSTERING_URN, looked_after_child, placement, return_year, status
from tests.conftest import client_for, make_staff, open_record

pytestmark = pytest.mark.django_db


def check_page(client, year):
    return client.get(reverse("casework:return_validation"), {"kind": "ssda903", "year": year}).content.decode()


def see(user, child, by, codename=VIEW_CHILD):
    grant_to_user(user=user, child=child, codename=codename, source=GrantSource.EXPLICIT, by=by, reason="Returns")


def row_of(body: str, child) -> str:
    """The table row of `child` on the page, or "" when the child is not listed.

    Cut at the row's end: the last row would otherwise carry the rest of the page (its random
    CSRF tokens can hold any two letters)."""
    rows = [row.split("</tr>")[0] for row in body.split('<tr class="govuk-table__row">')]
    return next((row for row in rows if child.local_id in row), "")


def complete(child, by):
    """What the return needs of a looked-after child besides the checks under test."""
    update_case_return_details(case=child.cases.get(), by=by, referral_source="2A", primary_need="N1",
                               referral_nfa=False)
    looked_after.record_uasc(child=child, by=by, is_uasc=False)
    return Child.objects.get(pk=child.pk)


@pytest.fixture
def year():
    return return_year()


@pytest.fixture
def d(year):
    start, _ = census_period(year)
    return lambda n: start + timedelta(days=n)


@pytest.fixture
def in_care(care_team, care_manager, other_practitioner, performance, d):  # noqa: F811
    """A child looked after from day 10 of the year, with everything the return needs, whom `performance` may see
    (but not their restricted information)."""
    child = looked_after_child(care_team, care_manager, other_practitioner, number=31, first_name="Cared")
    child.legal_status = status(child, other_practitioner, d(10), "care_order", category_of_need="N1")
    placement(child, other_practitioner, d(10), "U6", "PR1", FOSTER, urn=FOSTERING_URN)
    see(performance, child, care_manager)
    legal_status = child.legal_status
    child = complete(child, other_practitioner)
    child.legal_status = legal_status
    return child


def test_a_looked_after_childs_complete_record_is_not_listed(in_care, performance, year):  # noqa: F811
    body = check_page(client_for(performance), year)
    assert in_care.local_id not in body and "No record you can see would fail" in body
    assert in_care not in children_with_gaps(year)


def test_a_review_without_how_the_child_took_part_is_listed_with_a_link_to_the_review(
        in_care, other_practitioner, performance, year, d):  # noqa: F811
    review = looked_after.record_review(child=in_care, by=other_practitioner, review_date=d(40), participation="PN1")
    assert in_care.local_id not in check_page(client_for(performance), year)
    LookedAfterReview.objects.filter(pk=review.pk).update(participation="")  # recorded before the codes came
    row = row_of(check_page(client_for(performance), year), in_care)
    assert f"How the child took part in the looked-after review of {d(40):%-d %B %Y} is not recorded" in row
    assert reverse("casework:lac_review_change", args=[in_care.local_id, review.pk]) in row
    assert "PN" not in row and "REVIEW" not in row


def test_a_review_whose_participation_no_longer_fits_the_childs_age_is_listed(
        in_care, other_practitioner, performance, year, d):  # noqa: F811
    looked_after.record_review(child=in_care, by=other_practitioner, review_date=d(40), participation="PN1")
    Child.objects.filter(pk=in_care.pk).update(date_of_birth=d(40) - relativedelta(years=3))  # a corrected birth date
    row = row_of(check_page(client_for(performance), year), in_care)
    assert "does not fit their age at the review" in row


@pytest.mark.parametrize("broken, words", [
    ({"kind": ""}, "does not say whether the child was missing or away from placement"),
    ("before_care", "started on a day the child was not looked after"),
    ("care_ended", "has no end date, but the child is no longer looked after"),
])
def test_a_missing_episode_the_return_would_reject_is_listed_with_a_link_to_it(
        in_care, other_practitioner, performance, year, d, broken, words):  # noqa: F811
    episode = looked_after.record_missing(child=in_care, by=other_practitioner, kind="M", start_date=d(50),
                                          end_date=None if broken == "care_ended" else d(52))
    assert in_care.local_id not in check_page(client_for(performance), year)
    if broken == "before_care":
        MissingEpisode.objects.filter(pk=episode.pk).update(start_date=d(5))  # the care's start corrected later
    elif broken == "care_ended":
        basic_record.end_item(item=in_care.legal_status, by=other_practitioner, end_date=d(60), end_reason="Home",
                              reason_ceased="E4A")
    else:
        MissingEpisode.objects.filter(pk=episode.pk).update(**broken)
    row = row_of(check_page(client_for(performance), year), in_care)
    assert f"The missing or away from placement episode from {d(5 if broken == 'before_care' else 50):%-d %B %Y}" in row
    assert words in row
    assert reverse("casework:lac_missing_change", args=[in_care.local_id, episode.pk]) in row


def test_a_looked_after_child_not_asked_whether_they_are_an_asylum_seeker_is_listed(
        care_team, care_manager, other_practitioner, performance, year, d):  # noqa: F811
    child = looked_after_child(care_team, care_manager, other_practitioner, number=32, first_name="Unasked")
    status(child, other_practitioner, d(10), "care_order", category_of_need="N1")
    see(performance, child, care_manager)
    row = row_of(check_page(client_for(performance), year), child)
    assert "Whether the child is or was an unaccompanied asylum-seeking child is not recorded" in row
    assert reverse("casework:lac_uasc", args=[child.local_id]) in row

    looked_after.record_uasc(child=child, by=other_practitioner, is_uasc=True)
    assert "unaccompanied asylum-seeking" not in row_of(check_page(client_for(performance), year), child)
    UascStatus.objects.filter(child=child).update(ceased_on=date(2031, 1, 1))  # after the 18th birthday (2030)
    row = row_of(check_page(client_for(performance), year), child)
    assert "The date they stopped being an unaccompanied asylum-seeking child is after their 18th birthday" in row


def test_a_change_of_social_worker_without_a_reason_is_listed_with_a_link_to_give_it(
        in_care, care_team, care_manager, performance):  # noqa: F811
    second = make_staff("practitioner9", role=roles.PRACTITIONER, team=care_team)
    first = in_care.cases.get().allocations.get(ended_at__isnull=True)
    Allocation.objects.filter(pk=first.pk).update(started_at=first.started_at - timedelta(days=30))  # a month ago
    allocation = allocate_case(case=in_care.cases.get(), team=care_team, worker=second, by=care_manager,
                               reason="Worker left", sw_change_reason="LEFTRL")
    now = collection_year()
    assert in_care.local_id not in check_page(client_for(performance), now)
    Allocation.objects.filter(pk=allocation.pk).update(sw_change_reason="")  # changed before the question was asked
    row = row_of(check_page(client_for(performance), now), in_care)
    assert f"Why the social worker changed on {timezone.localdate():%-d %B %Y} is not recorded" in row
    link = reverse("casework:allocation_reason", args=[in_care.local_id, allocation.pk])
    assert link in row and "LEFTRL" not in row

    # The team manager follows the link and gives the reason: the child is no longer listed.
    response = client_for(care_manager).post(link, {"sw_change_reason": "ORGRST"})
    assert response.status_code == 302
    assert in_care.local_id not in check_page(client_for(performance), now)


def test_a_child_looked_after_all_last_year_without_the_years_outcomes_is_listed(
        care_team, care_manager, other_practitioner, performance):  # noqa: F811
    last = collection_year() - 1
    start, _ = census_period(last)
    child = looked_after_child(care_team, care_manager, other_practitioner, number=33, first_name="Longterm")
    status(child, other_practitioner, start - timedelta(days=30), "care_order", category_of_need="N1")
    see(performance, child, care_manager)
    complete(child, other_practitioner)
    row = row_of(check_page(client_for(performance), last), child)
    assert f"The outcomes for {last}-{(last + 1) % 100:02d} are not recorded" in row
    assert reverse("casework:looked_after_outcomes", args=[child.local_id, last]) in row

    LookedAfterOutcomes.objects.create(child=child, year=last, recorded_by=other_practitioner)
    assert child.local_id not in check_page(client_for(performance), last)


def test_a_care_leaver_without_information_for_a_birthday_in_the_year_is_listed(
        care_team, care_manager, other_practitioner, performance):  # noqa: F811
    nineteenth = timezone.localdate() - timedelta(days=10)
    born = nineteenth - relativedelta(years=19)
    child = looked_after_child(care_team, care_manager, other_practitioner, number=34, first_name="Leaver", born=born)
    legal = status(child, other_practitioner, born + relativedelta(years=15), "care_order", category_of_need="N1")
    basic_record.end_item(item=legal, by=other_practitioner, end_date=born + relativedelta(years=18),
                          end_reason="Eighteen", reason_ceased="E8")
    see(performance, child, care_manager)
    year = collection_year(nineteenth)
    row = row_of(check_page(client_for(performance), year), child)
    assert f"Care leaver information for their 19th birthday ({nineteenth:%-d %B %Y}) is not recorded" in row
    assert reverse("casework:care_leaver_contact", args=[child.local_id, 19]) in row
    assert "18th birthday" not in row  # recorded the year before, or before this year's list

    CareLeaverContact.objects.create(child=child, birthday=19, in_touch="YES", activity="F1", accommodation="B",
                                     recorded_by=other_practitioner)
    assert "Care leaver information" not in row_of(check_page(client_for(performance), year), child)


@pytest.mark.parametrize("second_days, listed", [(60, True), (20, False)])
def test_a_care_leavers_thirteen_weeks_may_span_two_legal_statuses(
        care_team, care_manager, other_practitioner, performance, second_days, listed):  # noqa: F811
    """An interim care order for 60 days, then a care order: 13 weeks after the 14th birthday in all (120 days) make a
    care leaver, as the return counts them (casework.care_leavers.selectors.is_care_leaver); 80 days do not."""
    nineteenth = timezone.localdate() - timedelta(days=10)
    born = nineteenth - relativedelta(years=19)
    child = looked_after_child(care_team, care_manager, other_practitioner, number=35, first_name="Leaver", born=born)
    start = born + relativedelta(years=16)
    interim = status(child, other_practitioner, start, "care_order", category_of_need="N1")
    basic_record.end_item(item=interim, by=other_practitioner, end_date=start + timedelta(days=60),
                          end_reason="Care order made", reason_ceased="E4A")
    full = status(child, other_practitioner, start + timedelta(days=60), "care_order", category_of_need="N1")
    basic_record.end_item(item=full, by=other_practitioner, end_date=start + timedelta(days=60 + second_days),
                          end_reason="Home", reason_ceased="E4A")
    assert leavers.is_care_leaver(leavers.care_periods(child.pk), born, nineteenth) is listed
    see(performance, child, care_manager)
    row = row_of(check_page(client_for(performance), collection_year(nineteenth)), child)
    assert ("Care leaver information for their 19th birthday" in row) is listed


def test_a_child_who_came_into_care_without_their_previous_permanence_is_listed(
        care_team, care_manager, other_practitioner, performance, year, d):  # noqa: F811
    child = open_record(team=care_team, manager=care_manager, worker=other_practitioner, first_name="Newcomer",
                        dob=date(2012, 6, 1))
    status(child, other_practitioner, d(10), "care_order", category_of_need="N1")
    see(performance, child, care_manager)
    row = row_of(check_page(client_for(performance), year), child)
    assert "What permanence the child had before coming into care" in row
    assert reverse("casework:adoption_record", args=[child.local_id, "previous-permanence"]) in row

    adoption.record_previous_permanence(child=child, by=other_practitioner, option="Z1")
    assert "What permanence" not in row_of(check_page(client_for(performance), year), child)


def test_a_looked_after_child_the_reader_may_not_see_is_counted_never_named(
        care_team, care_manager, other_practitioner, performance, year, d):  # noqa: F811
    child = looked_after_child(care_team, care_manager, other_practitioner, number=35, first_name="Unseen")
    status(child, other_practitioner, d(10), "care_order", category_of_need="N1")
    complete(child, other_practitioner)
    LookedAfterReview.objects.create(child=child, review_date=d(40), participation="", recorded_by=other_practitioner)
    body = check_page(client_for(performance), year)
    assert child.local_id not in body and child.display_name not in body
    assert "1 more child's record would fail the checks" in body
    assert child in children_with_gaps(year)  # the return counts them


def test_a_problem_read_from_a_restricted_legal_status_is_shown_only_to_who_may_see_it(
        in_care, care_manager, other_practitioner, performance, year, d):  # noqa: F811
    LookedAfterReview.objects.create(child=in_care, review_date=d(40), participation="", recorded_by=other_practitioner)
    basic_record.restrict_item(item=in_care.legal_status, by=care_manager, reason="serious_harm",
                               reason_detail="Risk from a parent", advised_by=care_manager,
                               review_date=timezone.localdate() + timedelta(days=30))
    body = check_page(client_for(performance), year)
    assert in_care.local_id not in body and "looked-after review" not in body
    assert "1 more child's record would fail the checks" in body

    see(performance, in_care, care_manager, codename=VIEW_RESTRICTED)
    assert "looked-after review" in row_of(check_page(client_for(performance), year), in_care)


def test_my_caseload_marks_a_looked_after_child_with_a_gap(in_care, other_practitioner, d):
    caseload = reverse("casework:caseload")
    assert "Return data missing" not in row_of(client_for(other_practitioner).get(caseload).content.decode(), in_care)
    LookedAfterReview.objects.create(child=in_care, review_date=d(40), participation="", recorded_by=other_practitioner)
    assert "Return data missing" in row_of(client_for(other_practitioner).get(caseload).content.decode(), in_care)


def test_the_looked_after_checks_read_the_same_number_of_queries_however_many_children(
        care_team, care_manager, other_practitioner, performance, year, d, django_assert_max_num_queries):  # noqa: F811
    def add(count, start):
        for number in range(start, start + count):
            child = looked_after_child(care_team, care_manager, other_practitioner, number=40 + number,
                                       first_name=f"Many{number:02d}")
            legal = status(child, other_practitioner, d(10), "care_order", category_of_need="N1")
            see(performance, child, care_manager)
            complete(child, other_practitioner)
            LookedAfterReview.objects.create(child=child, review_date=d(40), participation="",
                                             recorded_by=other_practitioner)
            MissingEpisode.objects.create(child=child, kind="", start_date=d(50), end_date=d(51),
                                          recorded_by=other_practitioner)
            if number % 2:
                basic_record.restrict_item(item=legal, by=care_manager, reason="serious_harm", reason_detail="Risk",
                                           advised_by=care_manager,
                                           review_date=timezone.localdate() + timedelta(days=30))
    add(2, 0)
    client = client_for(performance)
    check_page(client, year)
    with django_assert_max_num_queries(16) as few:
        check_page(client, year)
    add(8, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = check_page(client, year)
    assert body.count("looked-after review of") == 5 and body.count("does not say whether the child was missing") == 5
    assert "5 more children's records would fail the checks" in body


def test_the_caseload_marker_reads_no_query_per_looked_after_child(
        care_team, care_manager, other_practitioner, d, django_assert_max_num_queries):
    def add(count, start):
        for number in range(start, start + count):
            child = looked_after_child(care_team, care_manager, other_practitioner, number=60 + number,
                                       first_name=f"Mine{number:02d}")
            status(child, other_practitioner, d(10), "care_order", category_of_need="N1")
    add(1, 0)
    client = client_for(other_practitioner)
    client.get(reverse("casework:caseload"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("casework:caseload"))
    add(6, 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("casework:caseload")).content.decode()
    assert body.count("Return data missing") == 7


