"""Managers' oversight pages (§4, §8): record audits, and audit actions for practitioners.
(The team and service dashboards are records.dashboard.)"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from access.staff import roles
from access.models import Team
from casework.children.authorisation import child_for_request, refuse
from casework.models import Child
from records.oversight import audits, delegation
from records.oversight.forms import AuditForm, DeficiencyForm, DelegationForm, DoneForm, ReviewDoneForm, SampleForm
from records.oversight.models import CHECKLIST, AuditDeficiency, RecordAudit


def _require_oversight(request, local_id: str = ""):
    if not audits.may_oversee(request.user):
        refuse(request, local_id)


# --- record audits ---------------------------------------------------------------------------

@login_required
def audit_list(request):
    """Samples drawn, and audit results over time per team and practitioner (§13)."""
    _require_oversight(request)
    by = "month" if request.GET.get("by") == "month" else "quarter"
    team_ids = list(audits.teams_overseen_by(request.user).values_list("pk", flat=True))
    return render(request, "records/oversight/audits.html", {
        "nav": "audits", "samples": list(audits.samples_for(request.user)[:100]), "by": by,
        "results": audits.audit_results(team_ids, by=by), "grades": RecordAudit.Grade.choices,
        "can_draw": audits.teams_audited_by(request.user).exists(),
        "can_delegate": roles.is_team_manager(request.user),
        "schedule_flags": audits.schedule_flags_for(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def sample_new(request):
    teams = audits.teams_audited_by(request.user)
    if not teams.exists():
        refuse(request)
    form = SampleForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            sample = audits.draw_sample(by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, f"{sample.audits.count()} records drawn at random.")
            return redirect("records:audit_sample", sample_id=sample.pk)
    return render(request, "form_page.html", {
        "form": form, "title": "Draw a sample of records to audit", "button": "Draw the sample", "nav": "audits",
        "intro": "Records are drawn at random for each practitioner from the children they recorded on in the "
                 "period. The draw is kept with its seed, so that it can be shown to be random and repeated.",
        "back": "/audits/",
    })


@login_required
def sample_detail(request, sample_id):
    _require_oversight(request)
    sample = audits.samples_for(request.user).filter(pk=sample_id).first()
    if sample is None:
        refuse(request)
    rows = list(sample.audits.select_related("child", "practitioner", "auditor"))
    visible = set(Child.objects.visible_to(request.user).filter(pk__in=[r.child_id for r in rows]).values_list("pk", flat=True))
    repeated = audits.redraw(sample) == [(r.practitioner_id, r.child_id) for r in rows]
    names = {m.pk: m for m in audits.team_members([sample.team_id])}
    population = [{"who": names.get(int(pid)), "pid": pid, "count": len(children)}
                  for pid, children in sorted(sample.population.items(), key=lambda item: int(item[0]))]
    return render(request, "records/oversight/sample.html", {
        "nav": "audits", "sample": sample, "rows": [(r, r.child_id in visible) for r in rows],
        "repeated": repeated, "population": population, "manages": audits.manages(request.user, sample.team),
    })


def _audit(request, local_id, audit_id):
    _require_oversight(request, local_id)
    child = child_for_request(request, local_id)
    audit = (RecordAudit.objects.filter(pk=audit_id, child=child, sample__team__in=audits.teams_overseen_by(request.user))
             .select_related("sample__team", "practitioner", "auditor").first())
    if audit is None:
        refuse(request, local_id)
    return child, audit


@login_required
@require_http_methods(["GET", "POST"])
def record_audit(request, local_id, audit_id):
    """Audit one sampled record against the policy checklist, grade it, and list what needs putting right."""
    child, audit = _audit(request, local_id, audit_id)
    manages = audits.manages(request.user, audit.sample.team)
    form = AuditForm(request.POST or None) if manages and not audit.is_completed else None
    if request.method == "POST":
        if form is None:
            refuse(request, local_id)
        if form.is_valid():
            try:
                audits.complete_audit(audit=audit, by=request.user, answers=form.answers(),
                                      grade=form.cleaned_data["grade"], summary=form.cleaned_data["summary"])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, "Audit completed.")
                return redirect("records:record_audit", local_id=child.local_id, audit_id=audit.pk)
    results = [{"label": label, **audit.checklist.get(code, {}),
                "result_label": RecordAudit.Result(audit.checklist[code]["result"]).label if code in audit.checklist else ""}
               for code, label in CHECKLIST]
    return render(request, "records/oversight/audit.html", {
        "child": child, "audit": audit, "form": form, "results": results, "manages": manages,
        "deficiencies": list(audit.deficiencies.select_related("assigned_to").order_by("pk")), "nav": "audits",
    })


@login_required
@require_http_methods(["GET", "POST"])
def deficiency_new(request, local_id, audit_id):
    child, audit = _audit(request, local_id, audit_id)
    if not audits.manages(request.user, audit.sample.team):
        refuse(request, local_id)
    people = audits.team_members([audit.sample.team_id])
    form = DeficiencyForm(request.POST or None, people=people, initial={"assigned_to": audit.practitioner_id})
    if request.method == "POST" and form.is_valid():
        try:
            audits.add_deficiency(audit=audit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Deficiency added: it is on their audit actions.")
            return redirect("records:record_audit", local_id=child.local_id, audit_id=audit.pk)
    return render(request, "form_page.html", {
        "child": child, "form": form, "title": "Add something to put right", "button": "Add it",
        "back": f"/children/{child.local_id}/audits/{audit.pk}/",
    })


@login_required
def audit_actions(request):
    """'My audit actions': what record audits asked me to put right (§4: deficiencies rectified)."""
    rows = list(audits.deficiencies_for(request.user)[:200])
    return render(request, "records/oversight/audit_actions.html", {
        "nav": "audit_actions", "open": [d for d in rows if d.done_at is None],
        "waiting": [d for d in rows if d.done_at and not d.confirmed_at],
        "confirmed": [d for d in rows if d.confirmed_at][:50],
    })


@login_required
@require_http_methods(["GET", "POST"])
def deficiency_detail(request, local_id, deficiency_id):
    child = child_for_request(request, local_id)
    deficiency = (AuditDeficiency.objects.filter(pk=deficiency_id, child=child)
                  .select_related("assigned_to", "created_by", "confirmed_by", "audit__sample__team").first())
    if deficiency is None:
        refuse(request, local_id)
    is_assignee = deficiency.assigned_to_id == request.user.pk
    may_review = audits.may_confirm(request.user, deficiency)
    if not (is_assignee or may_review):
        refuse(request, local_id)
    done_form = DoneForm(request.POST if request.POST.get("action") == "done" else None) \
        if is_assignee and deficiency.done_at is None else None
    review_form = ReviewDoneForm(request.POST if request.POST.get("action") == "review" else None) \
        if may_review and deficiency.done_at and not deficiency.confirmed_at else None
    if request.method == "POST":
        form = done_form if request.POST.get("action") == "done" else review_form
        if form is None:
            refuse(request, local_id)
        if form.is_valid():
            try:
                if form is done_form:
                    audits.mark_done(deficiency=deficiency, by=request.user, note=form.cleaned_data["note"])
                    messages.success(request, "Marked as done: your manager will confirm it.")
                elif form.cleaned_data["decision"] == "confirm":
                    audits.confirm(deficiency=deficiency, by=request.user)
                    messages.success(request, "Confirmed as put right.")
                else:
                    audits.send_back(deficiency=deficiency, by=request.user, note=form.cleaned_data["note"])
                    messages.success(request, "Sent back to the practitioner.")
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return redirect("records:deficiency", local_id=child.local_id, deficiency_id=deficiency.pk)
    return render(request, "records/oversight/deficiency.html", {
        "child": child, "deficiency": deficiency, "done_form": done_form, "review_form": review_form,
        "nav": "audit_actions" if is_assignee else "audits",
        "overdue": deficiency.done_at is None and deficiency.put_right_by < timezone.localdate(),
    })



# --- delegating record audits (§13) -----------------------------------------------------------

def _teams_managed(user):
    return Team.objects.order_by("name") if user.is_superuser else Team.objects.filter(manager=user).order_by("name")


@login_required
def delegations(request):
    """A manager's delegations of record audits, current and past, each ended early if need be."""
    if not roles.is_team_manager(request.user):
        refuse(request)
    today = timezone.localdate()
    rows = list(delegation.delegations_for(request.user).filter(team__in=_teams_managed(request.user))[:200])
    for row in rows:
        row.in_force = row.ended_at is None and row.starts_on <= today <= row.ends_on
        row.may_end = row.ended_at is None and row.ends_on >= today
    return render(request, "records/oversight/delegations.html", {"nav": "audits", "delegations": rows})


