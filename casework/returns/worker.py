"""The worker's side of building a return (issue 17), run by the Celery task casework.tasks.build_return: the
services ask for a build, this builds it. Apart from the services so that the task and the services do not import
each other."""

import logging

from django.db import transaction
from django.utils import timezone

from casework.returns.builds import KINDS
from casework.returns.models import ReturnBuild, return_path

logger = logging.getLogger(__name__)

Status = ReturnBuild.Status


def run_build(build_id: int) -> str:
    """The worker's part: build the file and keep it. Safe to run twice: a finished build is left as it is, and a
    build interrupted mid-way (a lost worker) is built again from the start into the same file."""
    with transaction.atomic():
        build = ReturnBuild.objects.select_for_update().get(pk=build_id)
        if build.status in (Status.DONE, Status.FAILED):
            return build.status
        build.status, build.started_at = Status.RUNNING, timezone.now()
        build.save(update_fields=["status", "started_at"])
    try:
        file_name, content = KINDS[build.kind].build(build.year, build.la_number)
        build.file_name = file_name
        path = return_path(build)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(content)
        partial.replace(path)  # never a half-written file under the real name
        build.status = Status.DONE
    except Exception:  # the page says it failed; the log keeps the detail
        logger.exception("Building return %s failed", build_id)
        build.status, build.error = Status.FAILED, "The return could not be built. Try again, or ask for help."
    build.finished_at = timezone.now()
    build.save(update_fields=["status", "file_name", "error", "finished_at"])
    return build.status
