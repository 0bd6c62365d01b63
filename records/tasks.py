"""Celery tasks: each loads what it needs and calls a service; each is safe to run twice."""

from celery import shared_task

from records.pdfs.tasks import build_pdf  # noqa: F401  named records.tasks.build_pdf
from records.timeliness.digests import send_daily_digests
from records.timeliness.services import run_flag_pass


@shared_task(acks_late=True, reject_on_worker_lost=True)
def flag_overdue() -> dict:
    """The hourly timeliness pass: a pure recomputation, so running it twice changes nothing."""
    return {kind: list(counts) for kind, counts in run_flag_pass().items()}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_digests() -> int:
    return send_daily_digests()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def review_retention() -> int:
    """Issue 18, monthly: records past their retention date listed for the data protection officer (each once)."""
    from records.retention.services import review

    return review()
