"""The return build task (issue 17). Named casework.tasks.build_return: casework.tasks imports it so the worker
finds it with the app's tasks."""

from celery import shared_task

from casework.returns import worker


@shared_task(name="casework.tasks.build_return", acks_late=True, reject_on_worker_lost=True)
def build_return(build_id: int) -> str:
    """Build one return. Run twice, it leaves a finished build alone (worker.run_build)."""
    return worker.run_build(build_id)
