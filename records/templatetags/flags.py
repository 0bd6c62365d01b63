"""Overdue work, shown on the caseload and the child's record (casework templates load this tag
library, so that casework's code does not depend on records)."""

from django import template
from django.utils import timezone

from records import selectors
from records.timeliness import describe

register = template.Library()

FLAG_LIMIT = 100


def _rows(flags):
    now = timezone.now()
    rows = list(flags[: FLAG_LIMIT + 1])
    return {
        "flags": [
            {"flag": flag, "label": describe(flag), "days_overdue": max(0, (now - flag.due_at).days)}
            for flag in rows[:FLAG_LIMIT]
        ],
        "more": len(rows) > FLAG_LIMIT,
    }


@register.inclusion_tag("records/_flags.html", takes_context=True)
def overdue_for_me(context):
    return {**_rows(selectors.open_flags_owned_by(context["request"].user)), "heading": "Your overdue work", "show_child": True}


@register.inclusion_tag("records/_flags.html", takes_context=True)
def overdue_for_my_teams(context):
    return {**_rows(selectors.open_flags_for_managed_teams(context["request"].user)),
            "heading": "Overdue work in your team", "show_child": True, "show_owner": True}


@register.inclusion_tag("records/_flags.html", takes_context=True)
def overdue_for_child(context, child):
    return {**_rows(selectors.open_flags_for_child(context["request"].user, child)),
            "heading": "Overdue work", "show_owner": True}
