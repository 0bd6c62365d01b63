"""Running a service from a form: a rule the service refuses (ValidationError) becomes an error on the
form, so the page shows it in the GOV.UK error summary and nothing is saved. A PermissionDenied is not
a rule of the form: it propagates, and on a child's page becomes the logged 404 of every refusal
(casework.children.authorisation). Lives in `access`, the app every other app may import."""

from django.core.exceptions import ValidationError


def run_service(form, action) -> bool:
    """Call `action()`; True when it saved, False (with the refusal on `form`) when it refused."""
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
