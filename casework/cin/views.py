"""Pages that add to and change a case's assessments, section 47 enquiries, child protection plans (with their
reviews) and child in need plans (issue 17), reached from the case on the child's Cases tab. Whoever may write on the
child's record may use them (`child_for_request`, Need.WRITE); anyone else gets the same logged 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.basic_record.selectors import item_history
from casework.children.authorisation import Need, child_for_request, refuse
from casework.children.form_pages import form_page
from casework.cin import services
from casework.cin.forms import FORMS, ReviewForm, initial_for
from casework.cin.models import ChildProtectionPlan

# What each kind is called on its pages.
NAMES = {"assessment": "an assessment", "section-47": "a section 47 enquiry",
         "protection-plan": "a child protection plan", "cin-plan": "a child in need plan"}


def _case_and_kind(request, local_id, case_id, kind):
    child = child_for_request(request, local_id, Need.WRITE)
    if kind not in services.KINDS:
        refuse(request, local_id)
    case = get_object_or_404(child.cases.all(), pk=case_id)
    return child, case, f"{reverse('casework:child_cases', args=[child.local_id])}#case-{case.pk}"


def _caption(case) -> str:
    return f"Case from {case.referral_date:%-d %B %Y}"


@login_required
@require_http_methods(["GET", "POST"])
def cin_item_add(request, local_id, case_id, kind):
    child, case, back = _case_and_kind(request, local_id, case_id, kind)
    return form_page(
        request, child, FORMS[kind](request.POST or None), title=f"Add {NAMES[kind]}", button="Save",
        success=f"{NAMES[kind].split(' ', 1)[1].capitalize()} added.", done=back, back=back, subnav="cases",
        context={"intro": _caption(case)},
        save=lambda data: services.record_item(case=case, by=request.user, kind=kind, **data))


@login_required
@require_http_methods(["GET", "POST"])
def cin_item_change(request, local_id, case_id, kind, item_id):
    child, case, back = _case_and_kind(request, local_id, case_id, kind)
    item = get_object_or_404(services.KINDS[kind].model.objects.filter(case=case), pk=item_id)
    form_class = FORMS[kind]
    return form_page(
        request, child, form_class(request.POST or None, initial=initial_for(item, form_class)),
        title=f"Change {NAMES[kind]}", button="Save", success="Changes saved. The earlier version is kept in the history.",
        done=back, back=back, subnav="cases", template="casework/basic_record_form.html",
        context={"caption": f"{_caption(case)}: {item}", "history": item_history(item), "back_label": "Back to the cases"},
        save=lambda data: services.change_item(item=item, by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def cp_review_add(request, local_id, case_id, plan_id):
    child, case, back = _case_and_kind(request, local_id, case_id, "protection-plan")
    plan = get_object_or_404(ChildProtectionPlan.objects.filter(case=case), pk=plan_id)
    return form_page(
        request, child, ReviewForm(request.POST or None), title="Record a review of the child protection plan",
        button="Save", success="Review recorded.", done=back, back=back, subnav="cases",
        context={"intro": f"{_caption(case)}: {plan}"},
        save=lambda data: services.record_review(plan=plan, by=request.user, **data))
