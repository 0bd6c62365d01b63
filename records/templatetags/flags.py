"""Overdue work, shown on the caseload and the child's record (casework templates load this tag
library, so that casework's code does not depend on records)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from access.paging import counted_page
from records.timeliness import selectors
from records.timeliness.selectors import flag_url
from records.timeliness.services import describe

register = template.Library()

PAGE_SIZE = 10  # like My work's lists: each panel is paged, most overdue first (due_at, then id)


def _row(flag, now) -> dict:
    # due_at is the end of the last day on time (London midnight): that day is the one to show.
    row = {"flag": flag, "label": describe(flag), "due_on": (timezone.localtime(flag.due_at) - timedelta(days=1)).date(),
           "days_overdue": max(0, (now - flag.due_at).days), "days_left": None, "url": flag_url(flag)}
    if flag.due_at > now:  # a kind flagged before it is due (a subject access request near its deadline)
        row["days_left"] = (flag.due_at - now).days
    return row


def _panel(context, flags, *, param: str, heading: str, **shown) -> dict:
    """One page of a panel's flags (its number in ?<param>=): a count and a slice, whatever the number of flags."""
    request = context["request"]
    page = counted_page(flags, request.GET.get(param), PAGE_SIZE, by_ids=True)
    now = timezone.now()
    return {"flags": [_row(flag, now) for flag in page.object_list], "page": page, "param": param, "anchor": param,
            "heading": heading, "request": request, **shown}


@register.inclusion_tag("records/_flags.html", takes_context=True)
def overdue_for_me(context):
    return _panel(context, selectors.open_flags_owned_by(context["request"].user), param="overdue",
                  heading="Your overdue work", show_child=True)


@register.inclusion_tag("records/_flags.html", takes_context=True)
def overdue_for_my_teams(context):
    return _panel(context, selectors.open_flags_for_managed_teams(context["request"].user), param="team_overdue",
                  heading="Overdue work in your team", show_child=True, show_owner=True)


@register.inclusion_tag("records/_flags.html", takes_context=True)
def overdue_for_child(context, child):
    return _panel(context, selectors.open_flags_for_child(context["request"].user, child), param="overdue",
                  heading="Overdue work", show_owner=True)
