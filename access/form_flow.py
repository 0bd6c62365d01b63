"""Running a service from a form: what the service refuses becomes an error on the form, so the page
shows it in the GOV.UK error summary and nothing is saved. Lives in `access`, the app every other
app may import."""

from django.core.exceptions import PermissionDenied, ValidationError


def run_service(form, action) -> bool:
    """Call `action()`; True when it saved, False (with the refusal on `form`) when it refused."""
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return False
    return True
