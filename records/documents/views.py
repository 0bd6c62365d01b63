"""Pages for a child's documents (§1, §5.1, §5.4, §7, §14) and the basic record's sections.

Every page starts from the child (casework.children.authorisation: 404 and logged without access) and every document
from `_document`, so a document of another child, a restricted one without `view_restricted`, or a
withdrawn one for a non-manager's download, is the same 404. Files are sent only by `document_download`,
as attachments that the browser may not sniff, run or store.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from access.staff import roles
from casework.children.form_pages import form_page
from casework.children.authorisation import Need, child_for_request, refuse
from casework.children.selectors import may_see_restricted
from records.documents import services
from records.entries import selectors
from records.documents.forms import SECTION_FORMS, DocumentUploadForm, ReturnToChildForm, WithdrawDocumentForm
from records.documents.models import Document
from casework.children.forms import RestrictForm

# A downloaded file may never run as a page of ours: no scripts, no plugins, no frames, a unique origin.
DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"


def _document(request, child, pk, *, sees_restricted=None) -> Document:
    documents = services.visible_documents(request.user, child, sees_restricted=sees_restricted)
    return get_object_or_404(documents.select_related("withdrawn_by", "return_recorded_by"), pk=pk)


def _back(child, document=None):
    if document is None:
        return reverse("records:documents", args=[child.local_id])
    return reverse("records:document_detail", args=[child.local_id, document.pk])


@login_required
@require_GET
def document_list(request, local_id):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    documents = list(services.visible_documents(request.user, child, sees_restricted=sees_restricted)
                     .order_by("-document_date", "-id"))
    hidden = 0 if sees_restricted else services.hidden_restricted_documents(child)
    current = [d for d in documents if not d.is_withdrawn]
    return render(request, "records/documents/list.html", {
        "child": child, "subnav": "documents", "documents": current,
        "to_return": [d for d in current if d.awaiting_return],
        "withdrawn": [d for d in documents if d.is_withdrawn],
        "hidden_restricted": hidden, "ask": selectors.whom_to_ask(child) if hidden else [],
        "can_write": roles.can_write_records(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)

    def save(data):
        return services.upload_document(
            child=child, by=request.user, upload=data["file"], title=data["title"],
            document_date=data["document_date"], category=data["category"], description=data["description"],
            belongs_to_child=data["belongs_to_child"],
        )

    return form_page(request, child, form, save=save, title="Upload a document", button="Upload the document",
                     success=lambda document: f"Document uploaded. {document.upload_note}".strip(),
                     done=lambda document: _back(child, document),
                     back=_back(child), subnav="documents")


@login_required
@require_GET
def document_detail(request, local_id, pk):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    document = _document(request, child, pk, sees_restricted=sees_restricted)
    may_write = roles.can_write_records(request.user)
    return render(request, "records/documents/detail.html", {
        "child": child, "document": document, "subnav": "documents",
        "can_download": services.may_download(request.user, document),
        "can_restrict": sees_restricted and not document.is_restricted and not document.is_withdrawn,
        "can_withdraw": not document.is_withdrawn and (
            document.uploaded_by_id == request.user.pk or roles.is_team_manager(request.user)),
        "can_record_return": may_write and document.awaiting_return,
    })


@login_required
@require_GET
def document_download(request, local_id, pk):
    child = child_for_request(request, local_id)
    document = _document(request, child, pk)
    if not services.may_download(request.user, document):
        refuse(request, local_id)
    path = services.document_path(document)
    if not path.is_file():
        raise Http404("The file is missing")
    services.record_download(document=document, by=request.user)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "no-store, private, max-age=0"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_withdraw(request, local_id, pk):
    child = child_for_request(request, local_id)
    document = _document(request, child, pk)
    if document.is_withdrawn or not (document.uploaded_by_id == request.user.pk or roles.is_team_manager(request.user)):
        refuse(request, local_id)
    form = WithdrawDocumentForm(request.POST or None)
    return form_page(request, child, form, title="Withdraw a document", button="Withdraw the document",
                     save=lambda data: services.withdraw_document(document=document, by=request.user, reason=data["reason"]),
                     success="The document is withdrawn. It stays on the record, marked withdrawn.",
                     done=_back(child, document), back=_back(child, document), subnav="documents")


@login_required
@require_http_methods(["GET", "POST"])
def document_return(request, local_id, pk):
    child = child_for_request(request, local_id, Need.WRITE)
    document = _document(request, child, pk)
    if not document.awaiting_return:
        refuse(request, local_id)
    form = ReturnToChildForm(request.POST or None)
    return form_page(request, child, form, title="Record that it was returned", button="Record the return",
                     save=lambda data: services.record_return(document=document, by=request.user, **data),
                     success="Recorded as returned.", done=_back(child, document), back=_back(child, document),
                     subnav="documents")


@login_required
@require_http_methods(["GET", "POST"])
def document_restrict(request, local_id, pk):
    child = child_for_request(request, local_id, Need.VIEW_RESTRICTED)
    document = _document(request, child, pk, sees_restricted=True)
    if document.is_restricted or document.is_withdrawn:
        refuse(request, local_id)
    form = RestrictForm(request.POST or None)
    return form_page(request, child, form, title="Restrict from the child", button="Restrict this document",
                     save=lambda data: services.restrict_document(document=document, by=request.user, **data),
                     success="The document is now in the 'Restricted from user' section.",
                     done=_back(child, document), back=_back(child, document), subnav="documents")


def _copies(request, child):
    """The documents a section row may point at as its copy: those the user sees, not withdrawn."""
    return (services.visible_documents(request.user, child)
            .filter(withdrawn_at__isnull=True).order_by("-document_date", "-id"))


def _section_view(section):
    form_class, title, button = SECTION_FORMS[section]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, local_id):
        child = child_for_request(request, local_id, Need.WRITE)
        form = form_class(request.POST or None, documents=_copies(request, child))
        back = reverse("casework:child_orders", args=[child.local_id])
        return form_page(request, child, form, title=title, button=button,
                         save=lambda data: services.add_section_record(section=section, child=child, by=request.user,
                                                                       **data),
                         success="Saved on the basic record.", done=back + "#documents-on-record", back=back,
                         subnav="orders")

    view.__name__ = f"{section}_add"
    return view


@login_required
@require_http_methods(["GET", "POST"])
def section_correct(request, local_id, section, item_id):
    """Correct an order, a court report, education or health details, saying why (§12)."""
    child = child_for_request(request, local_id, Need.WRITE)
    if section not in SECTION_FORMS:
        refuse(request, local_id)
    record = services.SECTIONS[section].objects.filter(child=child, pk=item_id).first()
    if record is None:
        refuse(request, local_id)
    form_class = SECTION_FORMS[section][0]
    copies = _copies(request, child)
    keep_copy = record.document_id is not None and not copies.filter(pk=record.document_id).exists()
    initial = {name: getattr(record, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, documents=copies, initial=initial, correcting=True, keep_copy=keep_copy)
    back = reverse("casework:child_orders", args=[child.local_id])
    return form_page(request, child, form, title=f"Correct {SECTION_NAMES[section]}", button="Save the correction",
                     save=lambda data: services.correct_section_record(
                         section=section, record=record, child=child, by=request.user,
                         reason=data["correction_reason"], **form.record_fields()),
                     success="The correction is saved. The earlier version stays in the history.",
                     done=back + "#documents-on-record", back=back, subnav="orders")


SECTION_NAMES = {"court_order": "an order", "court_report": "a report to court", "education": "education details",
                 "health": "health information"}

court_order_add = _section_view("court_order")
court_report_add = _section_view("court_report")
education_add = _section_view("education")
health_add = _section_view("health")
