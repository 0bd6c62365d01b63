"""What the casework services share when they check an answer before saving it (issue 17's records and the rest):
a refusal at one field, a date in the words of the message, and the child locked while its items' overlaps are
checked."""

from datetime import date

from django.core.exceptions import ValidationError

from casework.models import Child


def refuse(field: str, message: str):
    """A refusal about one field: the form shows it beside the field as well as in the error summary."""
    raise ValidationError({field: message})


def long_date(value: date) -> str:
    """A date as a refusal says it: 3 March 2026."""
    return f"{value:%-d %B %Y}"


def locked_child(child: Child) -> Child:
    """The child, locked: one writer at a time checks the overlaps of the child's items."""
    return Child.objects.select_for_update().get(pk=child.pk)
