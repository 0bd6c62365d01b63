"""Pages for writing on a child's record: visits, contacts, decisions, and the record's entries."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from access.staff import roles
from casework.children.authorisation import Need, child_for_endorsement, child_for_request, may, refuse
from casework.children.selectors import may_see_restricted
from access.models import Restriction
from records.entries import services
from records.entries import restrictions
from records.entries import selectors
from records.designs.services import NoApprovedDesign
from casework.children.form_pages import form_page
from casework.children.forms import RestrictForm
from records.entries.forms import (
    AmendmentForm, AuthorshipForm, ClosedCasePermissionForm, ContactStartForm, DecisionStartForm, OutcomeLinksForm,
    FailedVisitForm, OutcomeProgressForm, PlanVisitForm, ReviewRestrictionForm, SameDayForm, VisitBasicDetailsForm,
)
from records.models import DraftAutosave, Entry, RecordKind
from records.designs.rendering import answer_groups, answers_for_display, build_answer_form, sources_of

Status = Entry.Status


def _entry(request, child, pk, *, sees_restricted: bool | None = None) -> Entry:
    """An entry of this child that this user may read: a restricted one (§7) is a 404 without permission."""
    entries = selectors.visible_entries(request.user, child, may_see_restricted=sees_restricted)
    return get_object_or_404(entries.select_related("originator__staff_profile", "carried_out_by__staff_profile", "case"), pk=pk)


def _start_page(request, child, *, form, title, start, button):
    if request.method == "POST" and form.is_valid():
        try:
            entry = start(form)
        except (ValidationError, NoApprovedDesign) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            return redirect(_next_step(entry))
    return render(request, "form_page.html",
                  {"child": child, "form": form, "title": title, "button": button, "subnav": "records", "back": "../"})


def _next_step(entry: Entry) -> str:
    args = [entry.child.local_id, entry.pk]
    if entry.status == Status.PLANNED:
        return reverse("records:entry_detail", args=args)
    if entry.status == Status.COMPLETED:
        return reverse("records:entry_detail", args=args)
    return reverse("records:write_up", args=args)


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = PlanVisitForm(request.POST or None)
    return _start_page(
        request, child, form=form, title="Plan a visit", button="Save the plan",
        start=lambda f: services.plan_visit(child=child, by=request.user, event_at=f.event_at(),
                                            purpose=f.cleaned_data["planned_purpose"].strip(),
                                            same_day_reason=f.same_day()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = ContactStartForm(request.POST or None)
    return _start_page(
        request, child, form=form, title="Record a contact", button="Continue",
        start=lambda f: services.start_contact(child=child, by=request.user, kind=f.cleaned_data["kind"],
                                               event_at=f.event_at(), others_present=f.cleaned_data["others_present"].strip(),
                                               same_day_reason=f.same_day()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = DecisionStartForm(request.POST or None)
    return _start_page(
        request, child, form=form, title="Record a decision", button="Continue",
        start=lambda f: services.start_decision(
            child=child, by=request.user, event_at=f.event_at(),
            decision_maker_name=f.cleaned_data["decision_maker_name"].strip(),
            decision_maker_role=f.cleaned_data["decision_maker_role"].strip(), same_day_reason=f.same_day()),
    )


@login_required
def entry_list(request, local_id):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    entries = selectors.visible_entries(request.user, child, may_see_restricted=sees_restricted)
    rows, next_cursor = selectors.entry_page(entries, request.GET.get("before"))
    hidden = 0 if sees_restricted else selectors.hidden_restricted_count(child)
    return render(request, "records/entry_list.html", {
        "child": child, "entries": rows, "next_cursor": next_cursor, "subnav": "records",
        "hidden_restricted": hidden, "ask": selectors.whom_to_ask(child) if hidden else [],
        "is_first_page": not request.GET.get("before"), "can_write": roles.can_write_records(request.user),
    })


@login_required
def entry_detail(request, local_id, pk):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    entry = _entry(request, child, pk, sees_restricted=sees_restricted)
    amendments = list(entry.amendments.select_related("amended_by__staff_profile"))
    for amendment in amendments:
        # The earlier answers read with the entry's own design, as they were written.
        earlier = SimpleNamespace(answers=amendment.previous_answers, form_design=entry.form_design,
                                  section_sources=amendment.previous_section_sources,
                                  information_source=entry.information_source,
                                  third_party_source=entry.third_party_source)
        amendment.previous_rows = answers_for_display(earlier)
        amendment.previous_groups = answer_groups(amendment.previous_rows)  # §12: by kind, with sources
    answers = answers_for_display(entry)
    return render(request, "records/entry_detail.html", {
        "child": child, "entry": entry, "answers": answers, "answer_groups": answer_groups(answers),
        "amendments": amendments, "date_changes": list(entry.date_changes.select_related("changed_by")),
        "is_author": entry.recorded_by_id == request.user.pk,
        "can_restrict": sees_restricted and not (entry.restriction and entry.restriction.is_active),
        "can_endorse": entry.originator_id == request.user.pk and entry.status == Status.COMPLETED and not entry.endorsed_at,
        "subnav": "records",
    })


def _owned_draft(request, local_id, pk):
    child = child_for_request(request, local_id, Need.WRITE)
    entry = _entry(request, child, pk)
    if entry.recorded_by_id != request.user.pk or entry.status == Status.COMPLETED:
        refuse(request, local_id)
    return child, entry


@login_required
@require_http_methods(["GET", "POST"])
def basic_details(request, local_id, pk):
    child, entry = _owned_draft(request, local_id, pk)
    if entry.kind != RecordKind.VISIT:
        refuse(request, local_id)
    initial = {
        "event_date": timezone.localtime(entry.event_at).date(), "event_time": timezone.localtime(entry.event_at).time(),
        "who_was_seen": entry.who_was_seen, "child_seen": entry.child_seen, "reason_child_not_seen": entry.reason_child_not_seen,
        "child_seen_alone": entry.child_seen_alone, "venue": entry.venue, "others_present": entry.others_present,
        "carried_out_by": entry.carried_out_by_id if entry.carried_out_by_id != entry.recorded_by_id else None,  # §4
    }
    form = VisitBasicDetailsForm(request.POST or None, initial=initial, current_event_at=entry.event_at, entry=entry)

    def save(data):
        services.record_basic_details(
            entry=entry, by=request.user, event_at=form.event_at(), who_was_seen=data["who_was_seen"].strip(),
            child_seen=data["child_seen"], reason_child_not_seen=data["reason_child_not_seen"].strip(),
            child_seen_alone=data["child_seen_alone"], venue=data["venue"].strip(),
            others_present=data["others_present"].strip(), date_change_reason=data["date_change_reason"],
            carried_out_by=data["carried_out_by"],
        )

    return form_page(request, child, form, title="Basic details of the visit", button="Save basic details",
                     save=save, success="Basic details of the visit saved.",
                     done=reverse("records:write_up", args=[child.local_id, entry.pk]),
                     back=reverse("records:entry_detail", args=[child.local_id, entry.pk]), subnav="records")


@login_required
@require_http_methods(["GET", "POST"])
def failed_visit(request, local_id, pk):
    child, entry = _owned_draft(request, local_id, pk)
    if entry.kind != RecordKind.VISIT:
        refuse(request, local_id)
    entry_url = reverse("records:entry_detail", args=[child.local_id, entry.pk])
    return form_page(
        request, child, FailedVisitForm(request.POST or None, entry=entry), title="Failed appointment or no response",
        button="Record and sign", success="Failed visit recorded and signed.", done=entry_url, back=entry_url,
        subnav="records",
        save=lambda data: services.record_failed_visit(entry=entry, by=request.user, visit_outcome=data["visit_outcome"],
                                                       actions=data["failed_visit_actions"],
                                                       carried_out_by=data["carried_out_by"]),
    )


def _writing_forms(entry, data, *, completing: bool):
    answer_form = build_answer_form(entry.form_design, data=data, sources=sources_of(entry),
                                    initial={**selectors.known_answers(entry), **(entry.answers or {})})
    if not completing:
        for field in answer_form.fields.values():
            field.required = False  # a draft may be unfinished
    authorship = AuthorshipForm(data, entry=entry, completing=completing, initial={
        "information_source": entry.information_source,
        "originator": entry.originator_id, "interpreter_used": entry.interpreter_used, "significant": entry.significant,
        "household_changed": entry.household_changed,
        "originator_name": entry.originator_name, "originator_agency": entry.originator_agency,  # §4
        "advocate_present": entry.advocate_present,  # §6
    })
    return answer_form, authorship


def _progress_form(entry, data, *, completing: bool) -> OutcomeProgressForm | None:
    """§5.5: a case summary says the progress against each current outcome of the plan."""
    if entry.kind != RecordKind.CASE_SUMMARY:
        return None
    form = OutcomeProgressForm(data, entry=entry, completing=completing)
    return form if form.outcomes else None


def _write_up_from(answer_form, authorship) -> services.WriteUp:
    data = authorship.cleaned_data
    return services.WriteUp(
        answers=answer_form.answers(), information_source=data["information_source"],
        third_party_source="", originator=data.get("originator"),
        interpreter_used=data.get("interpreter_used"), significant=data.get("significant", False),
        outcomes=data.get("outcomes"),  # §5.4; absent (None) when the child has no plan outcomes to choose
        household_changed=data.get("household_changed"),  # §5.2: visits only
        originator_name=data.get("originator_name") or "", originator_agency=data.get("originator_agency") or "",  # §4
        advocate_present=data.get("advocate_present") or "",  # §6
        section_sources=answer_form.section_sources(),  # §12: first-hand or third-party, per section
    )


def _version_from(data) -> int:
    """The draft version this page loaded; a missing or mangled one counts as stale (a clear conflict, not a crash)."""
    try:
        return int(data.get("autosave_version", "-1"))
    except (TypeError, ValueError):
        return -1


def _text_of(answer_form) -> str:
    values = answer_form.data if answer_form.is_bound else answer_form.initial
    return "\n".join(str(values.get(q.key) or "") for q in answer_form.questions)


@login_required
@require_http_methods(["GET", "POST"])
def write_up(request, local_id, pk):
    child, entry = _owned_draft(request, local_id, pk)
    draft, _ = DraftAutosave.objects.get_or_create(entry=entry)
    completing = request.POST.get("action") == "complete"
    restored_at = None
    if request.method == "POST":
        answer_form, authorship = _writing_forms(entry, request.POST, completing=completing)
        progress_form = _progress_form(entry, request.POST, completing=completing)
        if answer_form.is_valid() and authorship.is_valid() and (progress_form is None or progress_form.is_valid()):
            try:
                expected = _version_from(request.POST)
                written = _write_up_from(answer_form, authorship)
                written.outcome_progress = progress_form.progress() if progress_form else None  # §5.5
                if completing:  # checked before anything is saved: the errors show here, beside the answers
                    services.check_ready_to_sign(entry, written)
                services.save_draft(entry=entry, by=request.user, write_up=written, expected_version=expected)
            except services.DraftConflict as conflict:
                answer_form.add_error(None, str(conflict))
            except ValidationError as error:
                answer_form.add_error(None, error.messages)
            else:
                if completing:  # §9: signed only from the check-your-answers page; the draft keeps every answer
                    return redirect("records:check_and_sign", local_id=child.local_id, pk=entry.pk)
                messages.success(request, "Draft saved.")
                return redirect("records:write_up", local_id=child.local_id, pk=entry.pk)
        draft.refresh_from_db()
    elif draft.data:
        # Text typed but not saved as a draft (signed out, tab closed, crash): bring it back.
        answer_form, authorship = _writing_forms(entry, draft.data, completing=False)
        progress_form = _progress_form(entry, draft.data, completing=False)
        for form in (answer_form, authorship, progress_form):
            if form is None:
                continue
            form.full_clean()
            form._errors = ErrorDict()  # show the text, not errors, on a restored draft
        restored_at = draft.saved_at
    else:
        answer_form, authorship = _writing_forms(entry, None, completing=False)
        progress_form = _progress_form(entry, None, completing=False)
    return render(request, "records/write_up.html", {
        "child": child, "entry": entry, "answer_form": answer_form, "authorship": authorship,
        "progress_form": progress_form,
        "autosave_version": draft.version, "restored_at": restored_at, "autosave_seconds": settings.AUTOSAVE_SECONDS,
        "guidance": selectors.writing_guidance(_text_of(answer_form)), "subnav": "records",
        **_case_summary_context(entry),
    })


def _case_summary_context(entry: Entry) -> dict:
    """§5.5: beside a new case summary, the previous one and the work recorded since, to write it quickly."""
    if entry.kind != RecordKind.CASE_SUMMARY:
        return {}
    previous, work = services.previous_summary_and_work_since(entry)
    return {
        "previous_summary": previous,
        "previous_summary_rows": answers_for_display(previous) if previous else [],
        "previous_summary_groups": answer_groups(answers_for_display(previous)) if previous else [],
        "work_since": list(work.select_related("form_design")[:50]),
    }


@login_required
@require_POST
def autosave(request, local_id, pk):
    child = child_for_request(request, local_id, Need.WRITE)
    entry = _entry(request, child, pk)
    data = {key: request.POST.getlist(key) if key == "outcomes" else request.POST.get(key)
            for key in request.POST if key not in ("csrfmiddlewaretoken", "action")}
    try:
        draft = services.autosave(entry=entry, by=request.user, data=data,
                                  expected_version=_version_from(request.POST))
    except services.DraftConflict as conflict:
        return JsonResponse({"message": str(conflict)}, status=409)
    except (ValidationError, ValueError) as error:
        return JsonResponse({"message": str(error)}, status=400)
    answer_form = build_answer_form(entry.form_design, data=request.POST)
    guidance = selectors.writing_guidance(_text_of(answer_form))
    return JsonResponse({
        "version": draft.version,
        "saved_at": f"{timezone.localtime(draft.saved_at):%H:%M:%S}",
        "guidance_html": render_to_string("records/_guidance.html", {"guidance": guidance}),
    })


@login_required
@require_http_methods(["GET", "POST"])
def amend(request, local_id, pk):
    child = child_for_request(request, local_id, Need.WRITE)
    entry = _entry(request, child, pk)
    if entry.status != Status.COMPLETED or entry.recorded_by_id != request.user.pk:
        refuse(request, local_id)
    answer_form = build_answer_form(entry.form_design, data=request.POST or None, initial=entry.answers,
                                    sources=sources_of(entry))
    reason_form = AmendmentForm(request.POST or None)
    outcome_form = OutcomeLinksForm(request.POST or None, entry=entry)  # §5.4: changed only by an amendment
    if request.method == "POST" and answer_form.is_valid() and reason_form.is_valid() and outcome_form.is_valid():
        try:
            services.amend_entry(entry=entry, by=request.user, answers=answer_form.answers(),
                                 reason=reason_form.cleaned_data["amendment_reason"],
                                 outcomes=outcome_form.cleaned_data.get("outcomes"),
                                 section_sources=answer_form.section_sources())
        except ValidationError as error:
            reason_form.add_error(None, error.messages)
        else:
            messages.success(request, "Amendment saved. The earlier version is kept on the record.")
            return redirect("records:entry_detail", local_id=child.local_id, pk=entry.pk)
    return render(request, "records/amend.html", {
        "child": child, "entry": entry, "answer_form": answer_form, "reason_form": reason_form, "subnav": "records",
        "outcome_form": outcome_form,
    })


def _entry_to_endorse(request, child, pk) -> Entry:
    """For someone who no longer reads the record: the one entry asked of them, never a restricted one (§7)."""
    entry = get_object_or_404(Entry.objects.select_related("recorded_by__staff_profile", "restriction"),
                              child=child, pk=pk, originator=request.user)
    if entry.restriction_id and entry.restriction.is_active:
        refuse(request, child.local_id)
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def endorse(request, local_id, pk):
    """§4: the person who supplied the information reads the entry and endorses it. Endorsing gives access
    to this entry only, for the endorsement: someone whose access to the record has ended (a transfer) sees
    just this entry here, without the record's tabs, until they endorse it."""
    child = child_for_endorsement(request, local_id, pk)
    reads_record = may(request.user, child)
    entry = _entry(request, child, pk) if reads_record else _entry_to_endorse(request, child, pk)
    if request.method == "GET":
        return render(request, "records/endorse.html", {
            "child": child, "entry": entry, "answer_groups": answer_groups(answers_for_display(entry)),
            "reads_record": reads_record,
        })
    try:
        services.endorse_entry(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You have endorsed this entry.")
        if not reads_record:
            return redirect("casework:caseload")
    return redirect("records:entry_detail", local_id=child.local_id, pk=entry.pk)


@login_required
@require_http_methods(["GET", "POST"])
def allow_closed_case_recording(request, local_id, case_id):
    child = child_for_request(request, local_id, Need.MANAGE)
    case = get_object_or_404(child.cases.filter(closure_date__isnull=False), pk=case_id)
    record_url = reverse("casework:child_record", args=[child.local_id])
    return form_page(
        request, child, ClosedCasePermissionForm(request.POST or None), title="Allow records on a closed case",
        button="Give permission", success="Records may be written on this closed case until the date you gave.",
        done=record_url, back=record_url,
        save=lambda data: services.allow_recording_on_closed_case(case=case, by=request.user, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def restrict(request, local_id, pk):
    child = child_for_request(request, local_id, Need.VIEW_RESTRICTED)
    entry = _entry(request, child, pk)
    entry_url = reverse("records:entry_detail", args=[child.local_id, entry.pk])
    return form_page(
        request, child, RestrictForm(request.POST or None), title="Restrict from the child",
        button="Restrict this entry", success="The entry is now in the 'Restricted from user' section.",
        done=entry_url, back=entry_url,
        save=lambda data: restrictions.restrict_entry(entry=entry, by=request.user, **data),
    )


@login_required
def restricted_section(request, local_id):
    """§7: the child's 'Restricted from user' section, for those who may see it."""
    child = child_for_request(request, local_id, Need.VIEW_RESTRICTED)
    active = (Restriction.objects.filter(child=child, lifted_at__isnull=True)
              .select_related("advised_by", "restricted_by").prefetch_related("entries", "documents")
              .order_by("review_date"))
    return render(request, "records/restricted_section.html", {
        "child": child, "restrictions": list(active), "subnav": "restricted",
        "can_review": roles.is_team_manager(request.user),
    })


@login_required
def restrictions_for_review(request):
    """§8: managers see the restrictions due for review on children they may see restricted information about."""
    if not roles.is_team_manager(request.user):
        refuse(request)
    return render(request, "records/restrictions_for_review.html", {
        "restrictions": list(restrictions.restrictions_due_for_review(request.user)), "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def review_restriction(request, local_id, restriction_id):
    child = child_for_request(request, local_id, (Need.MANAGE, Need.VIEW_RESTRICTED))
    restriction = get_object_or_404(Restriction.objects.filter(child=child, lifted_at__isnull=True), pk=restriction_id)
    section_url = reverse("records:restricted_section", args=[child.local_id])
    return form_page(
        request, child, ReviewRestrictionForm(request.POST or None, restriction=restriction), title="Review a restriction",
        button="Record the review", success="Review recorded.", done=section_url, back=section_url,
        save=lambda data: restrictions.review_restriction(
            restriction=restriction, by=request.user, keep=data["decision"] == "keep",
            reason_detail=data["reason_detail"], next_review_date=data["next_review_date"],
            originator=data["originator"], originator_views=data["originator_views"],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def same_day(request, local_id, pk):
    """§4: mark an entry, or a planned visit, to be recorded the same day (safeguarding, Emergency Duty Team)."""
    child, entry = _owned_draft(request, local_id, pk)
    entry_url = reverse("records:entry_detail", args=[child.local_id, entry.pk])
    form = SameDayForm(request.POST or None, initial={"same_day_reason": entry.same_day_reason or None})
    return form_page(
        request, child, form, title="Record the same day", button="Save",
        success="This entry is due by the end of the day it happened.", done=entry_url, back=entry_url,
        subnav="records",
        save=lambda data: services.mark_same_day(entry=entry, by=request.user, reason=data["same_day_reason"]),
    )
