"""Statutory returns pages (issue 17): choose a collection year and a return, check the records, build, follow the
build, download. Performance and information staff and senior leadership only: anyone else gets a 404 on every page
(`_for_builders`), as if the pages did not exist.
"""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from access.staff import roles
from casework.children.forms import gov_helper
from casework.returns import services, validation
from casework.returns.builds import KINDS, kind_choices
from casework.returns.models import ReturnBuild, return_path, year_label

PAGE_SIZE = 25


class ReturnChoiceForm(forms.Form):
    kind = forms.ChoiceField(label="Which return?", widget=forms.RadioSelect,
                             error_messages={"required": "Choose a return", "invalid_choice": "Choose a return from the list"})
    year = forms.TypedChoiceField(label="Which collection year?", widget=forms.RadioSelect, coerce=int,
                                  error_messages={"required": "Choose a collection year",
                                                  "invalid_choice": "Choose a collection year from the list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()
        self.fields["year"].choices = [
            (year, f"{year_label(year)} (1 April {year} to 31 March {year + 1})") for year in services.offered_years()]
        self.fields["kind"].initial, self.fields["year"].initial = next(iter(KINDS)), services.offered_years()[0]
        self.helper = gov_helper(Layout(Field.radios("kind", legend_size="s"), Field.radios("year", legend_size="s")))
        self.helper.disable_csrf = True  # a GET form: no token in the address


def _for_builders(request) -> None:
    if not roles.can_build_returns(request.user):
        raise Http404


def _build_for_request(request, build_id) -> ReturnBuild:
    _for_builders(request)
    return get_object_or_404(ReturnBuild.objects.select_related("requested_by"), pk=build_id)


@login_required
@require_GET
def returns_home(request):
    _for_builders(request)
    builds = Paginator(ReturnBuild.objects.select_related("requested_by"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/returns/home.html", {
        "form": ReturnChoiceForm(), "builds": builds, "kinds": KINDS, "nav": "returns",
    })


@login_required
@require_GET
def validation_page(request):
    """The records that would fail the return's checks, with what is wrong and where it is put right."""
    _for_builders(request)
    form = ReturnChoiceForm(request.GET)
    if not form.is_valid():
        builds = Paginator(ReturnBuild.objects.select_related("requested_by"), PAGE_SIZE).get_page(1)
        return render(request, "casework/returns/home.html",
                      {"form": form, "builds": builds, "kinds": KINDS, "nav": "returns"}, status=400)
    kind, year = form.cleaned_data["kind"], form.cleaned_data["year"]
    page = Paginator(validation.gaps_visible_to(request.user, year), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = validation.problems_for(list(page.object_list), year)
    hidden = validation.children_with_gaps(year).count() - page.paginator.count
    return render(request, "casework/returns/validation.html", {
        "kind": kind, "kind_label": KINDS[kind].label, "year": year, "year_label": year_label(year),
        "page": page, "rows": rows, "hidden": hidden, "nav": "returns",
    })


@login_required
@require_POST
def build_return(request):
    _for_builders(request)
    try:
        build = services.request_build(kind=request.POST.get("kind", ""), year=request.POST.get("year"), by=request.user)
    except ValidationError as error:
        form = ReturnChoiceForm(request.POST)
        form.is_valid()
        if not form.errors:
            form.add_error(None, error)
        builds = Paginator(ReturnBuild.objects.select_related("requested_by"), PAGE_SIZE).get_page(1)
        return render(request, "casework/returns/home.html",
                      {"form": form, "builds": builds, "kinds": KINDS, "nav": "returns"}, status=400)
    return redirect("casework:return_build", build_id=build.pk)


@login_required
@require_GET
def build_status(request, build_id):
    build = _build_for_request(request, build_id)
    finished = build.status in (ReturnBuild.Status.DONE, ReturnBuild.Status.FAILED)
    response = render(request, "casework/returns/build.html", {
        "build": build, "label": KINDS[build.kind].label if build.kind in KINDS else build.kind,
        "message": services.progress_message(build), "finished": finished, "nav": "returns",
    })
    if not finished:
        response["Refresh"] = "5"  # the browser asks again in 5 seconds: progress without JavaScript
    return response


@login_required
@require_GET
def download(request, build_id):
    build = _build_for_request(request, build_id)
    path = return_path(build)
    if build.status != ReturnBuild.Status.DONE or not path.is_file():
        raise Http404
    services.record_download(build=build, by=request.user)
    return FileResponse(path.open("rb"), as_attachment=True, filename=build.file_name)
