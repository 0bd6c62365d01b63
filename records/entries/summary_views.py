"""Starting an assessment, a summary or a review (§5.3, §5.5): a draft on the approved design of its kind."""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from records.entries import services as entries
from records.designs.services import NoApprovedDesign
from records.entries.forms import WhenForm
from casework.children.authorisation import Need, child_for_request

SUMMARY_CHOICES = [(kind.value, kind.label) for kind in entries.SUMMARY_KINDS]


class SummaryStartForm(WhenForm):
    kind = forms.ChoiceField(label="What are you writing?", choices=SUMMARY_CHOICES, widget=forms.RadioSelect,
                             error_messages={"required": "Select what you are writing"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._layout()
        self.helper.layout = Layout(Field.radios("kind"), *self.helper.layout.fields)


@login_required
@require_http_methods(["GET", "POST"])
def summary_new(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    now = timezone.localtime()
    initial = {"kind": request.GET.get("kind", ""), "event_date": now.date(), "event_time": now.time().replace(second=0, microsecond=0)}
    form = SummaryStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = entries.start_summary(child=child, by=request.user, kind=form.cleaned_data["kind"],
                                          event_at=form.event_at())
        except (ValidationError, NoApprovedDesign) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            return redirect("records:write_up", local_id=child.local_id, pk=entry.pk)
    return render(request, "form_page.html", {
        "child": child, "form": form, "title": "Write an assessment, summary or review", "button": "Continue",
        "subnav": "records", "back": "../",
    })


