"""Closing a case: the form's checks, what closing does, and the database rules behind them."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.models import Allocation, Case
from tests.conftest import client_for, complete_closing_summary
from tests.govuk_html import assert_form_error, error_summary


def close_url(child) -> str:
    return f"/children/{child.local_id}/cases/{child.cases.get().pk}/close/"


def closure_data(when: date, reason: str = "RC7", notes: str = "") -> dict:
    return {
        "closure_date_0": str(when.day),
        "closure_date_1": str(when.month),
        "closure_date_2": str(when.year),
        "closure_reason": reason,
        "closure_notes": notes,
    }


def assert_case_still_open(child):
    case = child.cases.get()
    assert case.closure_date is None
    assert case.closure_reason == ""
    assert Allocation.objects.filter(case=case, ended_at__isnull=True).count() == 1
    assert not AuditEvent.objects.filter(child=child, action=AuditAction.CLOSED_CASE).exists()


@pytest.fixture(autouse=True)
def closing_summary(request):
    """A completed closing summary (§5.3) on the child's case, unless the test is about its absence."""
    if "no_closing_summary" in request.keywords:
        return None
    child, practitioner = request.getfixturevalue("child"), request.getfixturevalue("practitioner")
    return complete_closing_summary(child.cases.get(), practitioner)


@pytest.mark.no_closing_summary
def test_a_case_without_a_closing_summary_cannot_close(manager, child):
    response = client_for(manager).post(close_url(child), closure_data(date(2026, 2, 1)))
    assert "Write and complete a closing summary before closing the case." in error_summary(response)
    assert_case_still_open(child)


def test_manager_sees_the_close_form(manager, child):
    response = client_for(manager).get(close_url(child))
    assert response.status_code == 200
    assert "Close the case from 12 January 2026" in response.content.decode()


def test_closure_before_referral_is_refused(manager, child):
    response = client_for(manager).post(close_url(child), closure_data(date(2026, 1, 11)))
    assert response.status_code == 200
    assert_form_error(response, "The closure date must be on or after the referral date, 12 January 2026")
    assert_case_still_open(child)


def test_future_closure_date_is_refused(manager, child):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(manager).post(close_url(child), closure_data(tomorrow))
    assert response.status_code == 200
    assert_form_error(response, "The closure date must be today or in the past")
    assert_case_still_open(child)


def test_missing_closure_reason_is_refused(manager, child):
    response = client_for(manager).post(close_url(child), closure_data(timezone.localdate(), reason=""))
    assert response.status_code == 200
    assert_form_error(response, "Select the reason for closing the case")
    assert_case_still_open(child)


def test_missing_closure_date_is_refused(manager, child):
    data = closure_data(timezone.localdate())
    data.update(closure_date_0="", closure_date_1="", closure_date_2="")
    response = client_for(manager).post(close_url(child), data)
    assert response.status_code == 200
    assert_form_error(response, "Enter the closure date as a day, month and year")
    assert_case_still_open(child)


def test_valid_closure_closes_the_case_and_returns_to_the_record(manager, child):
    response = client_for(manager).post(close_url(child), closure_data(date(2026, 2, 1), notes="Family doing well."))
    assert response.status_code == 302
    assert response.url == f"/children/{child.local_id}/"
    case = child.cases.get()
    assert case.closure_date == date(2026, 2, 1)
    assert case.closure_reason == "RC7"
    assert case.closure_notes == "Family doing well."


def test_valid_closure_ends_the_current_allocation(manager, child):
    client_for(manager).post(close_url(child), closure_data(date(2026, 2, 1)))
    allocations = Allocation.objects.filter(case__child=child)
    assert allocations.exists()
    assert not allocations.filter(ended_at__isnull=True).exists()


def test_valid_closure_is_audited(manager, child):
    client_for(manager).post(close_url(child), closure_data(date(2026, 2, 1)))
    assert AuditEvent.objects.filter(actor=manager, child=child, action=AuditAction.CLOSED_CASE, detail="RC7").exists()


def test_closing_on_the_referral_date_is_allowed(manager, child):
    response = client_for(manager).post(close_url(child), closure_data(date(2026, 1, 12)))
    assert response.status_code == 302
    assert child.cases.get().closure_date == date(2026, 1, 12)


def test_a_closed_case_cannot_be_closed_again(manager, child):
    client_for(manager).post(close_url(child), closure_data(date(2026, 2, 1)))
    response = client_for(manager).post(close_url(child), closure_data(date(2026, 3, 1)))
    assert response.status_code == 404
    assert child.cases.get().closure_date == date(2026, 2, 1)


def test_allocated_practitioner_cannot_close_the_case(practitioner, child):
    response = client_for(practitioner).post(close_url(child), closure_data(date(2026, 2, 1)))
    assert response.status_code == 404
    assert child.cases.get().is_open


# --- Database constraints: a direct save cannot break the rules either -------------------------

def test_database_rejects_closure_before_referral(child):
    case = child.cases.get()
    case.closure_date = case.referral_date - timedelta(days=1)
    case.closure_reason = "RC7"
    with pytest.raises(IntegrityError, match="case_closure_not_before_referral"), transaction.atomic():
        case.save()
    case.refresh_from_db()
    assert case.closure_date is None


def test_database_rejects_closure_without_reason(child):
    case = child.cases.get()
    case.closure_date = case.referral_date + timedelta(days=1)
    case.closure_reason = ""
    with pytest.raises(IntegrityError, match="case_closure_has_reason"), transaction.atomic():
        case.save()
    case.refresh_from_db()
    assert case.closure_date is None


def test_database_rejects_a_second_open_case_for_the_same_child(child, manager):
    second = Case(child=child, referral_date=date(2026, 2, 1), referral_source="6",
                  referral_reason="Second referral", recorded_by=manager)
    with pytest.raises(IntegrityError, match="one_open_case_per_child"), transaction.atomic():
        second.save()
