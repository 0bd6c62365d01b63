"""Retention's pages (issue 18): the data protection officer's "Records due for review under retention", with
keeping a record longer, legal holds and proposing erasure; senior leadership's decision on a proposal. The
officer sees no child's record, only the local ID and the retention facts. Anyone else gets the 404 of every
refusal."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from access.audit.access_log import record_view
from access.staff import roles
from casework.children.authorisation import refuse
from casework.children.form_pages import form_page
from records.retention import forms, selectors, services
from records.retention.models import ErasureProposal, LegalHold

PAGE_SIZE = 25


def _posted(request):
    """The form's data on a POST, even an empty one (which must show its errors, not an empty form)."""
    return request.POST if request.method == "POST" else None


def _officer(request) -> None:
    if not selectors.is_data_protection_officer(request.user):
        refuse(request)


def _record(request, local_id):
    """The record under retention, its view in the access log; the logged 404 of every refusal otherwise."""
    retention = selectors.retention_for_officer(request.user, local_id)
    if retention is None:
        refuse(request, local_id)
    record_view(request, retention.child)
    return retention


@login_required
def retention_reviews(request):
    _officer(request)
    today = timezone.localdate()
    page = Paginator(selectors.records_for_review(request.user, today=today), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "records/retention/reviews.html",
                  {"nav": "retention_reviews", "page": page, "today": today})


def _back():
    return reverse("records:retention_reviews")


def _intro(retention) -> str:
    return (f"Record {retention.child.local_id}: kept until {retention.review_date:%d %B %Y} under the rule "
            f"'{retention.rule.name if retention.rule else ''}'.")


@login_required
@require_http_methods(["GET", "POST"])
def keep_longer(request, local_id):
    retention = _record(request, local_id)
    return form_page(request, None, forms.KeepLongerForm(_posted(request)), title="Keep the record longer",
                     button="Keep the record", success=f"Record {local_id} is kept longer.", done=_back(),
                     back=_back(), context={"intro": _intro(retention)},
                     save=lambda data: services.keep_longer(child=retention.child, by=request.user,
                                                            keep_until=data["keep_until"], reason=data["reason"]))


@login_required
@require_http_methods(["GET", "POST"])
def place_hold(request, local_id):
    retention = _record(request, local_id)
    return form_page(request, None, forms.PlaceHoldForm(_posted(request)), title="Place a legal hold",
                     button="Place the hold", success=f"Record {local_id} is held: it will not be erased.",
                     done=_back(), back=_back(), context={"intro": _intro(retention)},
                     save=lambda data: services.place_hold(child=retention.child, by=request.user,
                                                           reason=data["reason"], detail=data["detail"]))


@login_required
@require_http_methods(["GET", "POST"])
def lift_hold(request, local_id):
    retention = _record(request, local_id)
    hold = LegalHold.objects.filter(child=retention.child, lifted_at__isnull=True).first()
    intro = f"{_intro(retention)} Held: {hold.get_reason_display()}." if hold else _intro(retention)
    return form_page(request, None, forms.LiftHoldForm(_posted(request)), title="Lift the legal hold",
                     button="Lift the hold", success=f"The hold on record {local_id} is lifted.", done=_back(),
                     back=_back(), context={"intro": intro},
                     save=lambda data: services.lift_hold(child=retention.child, by=request.user,
                                                          reason=data["reason"]))


@login_required
@require_http_methods(["GET", "POST"])
def propose_erasure(request, local_id):
    retention = _record(request, local_id)
    return form_page(request, None, forms.ProposeErasureForm(_posted(request)), title="Propose erasing the record",
                     button="Propose erasure",
                     success=f"Erasing record {local_id} is proposed: a senior leader must approve it.",
                     done=_back(), back=_back(),
                     context={"intro": f"{_intro(retention)} A senior leader must approve before anything is erased."},
                     save=lambda data: services.propose_erasure(child=retention.child, by=request.user,
                                                                reason=data["reason"]))


@login_required
def erasure_approvals(request):
    if not roles.is_senior_leader(request.user):
        refuse(request)
    return render(request, "records/retention/approvals.html",
                  {"nav": "erasure_approvals",
                   "proposals": list(selectors.proposals_for_approval(request.user)[:200])})


@login_required
@require_http_methods(["GET", "POST"])
def erasure_decision(request, proposal_id):
    proposal = selectors.proposals_for_approval(request.user).filter(pk=proposal_id).first()
    if proposal is None:
        refuse(request)
    back = reverse("records:erasure_approvals")

    def decide(data) -> ErasureProposal:
        if data["decision"] == forms.APPROVE:
            services.approve_erasure(proposal=proposal, by=request.user)
        else:
            services.withdraw_erasure_proposal(proposal=proposal, by=request.user)
        return data["decision"]

    return form_page(request, None, forms.ErasureDecisionForm(_posted(request)), title="Erase the record?",
                     button="Record the decision", done=back, back=back,
                     success=lambda decision: (f"Record {proposal.local_id} is erased." if decision == forms.APPROVE
                                               else f"Record {proposal.local_id} is kept."),
                     context={"intro": f"The data protection officer, {proposal.proposed_by.get_full_name()}, "
                                       f"proposed erasing record {proposal.local_id}. Erasing removes every detail "
                                       f"of the child and cannot be undone."},
                     save=decide)
