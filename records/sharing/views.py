"""The child's Sharing tab: telling them about their records (§3), consent (§6), the disclosure log
(§7); and subject access requests, which only team managers take and manage."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from access.staff import roles
from access.models import Consent, SubjectAccessRequest
from casework.children.authorisation import Need, child_for_request, refuse
from casework.children.selectors import may_see_restricted
from records.sharing import services as sharing
from records.sharing import subject_access
from records.pdfs.models import PdfJob
from casework.children.form_pages import form_page as _form_page
from records.sharing.forms import (
    ConsentForm, DisclosureForm, ExtensionForm, RecordsInformationForm, StatusForm, SubjectAccessRequestForm,
    WithdrawConsentForm,
)


def _sar(child, sar_id) -> SubjectAccessRequest:
    return get_object_or_404(SubjectAccessRequest.objects.filter(child=child).select_related("created_by"), pk=sar_id)


@login_required
def sharing_tab(request, local_id):
    child = child_for_request(request, local_id)
    is_manager = roles.is_team_manager(request.user)
    requests = list(subject_access.with_deadline(subject_access.requests_for_child(child))) if is_manager else []
    today = timezone.localdate()
    for sar in requests:
        is_open = sar.status in subject_access.OPEN_STATUSES
        sar.deadline_state = subject_access.deadline_state(sar.current_deadline, today) if is_open else ""
    sees_restricted = may_see_restricted(request.user, child)
    disclosures = list(sharing.disclosure_log(child))
    for disclosure in disclosures:
        disclosure.shown_items, disclosure.hidden_items = sharing.shared_items(disclosure, sees_restricted=sees_restricted)
    return render(request, "records/sharing.html", {
        "child": child, "subnav": "sharing", "can_write": roles.can_write_records(request.user),
        "is_manager": is_manager, "told": list(sharing.records_information_for(child)),
        "consents": list(sharing.consents_for(child)), "disclosures": disclosures,
        "requests": requests,
    })


def _tab(child) -> str:
    return reverse("records:sharing", args=[child.local_id])


# --- §3 -------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def records_information_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    return _form_page(
        request, child, RecordsInformationForm(request.POST or None, child=child),
        title="Record that they were told about their records", button="Save", back=_tab(child), done=_tab(child),
        success="Recorded that they were told about their records and rights.",
        save=lambda data: sharing.record_records_information(child=child, by=request.user, **data),
    )


# --- Consent (§6) ---------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def consent_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    return _form_page(
        request, child, ConsentForm(request.POST or None), title="Record consent to share information",
        button="Save consent", back=_tab(child), done=_tab(child), success="Consent recorded.",
        save=lambda data: sharing.record_consent(child=child, by=request.user, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, local_id, consent_id):
    child = child_for_request(request, local_id, Need.WRITE)
    consent = get_object_or_404(
        Consent.objects.filter(child=child, decision=Consent.Decision.GIVEN, withdrawn_on__isnull=True), pk=consent_id)
    return _form_page(
        request, child, WithdrawConsentForm(request.POST or None, consent=consent),
        title=f"Withdraw the consent given by {consent.person_name}", button="Withdraw consent",
        back=_tab(child), done=_tab(child), success="Consent withdrawn.",
        save=lambda data: sharing.withdraw_consent(consent=consent, by=request.user, **data),
    )


# --- Sharing (§7) ---------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def disclosure_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = DisclosureForm(request.POST or None, child=child, user=request.user)

    def save(data):
        return sharing.record_disclosure(
            child=child, by=request.user, shared_with_person=data["shared_with_person"],
            shared_with_agency=data["shared_with_agency"], shared_at=form.shared_at(), what=data["what"],
            why=data["why"], basis=data["basis"], consent=data.get("consent"),
            consent_covers=data.get("consent_covers", False),
            public_interest_justification=data.get("public_interest_justification", ""),
            decided_by=data.get("decided_by"), subject_access_request=data.get("subject_access_request"),
            entries=data["entries"], documents=data["documents"], restricted_reason=data["restricted_reason"],
        )

    return _form_page(request, child, form, title="Record that information was shared", button="Save to the log",
                      back=_tab(child), done=_tab(child), success="Added to the disclosure log.", save=save)


# --- Subject access requests (team managers only) -------------------------------------------------

@login_required
def subject_access_requests(request):
    """Open requests on children this manager may see, nearest deadline first, near and past ones marked."""
    if not roles.is_team_manager(request.user):
        refuse(request)
    today = timezone.localdate()
    requests = list(subject_access.open_requests_for(request.user))
    for sar in requests:
        sar.deadline_state = subject_access.deadline_state(sar.current_deadline, today)
    return render(request, "records/subject_access_requests.html",
                  {"requests": requests, "near_days": subject_access.NEAR_DAYS, "nav": "subject_access"})


@login_required
@require_http_methods(["GET", "POST"])
def sar_new(request, local_id):
    child = child_for_request(request, local_id, Need.MANAGE)
    return _form_page(
        request, child, SubjectAccessRequestForm(request.POST or None), title="Record a subject access request",
        button="Save the request", back=_tab(child), success="Subject access request recorded.",
        save=lambda data: subject_access.create_subject_access_request(child=child, by=request.user, **data),
        done=lambda sar: reverse("records:sar_detail", args=[child.local_id, sar.pk]),
    )


@login_required
def sar_detail(request, local_id, sar_id):
    child = child_for_request(request, local_id, Need.MANAGE)
    sar = _sar(child, sar_id)
    is_open = sar.status in subject_access.OPEN_STATUSES
    return render(request, "records/subject_access_request.html", {
        "child": child, "sar": sar, "subnav": "sharing", "is_open": is_open,
        "deadline_state": subject_access.deadline_state(sar.deadline) if is_open else "",
        "latest_deadline": subject_access.latest_deadline(sar.received_on),
        "can_extend": is_open and sar.deadline < subject_access.latest_deadline(sar.received_on),
        "bundle": subject_access.bundle_for(sar), "events": list(subject_access.events_for(sar)),
        "disclosures": list(sar.disclosures.select_related("shared_by").order_by("-shared_at")),
    })


def _open_sar_page(request, local_id, sar_id, form_class, *, title, button, success, save):
    child = child_for_request(request, local_id, Need.MANAGE)
    sar = _sar(child, sar_id)
    back = reverse("records:sar_detail", args=[child.local_id, sar.pk])
    if sar.status not in subject_access.OPEN_STATUSES:
        messages.error(request, f"This request is {sar.get_status_display().lower()}: it can no longer change.")
        return redirect(back)
    return _form_page(request, child, form_class(request.POST or None, request=sar), title=title, button=button,
                      back=back, done=back, success=success, save=lambda data: save(sar, data))


@login_required
@require_http_methods(["GET", "POST"])
def sar_extend(request, local_id, sar_id):
    return _open_sar_page(
        request, local_id, sar_id, ExtensionForm, title="Extend the deadline", button="Extend the deadline",
        success="Deadline extended.",
        save=lambda sar, data: subject_access.extend_deadline(request=sar, by=request.user, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sar_status(request, local_id, sar_id):
    return _open_sar_page(
        request, local_id, sar_id, StatusForm, title="Update the request", button="Save", success="Request updated.",
        save=lambda sar, data: subject_access.change_status(request=sar, by=request.user, **data),
    )


@login_required
@require_POST
def sar_release(request, local_id, sar_id):
    """Release a built bundle to the requester; the subject access service writes the disclosure log (§7)."""
    child = child_for_request(request, local_id, Need.MANAGE)
    sar = get_object_or_404(SubjectAccessRequest.objects.select_related("child"), child=child, pk=sar_id)
    job_id = request.POST.get("job_id", "")
    if not job_id.isdigit():
        raise Http404("No bundle")
    job = get_object_or_404(PdfJob.objects.select_related("child"), pk=job_id, subject_access_request=sar,
                            kind=PdfJob.Kind.SUBJECT_ACCESS, status=PdfJob.Status.DONE)
    try:
        # `request` there is the subject access request; the disclosure log is written in its transaction.
        subject_access.release_subject_access(request=sar, by=request.user, pdf_job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Bundle released. The disclosure is in the child's disclosure log.")
    return redirect("records:pdf_status", local_id=sar.child.local_id, job_id=job.pk)
