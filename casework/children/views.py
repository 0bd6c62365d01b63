from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from access.staff import roles
from casework.children import selectors
from casework.children import services
from casework.children.forms import (
    AllocationForm, ChildReferralForm, CloseCaseForm, EmergencyAccessForm, GrantRestrictedAccessForm,
)
from casework.children.forms import CaseReturnDetailsForm, CommunicationNeedsForm, IdentityDetailsForm, NewReferralForm
from casework.children.forms import SwChangeReasonForm
from casework.returns.codes import describe_child
from casework.returns.validation import mark
from casework.models import Allocation, Child
from casework.children.form_pages import form_page
from casework.children.authorisation import Need, child_for_request, refuse
from access.audit.access_log import record_listed
from access.paging import counted_page


CASELOAD_PAGE_SIZE = 25


@login_required
def caseload(request):
    # Paged (issue 16): a long caseload or a busy team's waiting list costs the same to show as a short one.
    children = counted_page(selectors.caseload_for(request.user), request.GET.get("page"), CASELOAD_PAGE_SIZE)
    children.object_list = mark(list(children.object_list))  # issue 17: "Return data missing", one query a page
    waiting = None
    if roles.is_team_manager(request.user):
        waiting = counted_page(selectors.awaiting_allocation_for_manager(request.user), request.GET.get("waiting"),
                               CASELOAD_PAGE_SIZE)
    return render(request, "casework/caseload.html", {"children": children, "waiting": waiting, "nav": "caseload"})


@login_required
def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = []
    if "q" in request.GET and not query:
        error = "Enter a name, date of birth, local child ID or NHS number"
    elif query:
        results = list(selectors.search_children(request.user, query)[: selectors.SEARCH_LIMIT + 1])
    return render(
        request,
        "casework/search.html",
        {
            "query": query,
            "error": error,
            "results": results[: selectors.SEARCH_LIMIT],
            "more_results": len(results) > selectors.SEARCH_LIMIT,
            "limit": selectors.SEARCH_LIMIT,
            "nav": "search",
        },
    )


