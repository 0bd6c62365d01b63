"""Pages for PDFs of a child's record and subject access bundles: ask, follow progress, download, release.

Every page starts from the child (casework.children.authorisation) and every job from `_job_for_request`, so no view
can forget a rule: a job of a child the user cannot see, a PDF with restricted information without
`view_restricted`, or a subject access bundle for someone who is not a manager, is the same 404.
"""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.staff import roles
from access.models import SubjectAccessRequest
from casework.children.forms import gov_helper
from casework.children.authorisation import Need, child_for_request, refuse
from casework.children.selectors import may_see_restricted
from records.pdfs import services as pdfs
from records.entries import selectors
from records.models import PdfJob

Status = PdfJob.Status


class RecordPdfForm(forms.Form):
    kind = forms.ChoiceField(
        label="What do you want as a PDF?", widget=forms.RadioSelect, required=False,
        choices=[(PdfJob.Kind.RECORD, "The full record: every completed entry"),
                 (PdfJob.Kind.CHRONOLOGY, "The chronology: significant entries and events")],
    )
    include_restricted = forms.BooleanField(
        label="Include the 'Restricted from user' section", required=False,
        help_text="The PDF is then marked as not to be shared with the child or family.",
    )

    def __init__(self, *args, offer_restricted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_restricted:
            del self.fields["include_restricted"]
        self.fields["kind"].initial = PdfJob.Kind.RECORD
        self.helper = gov_helper(Layout(Field.radios("kind", legend_size="s"),
                                        *([Field.checkbox("include_restricted")] if offer_restricted else [])))

    def clean_kind(self):
        return self.cleaned_data["kind"] or PdfJob.Kind.RECORD  # the record, when the form does not say


def _job_for_request(request, local_id, job_id) -> PdfJob:
    child = child_for_request(request, local_id)
    job = get_object_or_404(PdfJob.objects.select_related("child", "subject_access_request"), child=child, pk=job_id)
    if not pdfs.may_open(request.user, job):
        refuse(request, local_id)
    return job


def _sar_for_manager(request, local_id, sar_id) -> SubjectAccessRequest:
    child = child_for_request(request, local_id, Need.MANAGE)
    return get_object_or_404(SubjectAccessRequest.objects.select_related("child"), child=child, pk=sar_id)


@login_required
@require_http_methods(["GET", "POST"])
def pdf_request(request, local_id):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    asked = request.GET.get("kind")  # the chronology page links here with ?kind=chronology
    form = RecordPdfForm(request.POST if request.method == "POST" else None, offer_restricted=sees_restricted,
                         initial={"kind": asked} if asked in pdfs.ASKED_FOR else None)
    if request.method == "POST" and form.is_valid():
        job = pdfs.request_record_pdf(child=child, by=request.user, kind=form.cleaned_data["kind"],
                                      include_restricted=form.cleaned_data.get("include_restricted", False))
        return redirect("records:pdf_status", local_id=child.local_id, job_id=job.pk)
    is_manager = roles.is_team_manager(request.user)
    open_requests = []
    if is_manager:
        open_requests = list(SubjectAccessRequest.objects.filter(child=child)
                             .exclude(status__in=pdfs.CLOSED_REQUESTS).order_by("received_on", "id"))
    return render(request, "records/pdf/request.html", {
        "child": child, "form": form, "subnav": "records", "jobs": pdfs.recent_jobs(request.user, child),
        "open_requests": open_requests,
    })


def _status_context(job: PdfJob) -> dict:
    local_id = job.child.local_id
    return {
        "status": job.status, "status_label": job.get_status_display(), "message": pdfs.progress_message(job),
        "progress": job.progress, "total": job.total, "finished": job.status in (Status.DONE, Status.FAILED),
        "download_url": reverse("records:pdf_download", args=[local_id, job.pk]) if job.status == Status.DONE else None,
    }


@login_required
@require_GET
def pdf_status(request, local_id, job_id):
    job = _job_for_request(request, local_id, job_id)
    sar = job.subject_access_request
    can_release = (job.kind == PdfJob.Kind.SUBJECT_ACCESS and job.status == Status.DONE and sar is not None
                   and sar.status not in pdfs.CLOSED_REQUESTS)
    return render(request, "records/pdf/status.html", {
        "child": job.child, "job": job, "subnav": "records", **_status_context(job), "can_release": can_release,
        "left_out": selectors.hidden_restricted_count(job.child) if not job.include_restricted else 0,
    })


@login_required
@require_GET
def pdf_progress(request, local_id, job_id):
    """The status page's JavaScript asks here every few seconds (the page works without it)."""
    job = _job_for_request(request, local_id, job_id)
    return JsonResponse(_status_context(job))


@login_required
@require_GET
def pdf_download(request, local_id, job_id):
    job = _job_for_request(request, local_id, job_id)
    path = pdfs.pdf_path(job)
    if job.status != Status.DONE or not path.exists():
        raise Http404("Not ready")
    pdfs.record_download(job=job, by=request.user)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=pdfs.download_name(job),
                            content_type="application/pdf")
    response["Cache-Control"] = "no-store, private, max-age=0"
    return response


@login_required
@require_POST
def sar_bundle(request, local_id, sar_id):
    sar = _sar_for_manager(request, local_id, sar_id)
    try:
        job = pdfs.request_subject_access_bundle(sar=sar, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("records:pdf_request", local_id=sar.child.local_id)
    return redirect("records:pdf_status", local_id=sar.child.local_id, job_id=job.pk)
