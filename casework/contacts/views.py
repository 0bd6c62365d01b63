"""Recording a contact received about a child (issue 17, Annex A list 1), reached from the child's Cases and allocation
history tab, where the contacts are listed. Whoever may write on the child's record records and corrects them
(`child_for_request`, Need.WRITE); anyone else gets the same logged 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.basic_record.selectors import item_history
from casework.children.authorisation import Need, child_for_request
from casework.children.form_pages import form_page
from casework.contacts import services
from casework.contacts.forms import ContactForm, CorrectContactForm


def _back(child) -> str:
    return f"{reverse('casework:child_cases', args=[child.local_id])}#contacts"


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    back = _back(child)
    return form_page(request, child, ContactForm(request.POST or None), title="Record a contact received",
                     button="Save", success="Contact recorded.", done=back, back=back, subnav="cases",
                     save=lambda data: services.record_contact(child=child, by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def contact_correct(request, local_id, contact_id):
    child = child_for_request(request, local_id, Need.WRITE)
    contact = get_object_or_404(child.front_door_contacts.all(), pk=contact_id)
    back = _back(child)
    initial = {"received_on": contact.received_on, "source": contact.source, "request": contact.request,
               "decision": contact.decision}
    return form_page(
        request, child, CorrectContactForm(request.POST or None, initial=initial), title="Correct a contact received",
        button="Save the correction", success="Correction saved. The earlier version is kept in the history.",
        done=back, back=back, subnav="cases", template="casework/basic_record_form.html",
        context={"caption": str(contact), "history": item_history(contact), "back_label": "Back to cases"},
        save=lambda data: services.correct_contact(contact=contact, by=request.user, **data))
