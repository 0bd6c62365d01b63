"""Overdue work, shown on the caseload and the child's record (casework templates load this tag
library, so that casework's code does not depend on records)."""

from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils import timezone

from records.entries import selectors
from records.timeliness.services import describe

register = template.Library()

FLAG_LIMIT = 100


# Where the work behind a flag is done, by the column the flag points at (None: no page of its own).
SUBJECT_PAGES = {
    "entry": lambda flag: reverse("records:entry_detail", args=[flag.child.local_id, flag.entry_id]),
    "subject_access_request": lambda flag: reverse("records:sharing", args=[flag.child.local_id]) + "#subject-access",
    "restriction": lambda flag: reverse("records:review_restriction", args=[flag.child.local_id, flag.restriction_id]),
    "audit_deficiency": lambda flag: reverse("records:deficiency", args=[flag.child.local_id, flag.audit_deficiency_id]),
    "paper_file_removal": lambda flag: (reverse("records:paper_files", args=[flag.child.local_id])
                                        + f"#removal-{flag.paper_file_removal_id}"),
}


def flag_url(flag) -> str | None:
    for subject, page in SUBJECT_PAGES.items():
        if getattr(flag, f"{subject}_id"):
            return page(flag)
    return None


def _row(flag, now) -> dict:
    # due_at is the end of the last day on time (London midnight): that day is the one to show.
    row = {"flag": flag, "label": describe(flag), "due_on": (timezone.localtime(flag.due_at) - timedelta(days=1)).date(),
           "days_overdue": max(0, (now - flag.due_at).days), "days_left": None, "url": flag_url(flag)}
    if flag.due_at > now:  # a kind flagged before it is due (a subject access request near its deadline)
        row["days_left"] = (flag.due_at - now).days
    return row


def _rows(flags):
    now = timezone.now()
    rows = list(flags[: FLAG_LIMIT + 1])
    return {"flags": [_row(flag, now) for flag in rows[:FLAG_LIMIT]], "more": len(rows) > FLAG_LIMIT}


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