@login_required
def child_record(request, local_id):
    """The record's front page: identity, communication and the case's allocation. The less used sections are on
    their own tabs (casework.children.tabs), so this page stays small and fast."""
    child = child_for_request(request, local_id)
    open_case = child.cases.filter(closure_date__isnull=True).first()
    return render(
        request,
        "casework/child_record.html",
        {
            "child": child,
            "details": describe_child(child),
            "open_case": open_case,
            "can_manage": roles.is_team_manager(request.user),
            "can_write": roles.can_write_records(request.user),
            "subnav": "basic",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def child_create(request):
    if not roles.can_record_referrals(request.user):
        refuse(request)
    profile = getattr(request.user, "staff_profile", None)
    team = profile.team if profile else None
    duplicates = None
    form = ChildReferralForm(request.POST or None, show_duplicate_confirmation="check_duplicates" in request.POST)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = services.find_possible_duplicates(
            user=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"] or data["expected_date_of_birth"],
            nhs_number=data["nhs_number"],
        )
        if duplicates and not data["confirm_new_child"]:
            # Nothing is saved: the practitioner checks the possible matches first.
            form = ChildReferralForm(request.POST, show_duplicate_confirmation=True)
            if "check_duplicates" in request.POST:
                form.is_valid()
                form.add_error(
                    "confirm_new_child", "Confirm that you have checked the possible matches and this is a different child"
                )
        else:
            try:
                child = services.create_child_with_referral(by=request.user, team=team, child=form.child(), case=form.case())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Record created for {child.full_name}. Local child ID {child.local_id}.")
                return redirect("casework:child_record", local_id=child.local_id)
    return render(
        request,
        "casework/child_create.html",
        {"form": form, "duplicates": duplicates, "team": team, "nav": "create"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def allocate(request, local_id):
    child = child_for_request(request, local_id, Need.MANAGE)
    case = child.cases.filter(closure_date__isnull=True).first()
    current = selectors.current_allocations().filter(case=case).select_related("team").first() if case else None
    if current is None:
        return render(request, "casework/allocate.html", {"child": child, "case": None, "form": None})
    # §15.2: the case stays with its team; another team is reached only through "Transfer the case".
    team = current.team
    return form_page(
        request, child, AllocationForm(request.POST or None, team=team), template="casework/allocate.html",
        context={"case": case, "team": team}, success="Allocation saved.",
        done=reverse("casework:child_record", args=[child.local_id]),
        save=lambda data: services.allocate_case(case=case, team=team, worker=data["worker"], by=request.user,
                                                 reason=data["reason"].strip(),
                                                 sw_change_reason=data["sw_change_reason"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def allocation_reason(request, local_id, allocation_id):
    """Issue 17: why a social worker took over, given after the change (the check before a return links here)."""
    child = child_for_request(request, local_id, Need.MANAGE)
    allocation = get_object_or_404(Allocation.objects.filter(case__child=child, worker__isnull=False)
                                   .select_related("case", "worker"), pk=allocation_id)
    started = f"{timezone.localdate(allocation.started_at):%-d %B %Y}"
    return form_page(
        request, child, SwChangeReasonForm(request.POST or None,
                                           initial={"sw_change_reason": allocation.sw_change_reason}),
        title=f"Why the social worker changed on {started}",
        button="Save the reason", back=reverse("casework:child_cases", args=[child.local_id]),
        context={"intro": f"{allocation.worker.get_full_name()} took over the case on {started}."},
        success="Reason for the change of social worker saved.",
        done=reverse("casework:child_cases", args=[child.local_id]),
        save=lambda data: services.record_sw_change_reason(allocation=allocation, code=data["sw_change_reason"],
                                                           by=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def close_case(request, local_id, case_id):
    child = child_for_request(request, local_id, Need.MANAGE)
    case = get_object_or_404(child.cases.filter(closure_date__isnull=True), pk=case_id)
    return form_page(
        request, child, CloseCaseForm(request.POST or None, case=case), template="casework/close_case.html",
        context={"case": case}, success="Case closed.", done=reverse("casework:child_record", args=[child.local_id]),
        save=lambda data: services.close_case(case=case, by=request.user, **data),
    )


def _emergency_search(request) -> dict:
    """§4 (EDT): the search part of the emergency access page; each search is an audit event and each child shown
    a row of the access log."""
    query = request.GET.get("q", "").strip()[:100]
    if "q" not in request.GET:
        return {}
    problem = selectors.emergency_query_problem(query)
    if problem:
        return {"query": query, "search_error": problem}
    kind = selectors.query_kind(query)
    found = list(selectors.emergency_duty_search(request.user, query)[: selectors.EMERGENCY_SEARCH_LIMIT + 1])
    shown, more = found[: selectors.EMERGENCY_SEARCH_LIMIT], len(found) > selectors.EMERGENCY_SEARCH_LIMIT
    services.record_emergency_search(user=request.user, kind=kind, shown=shown, more=more)
    record_listed(request, shown)
    return {"query": query, "results": shown, "more_results": more, "limit": selectors.EMERGENCY_SEARCH_LIMIT}


@login_required
@require_http_methods(["GET", "POST"])
def emergency_access(request):
    """Emergency duty staff find a child (§4), then open the record, which they are not allocated, for 24 hours,
    stating why."""
    if not roles.has_role(request.user, roles.EMERGENCY_DUTY):
        refuse(request)
    form = EmergencyAccessForm(request.POST or None, initial={"local_id": request.GET.get("child", "")[:12]})
    if request.method == "POST" and form.is_valid():
        child = Child.objects.filter(local_id=form.cleaned_data["local_id"]).first()
        if child is None:
            form.add_error("local_id", "No child has that local child ID. Check it and try again")
        else:
            try:
                services.grant_emergency_access(user=request.user, child=child, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                messages.success(request, "Emergency access for 24 hours. Restricted information is not shown.")
                return redirect("casework:child_record", local_id=child.local_id)
    return render(request, "casework/emergency_access.html", {
        "form": form, "title": "Emergency access to a record", "button": "Open the record", "nav": "emergency",
        **_emergency_search(request),
    })


@login_required
def emergency_access_list(request):
    if not roles.is_team_manager(request.user):
        refuse(request)
    return render(request, "casework/emergency_access_list.html",
                  {"accesses": list(selectors.emergency_accesses_for_manager(request.user)[:200])})


# The access log page (who has viewed the record) is in casework/access_report.py, with its CSV export.


@login_required
@require_http_methods(["GET", "POST"])
def grant_restricted_access(request, local_id):
    child = child_for_request(request, local_id, (Need.MANAGE, Need.VIEW_RESTRICTED))
    form = GrantRestrictedAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_restricted_access(child=child, user=form.cleaned_data["user"], by=request.user,
                                             reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{form.cleaned_data['user'].get_full_name()} can now see restricted information.")
            return redirect("casework:child_record", local_id=child.local_id)
    return render(request, "form_page.html", {
        "form": form, "child": child, "title": "Give access to restricted information", "button": "Give access",
    })


@login_required
@require_http_methods(["GET", "POST"])
def communication(request, local_id):
    """§3, §6: change how the child communicates and who supports them (interpreter, advocate, signer)."""
    child = child_for_request(request, local_id, Need.WRITE)
    record_url = reverse("casework:child_record", args=[child.local_id])
    initial = {name: getattr(child, name) for name in services.COMMUNICATION_FIELDS}
    return form_page(
        request, child, CommunicationNeedsForm(request.POST or None, initial=initial), title="Communication needs",
        button="Save communication needs", success="Communication needs saved.", done=record_url, back=record_url,
        save=lambda data: services.update_communication_needs(child=child, by=request.user, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def identity_details(request, local_id):
    """Issue 17: the child's sex, ethnicity, disability, UPN (or why it is not known) and date of death, recorded
    with the rest of their identity in the DfE's codes."""
    child = child_for_request(request, local_id, Need.WRITE)
    record_url = reverse("casework:child_record", args=[child.local_id])
    initial = {name: getattr(child, name) for name in services.IDENTITY_DETAILS}
    return form_page(
        request, child, IdentityDetailsForm(request.POST or None, initial=initial, child=child),
        title="Sex, ethnicity, disability and school details", button="Save details", success="Details saved.",
        done=record_url, back=record_url,
        save=lambda data: services.update_identity_details(child=child, by=request.user, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_referral(request, local_id):
    """A child known before is referred again: a new case on the same record (never a second record)."""
    child = child_for_request(request, local_id, Need.WRITE)
    cases_url = reverse("casework:child_cases", args=[child.local_id])
    if child.cases.filter(closure_date__isnull=True).exists():
        return render(request, "casework/new_referral_open_case.html", {"child": child, "back": cases_url})
    profile = getattr(request.user, "staff_profile", None)
    return form_page(
        request, child, NewReferralForm(request.POST or None), title="Record a new referral", button="Save referral",
        context={"intro": "The new case sits with your team, awaiting allocation."}, success="Referral recorded. A new case is open.",
        done=cases_url, back=cases_url,
        save=lambda data: services.record_new_referral(by=request.user, child=child,
                                                        team=profile.team if profile else None, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_return_details(request, local_id, case_id):
    """Issue 17: the referral's source, the primary need and whether the referral led to no further action."""
    child = child_for_request(request, local_id, Need.WRITE)
    case = get_object_or_404(child.cases.all(), pk=case_id)
    cases_url = reverse("casework:child_cases", args=[child.local_id])
    initial = {"referral_source": case.referral_source, "primary_need": case.primary_need,
               "referral_nfa": {True: "yes", False: "no"}.get(case.referral_nfa, "")}
    return form_page(
        request, child, CaseReturnDetailsForm(request.POST or None, initial=initial),
        title=f"Referral and need: case from {case.referral_date:%-d %B %Y}", button="Save", success="Case details saved.",
        done=cases_url, back=cases_url,
        save=lambda data: services.update_case_return_details(case=case, by=request.user, **data),
    )
