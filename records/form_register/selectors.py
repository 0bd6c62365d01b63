"""Reads of the form register (§2), and what awaits senior leadership's approval."""

from django.db.models import Max, OuterRef, Q, Subquery

from records.designs.models import FormDesign
from records.form_register.models import FixedForm, FixedFormVersion


def versions_in_use():
    """The latest version of each registered form: the one in use."""
    latest = FixedFormVersion.objects.filter(form=OuterRef("form")).order_by("-version").values("pk")[:1]
    return FixedFormVersion.objects.filter(pk=Subquery(latest)).select_related("form", "approved_by")


def versions_awaiting_approval():
    return versions_in_use().filter(approved_at__isnull=True).order_by("form__name")


def register():
    """Every form with its version in use and the last version senior leadership approved."""
    return FixedForm.objects.annotate(
        current_version=Max("versions__version"),
        approved_version=Max("versions__version", filter=Q(versions__approved_at__isnull=False)),
    ).order_by("name")


def awaiting_senior_leadership() -> dict:
    """What the senior leaders' banner counts: designs submitted for approval, and forms whose version in
    use awaits it (a design in use on the system's approval at install has a submitted copy, records 0025)."""
    return {
        "designs": FormDesign.objects.filter(status=FormDesign.Status.SUBMITTED).count(),
        "forms": versions_awaiting_approval().count(),
    }
