"""§7 and §8: the rules of placing an entry in 'Restricted from user' and of a manager's review.

The same rules (casework/restrictions.py) govern documents and basic-record items, which their own
modules test; these are the entry's, through the service and the review form."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from access.models import AuditAction, AuditEvent, Restriction
from records.entries.restrictions import restrict_entry, review_restriction
from tests.conftest import as_of_today, client_for
from tests.govuk_html import error_summary
from tests.records.oversight.oversight_builders import completed_entry


@pytest.fixture
def entry(child, practitioner):
    moment = timezone.now() - timedelta(hours=3)
    return completed_entry(child, practitioner, event_at=moment, completed_at=moment + timedelta(hours=1))


def rules(manager, **overrides):
    return {"reason": "in_confidence", "reason_detail": "Told in confidence", "advised_by": manager,
            "review_date": timezone.localdate() + timedelta(days=30), **overrides}


def test_restricting_records_the_reason_advice_and_review_date(entry, practitioner, manager):
    restriction = restrict_entry(entry=entry, by=practitioner, **rules(manager))
    entry.refresh_from_db()
    assert entry.restriction == restriction
    assert (restriction.reason, restriction.advised_by, restriction.restricted_by) == ("in_confidence", manager, practitioner)
    assert AuditEvent.objects.filter(action=AuditAction.RESTRICTED, child=entry.child, actor=practitioner).exists()


@pytest.mark.parametrize("overrides, message", [
    (lambda today: {"review_date": today}, "The review date must be in the future."),
    ({"review_date": None}, "The review date must be in the future."),
    ({"reason": "other", "reason_detail": "  "}, "Write out the reason."),
    ({"reason": "because"}, "Select why this should not be shared with the child"),
])
def test_bad_restrictions_are_refused_and_nothing_is_saved(entry, practitioner, manager, overrides, message):
    with pytest.raises(ValidationError, match=message):
        restrict_entry(entry=entry, by=practitioner, **rules(manager, **as_of_today(overrides)))
    entry.refresh_from_db()
    assert entry.restriction is None and not Restriction.objects.exists()


def test_the_advice_must_be_a_managers(entry, practitioner, colleague):
    with pytest.raises(ValidationError, match="Choose the manager whose advice you took."):
        restrict_entry(entry=entry, by=practitioner, **rules(colleague))
    assert not Restriction.objects.exists()


def test_only_someone_who_may_see_restricted_information_restricts(entry, colleague, manager):
    with pytest.raises(PermissionDenied):
        restrict_entry(entry=entry, by=colleague, **rules(manager))
    assert not Restriction.objects.exists()


def test_an_entry_is_restricted_once(entry, practitioner, manager):
    restrict_entry(entry=entry, by=practitioner, **rules(manager))
    with pytest.raises(ValidationError, match="already restricted"):
        restrict_entry(entry=entry, by=practitioner, **rules(manager))
    assert Restriction.objects.count() == 1


@pytest.fixture
def restriction(entry, practitioner, manager):
    return restrict_entry(entry=entry, by=practitioner, **rules(manager))


def test_keeping_needs_a_reason_and_a_later_review_date(restriction, manager):
    with pytest.raises(ValidationError, match="still valid"):
        review_restriction(restriction=restriction, by=manager, keep=True, reason_detail=" ",
                           next_review_date=timezone.localdate() + timedelta(days=90))
    with pytest.raises(ValidationError, match="next review date in the future"):
        review_restriction(restriction=restriction, by=manager, keep=True, reason_detail="Still harmful",
                           next_review_date=timezone.localdate())
    kept = review_restriction(restriction=restriction, by=manager, keep=True, reason_detail="Still harmful",
                              next_review_date=timezone.localdate() + timedelta(days=90))
    assert (kept.review_date, kept.reason_detail, kept.lifted_at) == (
        timezone.localdate() + timedelta(days=90), "Still harmful", None)


def test_lifting_names_the_originator_consulted_and_what_they_said(restriction, manager, practitioner, entry):
    with pytest.raises(ValidationError, match="choose the member of staff who originated"):
        review_restriction(restriction=restriction, by=manager, keep=False, originator=None, originator_views="Fine")
    with pytest.raises(ValidationError, match="consult the originator"):
        review_restriction(restriction=restriction, by=manager, keep=False, originator=practitioner,
                           originator_views="  ")
    restriction.refresh_from_db()
    assert restriction.lifted_at is None

    lifted = review_restriction(restriction=restriction, by=manager, keep=False, originator=practitioner,
                                originator_views="Happy for it to be shared now")
    restriction.refresh_from_db()
    assert (restriction.lifted_by, restriction.originator, restriction.originator_views) == (
        manager, practitioner, "Happy for it to be shared now")
    assert lifted.originator == practitioner
    with pytest.raises(ValidationError, match="already been lifted"):
        review_restriction(restriction=restriction, by=manager, keep=True, reason_detail="x",
                           next_review_date=timezone.localdate() + timedelta(days=9))


def test_the_originator_must_be_a_current_member_of_staff(restriction, manager, practitioner):
    practitioner.is_active = False
    practitioner.save()
    with pytest.raises(ValidationError, match="member of staff who originated"):
        review_restriction(restriction=restriction, by=manager, keep=False, originator=practitioner,
                           originator_views="Fine")
    restriction.refresh_from_db()
    assert restriction.lifted_at is None and restriction.originator is None


def test_the_database_refuses_a_lifted_restriction_without_its_originator(restriction, manager):
    from django.db import IntegrityError, transaction
    with pytest.raises(IntegrityError), transaction.atomic():
        Restriction.objects.filter(pk=restriction.pk).update(
            lifted_at=timezone.now(), lifted_by=manager, originator_views="Agreed")


def test_only_a_manager_reviews(restriction, practitioner):
    with pytest.raises(PermissionDenied):
        review_restriction(restriction=restriction, by=practitioner, keep=True, reason_detail="x",
                           next_review_date=timezone.localdate() + timedelta(days=9))


def test_the_review_form_refuses_lifting_without_the_originator(restriction, manager, child):
    response = client_for(manager).post(
        f"/children/{child.local_id}/restrictions/{restriction.pk}/review/",
        {"decision": "lift", "originator_views": ""},
    )
    assert response.status_code == 200
    errors = error_summary(response)
    assert ("Select the member of staff who originated the information and was consulted before lifting the "
            "restriction") in errors
    assert "Enter what the originator said" in errors
    restriction.refresh_from_db()
    assert restriction.lifted_at is None


def test_the_review_form_offers_staff_to_choose_not_a_tick_box(restriction, manager, practitioner, child):
    page = client_for(manager).get(f"/children/{child.local_id}/restrictions/{restriction.pk}/review/")
    html = page.content.decode()
    assert 'type="checkbox"' not in html
    assert re.search(r'<select[^>]*name="originator"', html)
    # who placed it, to start with
    assert re.search(rf'<option value="{practitioner.pk}"[^>]*selected[^>]*>\s*Priya Shah', html)


def test_the_review_form_lifts_naming_the_chosen_originator(restriction, manager, colleague, child):
    response = client_for(manager).post(
        f"/children/{child.local_id}/restrictions/{restriction.pk}/review/",
        {"decision": "lift", "originator": colleague.pk, "originator_views": "She agrees it can be shared"},
    )
    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.originator == colleague and restriction.lifted_by == manager
    assert AuditEvent.objects.filter(action=AuditAction.LIFTED_RESTRICTION, detail__contains=f"user {colleague.pk}").exists()
