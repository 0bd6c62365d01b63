"""What every list of My work is made of: items that say what, for which child, due when and how overdue,
with a link to the page that does the work; and pages of them (GOV.UK pagination, PAGE_SIZE a page).

A list is a `WorkList`: its rows, already sorted by urgency (most overdue first) and limited to what the
user may see, and how a row becomes a `WorkItem`. A page is a slice of PAGE_SIZE + 1 rows (so there is no count),
whatever the number of rows: the slices of every list's ids in one query, then one query for each page with rows.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from typing import Callable

from django.db import connection
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone

from access.paging import order_of, rows_of, sorted_on_ids
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


def once_per_user_object(user, name: str, make):
    """`make()`, once for this user object (one request's `request.user`), for what several lists of the page ask."""
    cached = getattr(user, name, None)
    if cached is None:
        cached = make()
        setattr(user, name, cached)
    return cached


def _compiled(subqueries) -> list:
    """Subqueries of child ids compiled to SQL: every list of the page filters by the same ones, and building them
    again in each list's query cost more than running them. PostgreSQL works them out inside each list's query,
    instead of a first query reading thousands of ids and every list sending them back."""
    return [RawSQL(*ids.query.sql_with_params()) for ids in subqueries]


def _in_any(child: str, sets: list) -> Q:
    """The row's `child` (a path to a child's foreign key) is in one of `sets`; with none, no row is."""
    tests = [Q(**{f"{child}__in": ids}) for ids in sets]
    return reduce(operator.or_, tests) if tests else Q(pk__in=[])


def visible_children(user):
    """The one door as one subquery of ids (`Child.objects.visible_ids_compiled`: the rule compiled once a process, as
    `visible_to` uses it), for a list that starts from the children
    (a worker's cases): tested row by row (`visible`), the visits due were read in their due date's order through
    every worker's cases, however few the user's own (the bench's manager, who has none: 25 ms)."""
    return once_per_user_object(user, "_my_work_visible_ids", lambda: Child.objects.visible_ids_compiled(user))


def visible(user, child: str = "child") -> Q:
    """The one door for every list (casework.children.authorisation): the row's child (`child`, a path to a child's
    foreign key) is one the user may see. `Child.objects.visible_id_sets`, tested row by row: a list read in the order
    of its own index stops at the end of its page, with no need to join every child the user sees first."""
    return _in_any(child, once_per_user_object(
        user, "_my_work_visible", lambda: _compiled(Child.objects.visible_id_sets(user))))


def restricted_visible(user, child: str = "child") -> Q:
    """§7: the row's child is one whose restricted information this user may see, for lists already limited to the
    visible children (`visible`): PostgreSQL tests it only when a row is under a restriction."""
    return _in_any(child, once_per_user_object(
        user, "_my_work_restricted", lambda: _compiled(Child.objects.restricted_granted_id_sets(user))))


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


def pages_of(wanted: list, today: date) -> list[WorkPage]:
    """The page `number` of each `(work_list, number)` of `wanted`, in that order.

    The lists read from a queryset are sorted and cut on their ids in one query for them all (each list's slice of
    PAGE_SIZE + 1 ids, tagged with its place, `UNION ALL`), and only the lists with rows on their page read them
    then, with what they join (access.paging): most of a user's lists are empty, and a query costs more in Django
    than in PostgreSQL. The others (the stored visit clocks, a list of one) read their page as they are."""
    found, querysets, id_slices = {}, {}, []
    for place, (work_list, number) in enumerate(wanted):
        rows, start = work_list.rows(), (number - 1) * PAGE_SIZE
        if not sorted_on_ids(rows):
            found[place] = list(rows[start:start + PAGE_SIZE + 1])
        elif rows.query.is_empty():
            found[place] = []
        else:
            querysets[place] = rows
            id_slices.append(rows.annotate(work_list_place=Value(place)).values_list("work_list_place", "pk")[
                start:start + PAGE_SIZE + 1])
    ids = defaultdict(list)
    for place, pk in _slices_read(id_slices):
        ids[place].append(pk)
    found.update(_read_pages(querysets, ids))
    return [_page(work_list, number, found[place], today) for place, (work_list, number) in enumerate(wanted)]


def _slices_read(id_slices: list) -> list:
    """Every list's slice of ids: one `UNION ALL` query where the database cuts each part of a union (PostgreSQL), else
    a query each (SQLite, the embedded default of `make run`, refuses LIMIT inside a compound statement)."""
    if not id_slices:
        return []
    if not connection.features.supports_slicing_ordering_in_compound:
        return [row for id_slice in id_slices for row in id_slice]
    first, *rest = id_slices
    return list(first.union(*rest, all=True) if rest else first)


def _read_pages(querysets: dict, ids: dict) -> dict:
    """Each list's page of rows, by its place: the pages of one model read with the same joins in the same order
    (a worker's write-ups due and drafts to finish) in one query between them, each page then the rows of its ids in
    that order; an empty page reads nothing."""
    alike = defaultdict(list)
    for place, rows in querysets.items():
        if ids[place]:  # (read alike: the same joins, columns and order)
            query = rows.query
            alike[rows.model, str(query.select_related), str(query.deferred_loading), order_of(rows)].append(place)
    pages = {place: [] for place in querysets}
    for places in alike.values():
        read = rows_of(querysets[places[0]], [pk for place in places for pk in ids[place]])
        for place in places:
            mine = set(ids[place])
            pages[place] = [row for row in read if row.pk in mine]
    return pages


def _page(work_list: WorkList, number: int, found: list, today: date) -> WorkPage:
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
