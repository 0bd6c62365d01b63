"""The timeliness task through a real Celery worker and a real Redis broker (not eager mode)."""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from config.celery import app
from records.entries import services
from records.models import Flag
from records.tasks import flag_overdue
from tests.conftest import open_record


@pytest.mark.django_db(transaction=True)
def test_flag_overdue_runs_on_a_worker_through_redis(policy_designs, assessment_team, manager, practitioner):
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "make test runs against a real Redis"
    child = open_record(team=assessment_team, manager=manager, worker=practitioner)
    services.plan_visit(child=child, by=practitioner, event_at=timezone.now() - timedelta(days=10), purpose="Visit")
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        flag_overdue.delay()
        flag_overdue.delay()  # delivered twice: the second run changes nothing
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and Flag.objects.filter(kind="write_up_overdue").count() == 0:
            time.sleep(0.2)
        time.sleep(1)
    assert Flag.objects.filter(kind="basic_details_overdue", closed_at__isnull=True).count() == 1
    assert Flag.objects.filter(kind="write_up_overdue", closed_at__isnull=True).count() == 1
