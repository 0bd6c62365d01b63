"""Building the statutory returns (issue 17): asking for a build (the web side), building it (the worker side,
casework.returns.worker, run by the Celery task casework.tasks.build_return) and downloading it. Only performance and information staff and
senior leadership may do any of it (access.staff.roles.can_build_returns); each service checks again.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from access.audit.services import record_event
from access.models import AuditAction
from access.staff import roles
from casework.returns.builds import KINDS
from casework.returns.codes import collection_year
from casework.returns.models import ReturnBuild, year_label

Status = ReturnBuild.Status
YEARS_OFFERED = 3  # the current collection year and the two before it (a late or corrected return)


def offered_years(today=None) -> list[int]:
    current = collection_year(today)
    return [current - back for back in range(YEARS_OFFERED)]


def check_choice(*, kind: str, year) -> int:
    """The year as a number, once the kind and year are known ones; a clear error otherwise."""
    if kind not in KINDS:
        raise ValidationError("Choose a return from the list")
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("Choose a collection year from the list") from None
    if year not in offered_years():
        raise ValidationError("Choose a collection year from the list")
    return year


def _require(user) -> None:
    if not roles.can_build_returns(user):
        raise PermissionDenied("Only performance and information staff and senior leadership build returns.")


def describe(build: ReturnBuild) -> str:
    return f"{KINDS[build.kind].label if build.kind in KINDS else build.kind}, {year_label(build.year)} (build {build.pk})"


@transaction.atomic
def request_build(*, kind: str, year, by) -> ReturnBuild:
    """Queue a build of return `kind` for collection `year`; the worker builds it after this commits."""
    _require(by)
    year = check_choice(kind=kind, year=year)
    build = ReturnBuild.objects.create(kind=kind, year=year, la_number=settings.DFE_LA_NUMBER, requested_by=by)
    record_event(actor=by, action=AuditAction.BUILT_RETURN, detail=describe(build))
    from casework.returns.tasks import build_return  # the task, not the builder: a web request never builds a return

    transaction.on_commit(lambda: build_return.delay(build.pk))
    return build


def progress_message(build: ReturnBuild) -> str:
    if build.status == Status.QUEUED:
        return "Waiting to start. This page checks again every few seconds."
    if build.status == Status.RUNNING:
        return "Reading the records and writing the file. A large council's return takes a minute or two."
    if build.status == Status.DONE:
        return "Ready to download."
    return build.error or "The return could not be built."


@transaction.atomic
def record_download(*, build: ReturnBuild, by) -> None:
    _require(by)
    if build.status != Status.DONE:
        raise ValidationError("This return is not ready yet")
    record_event(actor=by, action=AuditAction.DOWNLOADED_RETURN, detail=describe(build))
