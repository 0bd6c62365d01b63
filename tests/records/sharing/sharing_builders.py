"""Builders shared by the test_sharing_* and test_subject_access_* modules."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from access.models import AuditEvent, Consent
from records.sharing import services as sharing
from records.models import PdfJob
from records.sharing.subject_access import create_subject_access_request


def url(name: str, child, *more) -> str:
    return reverse(f"records:{name}", args=[child.local_id, *more])


def date_fields(prefix: str, day: date) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def today() -> date:
    return timezone.localdate()


def given_consent(child, by, **overrides) -> Consent:
    fields = {"person_name": "Grace Okoye", "relationship": "parent", "decision": "given",
              "agencies": "Castle Primary School", "purpose": "Support with attendance",
              "obtained_on": today(), "obtained_how": "in_person", **overrides}
    return sharing.record_consent(child=child, by=by, **fields)


def sar(child, by, *, received_on=None, **overrides):
    fields = {"requester_name": "Grace Okoye", "relationship": "Mother", "received_on": received_on or today(),
              **overrides}
    return create_subject_access_request(child=child, by=by, **fields)


def identity_checked_sar(child, by, **overrides):
    received_on = overrides.pop("received_on", None) or today()
    return sar(child, by, received_on=received_on, identity_checked=True, identity_checked_on=received_on,
               identity_evidence="Passport and council tax bill", **overrides)


def bundle(request, by, *, status=PdfJob.Status.DONE, kind=PdfJob.Kind.SUBJECT_ACCESS, for_request=True) -> PdfJob:
    return PdfJob.objects.create(
        kind=kind, child=request.child, requested_by=by, subject_access_request=request if for_request else None,
        status=status, file_name="bundle.pdf", finished_at=timezone.now() if status == PdfJob.Status.DONE else None,
    )


def actions(child) -> list[str]:
    return list(AuditEvent.objects.filter(child=child).order_by("pk").values_list("action", flat=True))
