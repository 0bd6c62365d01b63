"""The PDF build task. Its name stays "records.tasks.build_pdf" (queued messages carry it);
records.tasks imports it so the worker finds it with the app's other tasks."""

from celery import shared_task

from records.pdfs import build as builder


@shared_task(name="records.tasks.build_pdf", acks_late=True, reject_on_worker_lost=True)
def build_pdf(job_id: int) -> str:
    """Build one PDF job. Run twice, it leaves a finished job alone (see records.pdfs.build.build)."""
    return builder.build(job_id)
