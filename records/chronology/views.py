"""The chronology page (MOJ timeline) and adding an event by hand."""

from datetime import date

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from access.staff import roles
from casework.children.forms import GovDateField, gov_helper
from casework.children.authorisation import Need, child_for_request
from casework.children.selectors import may_see_restricted, parse_date_query
from records.chronology import services as chronology
from records.models import ChronologyEvent


class ChronologyEventForm(forms.Form):
    happened_on = GovDateField(name="date of the event", label="When did it happen?")
    title = forms.CharField(label="What happened, in a few words", max_length=200,
                            error_messages={"required": "Enter what happened"})
    category = forms.ChoiceField(label="Type of event", choices=ChronologyEvent.Category.choices,
                                 widget=forms.RadioSelect, error_messages={"required": "Select the type of event"})
    description = forms.CharField(label="More detail (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    source = forms.CharField(label="Where the information came from (optional)", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("happened_on"), Field.text("title"), Field.radios("category"),
                                        Field.textarea("description"), Field.text("source")))

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value and value > timezone.localdate():
            raise ValidationError("The date of the event must be today or in the past")
        return value


def _date_param(request, name) -> tuple[date | None, str]:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None, ""
    value = parse_date_query(raw)
    return value, "" if value else f"Enter the {'from' if name == 'from' else 'to'} date as 27/03/2019"


CHRONOLOGY_PAGE_SIZE = 25  # as the caseload and the flag panels


@login_required
def chronology_page(request, local_id):
    child = child_for_request(request, local_id)
    kind = request.GET.get("type", "")
    since, since_error = _date_param(request, "from")
    until, until_error = _date_param(request, "to")
    choices = chronology.filter_choices()
    if kind not in dict(choices):
        kind = ""
    sees_restricted = may_see_restricted(request.user, child)
    items = chronology.chronology_for(request.user, child, sees_restricted=sees_restricted,
                                      kind=kind, since=since, until=until)
    # Paged (issue 16): a long chronology is read a page at a time, newest first; the PDF has it whole.
    page = Paginator(items, CHRONOLOGY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "records/chronology.html", {
        "child": child, "items": page.object_list, "page": page, "choices": choices, "kind": kind, "subnav": "chronology",
        "since": request.GET.get("from", ""), "until": request.GET.get("to", ""),
        "errors": [e for e in (since_error, until_error) if e],
        "can_add": roles.can_write_records(request.user),
        "offer_restricted_pdf": sees_restricted,  # the PDF button's "include" box (records/pdf_views.py)
    })


@login_required
@require_http_methods(["GET", "POST"])
def chronology_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = ChronologyEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chronology.add_event(child=child, by=request.user, **form.cleaned_data)
        messages.success(request, "Event added to the chronology.")
        return redirect("records:chronology", local_id=child.local_id)
    return render(request, "form_page.html", {
        "child": child, "form": form, "title": "Add an event to the chronology", "button": "Add the event",
        "back": f"/children/{child.local_id}/chronology/",
    })
