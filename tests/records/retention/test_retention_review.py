"""Issue 18: the monthly review lists records past their retention date for the data protection officer, each once
(safe to run twice); a record kept longer leaves the list until its new date; a held record is never listed as due."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from access.audit.models import AuditAction, AuditEvent
from records.retention import services
from records.retention.models import ChildRetention, RetentionExtension, RetentionRule
from records.retention.selectors import due_for_review, records_for_review
from records.tasks import review_retention
from tests.conftest import open_record
from tests.records.retention.retention_builders import close_every_case, past_its_date


def _years_later(child, manager):
    """The child's cases closed; the day after their retention date, when a monthly run would find them."""
    return close_every_case(child, manager).retain_until + timedelta(days=1)


def test_the_monthly_job_lists_a_record_past_its_date_once_however_often_it_runs(assessment_team, manager, dpo):
    """Through the Celery task, today: a council period from birth alone, for someone born 30 years ago."""
    RetentionRule.objects.filter(code="other").update(years_after_closure=None)
    adult = open_record(team=assessment_team, manager=manager,
                        dob=timezone.localdate() - relativedelta(years=30))
    close_every_case(adult, manager)
    today = timezone.localdate()
    assert review_retention() == 1
    assert review_retention() == 0  # run again (a retried task, a second beat): nothing new
    retention = ChildRetention.objects.get(child=adult)
    assert retention.first_listed_on == today
    assert list(records_for_review(dpo, today=today)) == [retention]
    assert AuditEvent.objects.filter(action=AuditAction.LISTED_RECORDS_FOR_RETENTION_REVIEW).count() == 1


def test_a_run_years_later_lists_the_record_and_a_second_run_lists_nothing_new(child, manager, dpo):
    later = _years_later(child, manager)
    assert services.review(today=later - timedelta(days=1)) == 0
    assert services.review(today=later) == 1
    assert services.review(today=later) == 0
    assert [r.child for r in records_for_review(dpo, today=later)] == [child]


def test_a_record_not_yet_past_its_date_is_not_listed(child, manager, dpo):
    close_every_case(child, manager)
    assert review_retention() == 0
    assert list(records_for_review(dpo, today=timezone.localdate())) == []


def test_nobody_but_the_officer_gets_the_list(child, manager, slt, admin_user):
    later = _years_later(child, manager)
    services.review(today=later)
    for user in (manager, slt, admin_user):
        assert list(records_for_review(user, today=later)) == []


def test_kept_longer_leaves_the_list_until_the_new_date_with_the_reason_audited(child, manager, dpo):
    past_its_date(child, manager)  # the stored date passed (the services read it; a monthly run would work it out)
    today = timezone.localdate()
    assert due_for_review(today=today).filter(child=child).exists()
    services.keep_longer(child=child, by=dpo, keep_until=today + timedelta(days=365), reason="Police investigation")
    assert not due_for_review(today=today).filter(child=child).exists()
    assert RetentionExtension.objects.get(child=child).reason == "Police investigation"
    assert AuditEvent.objects.filter(action=AuditAction.KEPT_RECORD_LONGER, child=child,
                                     detail__contains="Police investigation").exists()
    assert due_for_review(today=today + timedelta(days=366)).filter(child=child).exists()


def test_keeping_longer_to_a_date_not_after_today_is_refused_and_saves_nothing(child, manager, dpo):
    past_its_date(child, manager)
    with pytest.raises(ValidationError, match="after today"):
        services.keep_longer(child=child, by=dpo, keep_until=timezone.localdate(), reason="Inquiry")
    assert not RetentionExtension.objects.exists()


def test_a_held_record_is_shown_as_held_never_as_due_and_a_lifted_hold_is_audited(child, manager, dpo):
    later = _years_later(child, manager)
    services.review(today=later)
    today = later
    services.place_hold(child=child, by=dpo, reason="subject_access", detail="Request received 1 December")
    assert not due_for_review(today=today).filter(child=child).exists()
    (listed,) = records_for_review(dpo, today=today)
    assert listed.held
    with pytest.raises(ValidationError, match="already held"):
        services.place_hold(child=child, by=dpo, reason="claim", detail="A claim")
    services.lift_hold(child=child, by=dpo, reason="Request answered")
    assert due_for_review(today=today).filter(child=child).exists()
    assert AuditEvent.objects.filter(action=AuditAction.LIFTED_LEGAL_HOLD, child=child).exists()


def test_the_job_is_in_the_beat_schedule_monthly(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="records.tasks.review_retention")
    assert (task.crontab.day_of_month, task.crontab.timezone.key if hasattr(task.crontab.timezone, "key")
            else str(task.crontab.timezone)) == ("1", "Europe/London")
