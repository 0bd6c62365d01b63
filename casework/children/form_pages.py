"""The one flow of every simple form page: validate the form, call the service, and show a rule the
service refuses (ValidationError) in the error summary; on success, a message and a redirect. Nothing
is saved when the form or the service refuses. A PermissionDenied from the service propagates: it is the
logged 404 of every refusal on a child's page (casework.children.authorisation.RefusalMiddleware)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def form_page(request, child, form, *, save, done, success, title="", button="", back=None, subnav=None,
              template="form_page.html", context=None):
    """`save(cleaned_data)` calls the service; `done` and `success` are a URL and a message, or functions of
    what `save` returned."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            # A rule about one field (a dict naming a field of this form) is shown beside that field too.
            on_fields = hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields)
            form.add_error(None, error if on_fields else error.messages)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(done(saved) if callable(done) else done)
    return render(request, template, {"child": child, "form": form, "title": title, "button": button, "back": back,
                                      "subnav": subnav, **(context or {})})
