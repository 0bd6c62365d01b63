"""What every list of My work is made of: items that say what, for which child, due when and how overdue,
with a link to the page that does the work; and pages of them (GOV.UK pagination, PAGE_SIZE a page).

A list is a `WorkList`: its rows, already sorted by urgency (most overdue first) and limited to what the
user may see, and how a row becomes a `WorkItem`. Each page is one query (a slice of PAGE_SIZE + 1 rows, so
there is no count), whatever the number of rows.
"""

import operator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from typing import Callable

from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from access.paging import ids_first
from casework.models import Child

PAGE_SIZE = 10


@dataclass
class WorkItem:
    what: str
    url: str
    child: object = None  # casework.Child, or None for work about no one child (a design, an account)
    due_on: date | None = None  # the last day on time
    since: date | None = None  # for work that waits on the user from a day (an endorsement asked, a request made)
    ends_at: datetime | None = None  # for something that runs out (emergency access, a lock-out)
    note: str = ""

    def timing(self, today: date) -> tuple[str, str]:
        """(words, tag colour) saying how urgent the item is, as of `today` in London."""
        if self.due_on is not None:
            late = (today - self.due_on).days
            if late > 0:
                return f"{late} day{'s' if late != 1 else ''} overdue", "red"
            if late == 0:
                return "Due today", "orange"
            return f"Due in {-late} day{'s' if late != -1 else ''}", "blue"
        if self.since is not None:
            waiting = (today - self.since).days
            return (f"Waiting {waiting} day{'s' if waiting != 1 else ''}", "orange" if waiting > 2 else "grey")
        if self.ends_at is not None:
            return f"Ends {timezone.localtime(self.ends_at):%H:%M on %-d %b}", "grey"
        return "", ""


def _once_per_user_object(user, name: str, sets):
    """Subqueries of child ids, compiled to SQL once for this user object (one request's `request.user`): every list
    of the page filters by the same subqueries, and building them again in each list's query cost more than running
    them. PostgreSQL works them out inside each list's query, instead of a first query reading thousands of ids and
    every list sending them back."""
    cached = getattr(user, name, None)
    if cached is None:
        cached = [RawSQL(*ids.query.sql_with_params()) for ids in sets()]
        setattr(user, name, cached)
    return cached


def _in_any(child: str, sets: list) -> Q:
    """The row's `child` (a path to a child's foreign key) is in one of `sets`; with none, no row is."""
    tests = [Q(**{f"{child}__in": ids}) for ids in sets]
    return reduce(operator.or_, tests) if tests else Q(pk__in=[])


def visible_children(user):
    """The one door as one subquery of ids (`Child.objects.visible_ids`), for a list that starts from the children
    (a worker's cases), not from an index in its own order."""
    return _once_per_user_object(user, "_my_work_visible_ids", lambda: [Child.objects.visible_ids(user)])[0]


def visible(user, child: str = "child") -> Q:
    """The one door for every list (casework.children.authorisation): the row's child (`child`, a path to a child's
    foreign key) is one the user may see. `Child.objects.visible_id_sets`, tested row by row: a list read in the order
    of its own index stops at the end of its page, with no need to join every child the user sees first."""
    return _in_any(child, _once_per_user_object(user, "_my_work_visible", lambda: Child.objects.visible_id_sets(user)))


def restricted_visible(user, child: str = "child") -> Q:
    """§7: the row's child is one whose restricted information this user may see, for lists already limited to the
    visible children (`visible`): PostgreSQL tests it only when a row is under a restriction."""
    return _in_any(child, _once_per_user_object(
        user, "_my_work_restricted", lambda: Child.objects.restricted_granted_id_sets(user)))


@dataclass
class WorkList:
    key: str  # its page number's name in the query string, and its anchor
    heading: str
    rows: Callable  # () -> a sliceable queryset or list, sorted by urgency
    item: Callable  # row -> WorkItem
    empty: str = "Nothing waiting."
    hint: str = ""


@dataclass
class WorkPage:
    work_list: WorkList
    items: list
    number: int
    has_previous: bool
    has_next: bool
    previous_url: str = ""
    next_url: str = ""
    rows: list = field(default_factory=list)  # (item, timing words, tag colour)


def page_number(raw) -> int:
    try:
        return max(1, min(int(raw), 10_000))
    except (TypeError, ValueError):
        return 1


def page_of(work_list: WorkList, number: int, today: date) -> WorkPage:
    start = (number - 1) * PAGE_SIZE
    found = ids_first(work_list.rows(), start, start + PAGE_SIZE + 1)
    items = [work_list.item(row) for row in found[:PAGE_SIZE]]
    page = WorkPage(work_list=work_list, items=items, number=number, has_previous=number > 1,
                    has_next=len(found) > PAGE_SIZE)
    page.rows = [(item, *item.timing(today)) for item in items]
    return page


@dataclass
class Section:
    heading: str
    lists: list
    intro: str = ""
    search: bool = False  # the emergency duty search form (casework:emergency_access)
    links: tuple = ()  # (words, url) shown under the heading
