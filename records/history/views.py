"""The audit trail pages: every change to a child's record, or to one entry, newest first (§13, §14)."""

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from casework.children.authorisation import child_for_request
from casework.children.selectors import may_see_restricted
from records.history import selectors as history
from records.entries import selectors


def _cursor(request) -> datetime | None:
    try:
        return datetime.fromisoformat(request.GET.get("before", ""))
    except ValueError:
        return None


def _ask(child) -> str:
    people = selectors.whom_to_ask(child)
    return f"Ask {' or '.join(people)}." if people else "Ask the team manager."


@login_required
def child_history(request, local_id):
    """Who changed what on the child's record, and when; restricted items only for those who may see them (§7)."""
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    rows, next_cursor = history.history_page(history.child_sources(child), sees_restricted=sees_restricted,
                                             before=_cursor(request), whom_to_ask="" if sees_restricted else _ask(child))
    return render(request, "records/history.html", {
        "child": child, "rows": rows, "next_cursor": next_cursor.isoformat() if next_cursor else None,
        "subnav": "history", "title": "History of changes", "is_first_page": not request.GET.get("before"),
    })


@login_required
def entry_history(request, local_id, pk):
    child = child_for_request(request, local_id)
    sees_restricted = may_see_restricted(request.user, child)
    entry = get_object_or_404(selectors.visible_entries(request.user, child, may_see_restricted=sees_restricted), pk=pk)
    rows, next_cursor = history.history_page(history.entry_sources(entry), sees_restricted=sees_restricted,
                                             before=_cursor(request), whom_to_ask="" if sees_restricted else _ask(child))
    return render(request, "records/history.html", {
        "child": child, "entry": entry, "rows": rows, "next_cursor": next_cursor.isoformat() if next_cursor else None,
        "subnav": "records", "title": f"History of changes: {entry}", "is_first_page": not request.GET.get("before"),
    })
