"""A child known before is referred again (§1: one record for each child): a new case opens on the same record,
with the recording team, awaiting allocation, and the record is no longer waiting for the end of its retention."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.children.services import record_new_referral
from casework.models import Allocation, Case
from records.retention.models import ChildRetention
from tests.conftest import client_for
from tests.records.retention.retention_builders import close_every_case


def _form(when, **extra):
    return {"referral_date_0": when.day, "referral_date_1": when.month, "referral_date_2": when.year,
            "referral_source": "1B", "referral_reason": "School concerned about attendance again", **extra}


@pytest.fixture
def closed_child(child, manager):
    close_every_case(child, manager, on=timezone.localdate() - timedelta(days=30))
    return child


def test_a_practitioner_records_a_new_referral_and_a_new_case_opens_with_their_team(closed_child, practitioner):
    today = timezone.localdate()
    cases_page = client_for(practitioner).get(reverse("casework:child_cases", args=[closed_child.local_id]))
    assert reverse("casework:new_referral", args=[closed_child.local_id]) in cases_page.content.decode()

    response = client_for(practitioner).post(reverse("casework:new_referral", args=[closed_child.local_id]),
                                             _form(today - timedelta(days=1)))

    assert response.status_code == 302
    case = closed_child.cases.get(closure_date__isnull=True)
    assert (case.referral_date, case.referral_source, case.recorded_by) == (today - timedelta(days=1), "1B", practitioner)
    allocation = Allocation.objects.get(case=case)
    assert (allocation.team, allocation.worker, allocation.ended_at) == (practitioner.staff_profile.team, None, None)
    assert AuditEvent.objects.filter(action=AuditAction.RECORDED_REFERRAL, child=closed_child,
                                     detail__contains="referred again").count() == 1
    assert closed_child.cases.count() == 2


def test_a_new_case_clears_the_retention_date(closed_child, manager):
    assert ChildRetention.objects.get(child=closed_child).retain_until is not None
    record_new_referral(by=manager, child=closed_child, team=manager.staff_profile.team,
                        referral_date=timezone.localdate(), referral_source="1B", referral_reason="Referred again")
    assert ChildRetention.objects.get(child=closed_child).retain_until is None


def test_a_child_with_an_open_case_is_not_given_a_second_one(child, practitioner):
    url = reverse("casework:new_referral", args=[child.local_id])
    page = client_for(practitioner).get(url)
    assert "This child already has an open case" in page.content.decode()
    assert reverse("casework:new_referral", args=[child.local_id]) not in client_for(practitioner).get(
        reverse("casework:child_cases", args=[child.local_id])).content.decode()
    with pytest.raises(ValidationError, match="already has an open case"):
        record_new_referral(by=practitioner, child=child, team=practitioner.staff_profile.team,
                            referral_date=timezone.localdate(), referral_source="1B", referral_reason="Again")
    assert child.cases.count() == 1


def test_a_referral_before_the_last_case_closed_is_refused_beside_the_date(closed_child, practitioner):
    closed_on = closed_child.cases.get().closure_date
    response = client_for(practitioner).post(reverse("casework:new_referral", args=[closed_child.local_id]),
                                             _form(closed_on - timedelta(days=1)))
    assert response.status_code == 200
    assert f"The referral date must be on or after the day the last case closed, {closed_on:%-d %B %Y}" in (
        response.content.decode())
    assert closed_child.cases.count() == 1


@pytest.mark.parametrize("change, message", [
    ({"referral_source": "ZZ"}, "Select who made the referral from the list"),
    ({"referral_reason": ""}, "Enter the reason for the referral"),
    ({"referral_date_0": "31", "referral_date_1": "2"}, "date"),
])
def test_bad_input_gets_a_clear_error_and_saves_nothing(closed_child, practitioner, change, message):
    response = client_for(practitioner).post(reverse("casework:new_referral", args=[closed_child.local_id]),
                                             _form(timezone.localdate(), **change))
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert closed_child.cases.count() == 1


def test_a_future_referral_date_is_refused(closed_child, practitioner):
    response = client_for(practitioner).post(reverse("casework:new_referral", args=[closed_child.local_id]),
                                             _form(timezone.localdate() + timedelta(days=1)))
    assert "The referral date must be today or in the past" in response.content.decode()
    assert closed_child.cases.count() == 1


def test_someone_who_cannot_write_on_the_child_gets_a_404_and_the_service_refuses(closed_child, other_practitioner,
                                                                                     slt):
    url = reverse("casework:new_referral", args=[closed_child.local_id])
    assert client_for(other_practitioner).get(url).status_code == 404
    assert client_for(other_practitioner).post(url, _form(timezone.localdate())).status_code == 404
    assert client_for(slt).get(url).status_code == 404  # senior leaders read records, they do not write them
    with pytest.raises(PermissionDenied):
        record_new_referral(by=other_practitioner, child=closed_child, team=other_practitioner.staff_profile.team,
                            referral_date=timezone.localdate(), referral_source="1B", referral_reason="Again")
    assert Case.objects.filter(child=closed_child).count() == 1


def test_the_page_asks_in_a_bounded_number_of_queries(closed_child, practitioner, django_assert_max_num_queries):
    client = client_for(practitioner)
    url = reverse("casework:new_referral", args=[closed_child.local_id])
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