@login_required
@require_http_methods(["GET", "POST"])
def delegation_new(request):
    if not roles.is_team_manager(request.user):
        refuse(request)
    teams = _teams_managed(request.user)
    people = get_user_model().objects.none()
    for team in teams:
        people = people | delegation.may_delegate_to(team)
    form = DelegationForm(request.POST or None, teams=teams, people=people.distinct())
    if request.method == "POST" and form.is_valid():
        try:
            made = delegation.delegate_audits(by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, f"{made.delegate.get_full_name()} audits the records of {made.team.name} "
                                      f"from {made.starts_on:%-d %B %Y} to {made.ends_on:%-d %B %Y}.")
            return redirect("records:audit_delegations")
    return render(request, "form_page.html", {
        "form": form, "title": "Delegate record audits", "button": "Delegate", "nav": "audits",
        "intro": "A senior practitioner of the team can draw samples of its records and audit them for a period. "
                 "They can do so only during that period; you can end it early.",
        "back": "/audits/delegations/",
    })


@login_required
@require_POST
def delegation_end(request, delegation_id):
    if not roles.is_team_manager(request.user):
        refuse(request)
    found = delegation.delegations_for(request.user).filter(team__in=_teams_managed(request.user),
                                                            pk=delegation_id).first()
    if found is None:
        refuse(request)
    try:
        delegation.end_delegation(delegation=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The delegation to {found.delegate.get_full_name()} has ended.")
    return redirect("records:audit_delegations")
