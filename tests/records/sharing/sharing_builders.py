"""Builders shared by the test_sharing_* and test_subject_access_* modules."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from access.models import AuditEvent, Consent
from records.models import PdfJob
from tests.factories import ConsentFactory, PdfJobFactory, SubjectAccessRequestFactory


def url(name: str, child, *more) -> str:
    return reverse(f"records:{name}", args=[child.local_id, *more])


def date_fields(prefix: str, day: date) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def today() -> date:
    return timezone.localdate()


def given_consent(child, by, **overrides) -> Consent:
    return ConsentFactory(child=child, by=by, **overrides)


def sar(child, by, *, received_on=None, **overrides):
    return SubjectAccessRequestFactory(child=child, by=by, received_on=received_on or today(), **overrides)


def identity_checked_sar(child, by, **overrides):
    received_on = overrides.pop("received_on", None) or today()
    return SubjectAccessRequestFactory(child=child, by=by, received_on=received_on, identity_was_checked=True,
                                       **overrides)


def bundle(request, by, *, status=PdfJob.Status.DONE, kind=PdfJob.Kind.SUBJECT_ACCESS, for_request=True) -> PdfJob:
    return PdfJobFactory(kind=kind, child=request.child, requested_by=by, status=status,
                         subject_access_request=request if for_request else None)


def actions(child) -> list[str]:
    return list(AuditEvent.objects.filter(child=child).order_by("pk").values_list("action", flat=True))
