"""Retention's reads (issue 18). The records due for review are the data protection officer's alone: anyone else
gets an empty list (and the pages a 404), however many children they may see."""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest

from access.staff import roles
from records.retention.models import ChildRetention, ErasureProposal, LegalHold


def is_data_protection_officer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and roles.has_role(user, roles.DATA_PROTECTION_OFFICER))


def _with_review_date(queryset):
    return queryset.annotate(review_on=Greatest("retain_until", Coalesce("kept_until", "retain_until")))


def due_for_review(*, today: date):
    """Children with every case closed whose retention date (or the later date they were kept to) has passed,
    and no legal hold on them: one set-based query."""
    held = LegalHold.objects.filter(child_id=OuterRef("child_id"), lifted_at__isnull=True)
    return (_with_review_date(ChildRetention.objects.filter(retain_until__isnull=False))
            .filter(review_on__lt=today).exclude(Exists(held)))


def records_for_review(user, *, today: date):
    """The officer's list: records listed by the monthly review and still past their date, held ones too (shown as
    held, so a hold is lifted here), oldest date first, with the child and any pending proposal in the same query."""
    if not is_data_protection_officer(user):
        return ChildRetention.objects.none()
    held = LegalHold.objects.filter(child_id=OuterRef("child_id"), lifted_at__isnull=True)
    pending = ErasureProposal.objects.filter(child_id=OuterRef("child_id"), erased_at__isnull=True,
                                             withdrawn_at__isnull=True)
    return (_with_review_date(ChildRetention.objects.filter(retain_until__isnull=False))
            .filter(Q(review_on__lt=today, first_listed_on__isnull=False) | Q(Exists(held)))
            .annotate(held=Exists(held), erasure_proposed=Exists(pending))
            .select_related("child", "rule").order_by("review_on", "child_id"))


def retention_for_officer(user, local_id: str) -> ChildRetention | None:
    """One record on the officer's list, or None (the view's 404)."""
    if not is_data_protection_officer(user):
        return None
    return ChildRetention.objects.select_related("child", "rule").filter(
        child__local_id=local_id, retain_until__isnull=False).first()


def proposals_for_approval(user):
    """Senior leadership's list of proposals awaiting a decision (none for anyone else)."""
    if not roles.is_senior_leader(user):
        return ErasureProposal.objects.none()
    return (ErasureProposal.objects.filter(erased_at__isnull=True, withdrawn_at__isnull=True)
            .select_related("proposed_by").order_by("proposed_at"))
