"""Pages that record and change a child's early help assessments (issue 17: Ofsted's Annex A, list 2), reached from
the child's Cases tab. Whoever may write on the child's record may use them (`child_for_request`, Need.WRITE);
anyone else gets the same logged 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.basic_record.selectors import item_history
from casework.children.authorisation import Need, child_for_request
from casework.children.form_pages import form_page
from casework.early_help import services
from casework.early_help.forms import EarlyHelpAssessmentForm, initial_for

CHANGED = "Changes saved. The earlier version is kept in the history."


def _back(child) -> str:
    return f"{reverse('casework:child_cases', args=[child.local_id])}#early-help"


@login_required
@require_http_methods(["GET", "POST"])
def early_help_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    back = _back(child)
    return form_page(
        request, child, EarlyHelpAssessmentForm(request.POST or None), title="Record an early help assessment",
        button="Save", success="Early help assessment recorded.", done=back, back=back, subnav="cases",
        context={"intro": "An early help assessment of the child and their family, by the council's early help "
                          "service or a partner such as a school or a health visitor."},
        save=lambda data: services.record_early_help_assessment(child=child, by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def early_help_change(request, local_id, item_id):
    child = child_for_request(request, local_id, Need.WRITE)
    assessment = get_object_or_404(child.early_help_assessments.all(), pk=item_id)
    back = _back(child)
    return form_page(
        request, child, EarlyHelpAssessmentForm(request.POST or None, initial=initial_for(assessment)),
        title="Change an early help assessment", button="Save", success=CHANGED, done=back, back=back,
        subnav="cases", template="casework/basic_record_form.html",
        context={"caption": str(assessment), "history": item_history(assessment),
                 "back_label": "Back to cases and allocation history"},
        save=lambda data: services.change_early_help_assessment(assessment=assessment, by=request.user, **data))
