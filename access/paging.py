"""Pages of long lists whose rows join other tables (issue 16: speed).

A list sorted by urgency and limited to what the user may see can hold thousands of rows (the bench's worker has
6,800 write-ups open and 7,300 overdue flags). Asked for a page with its joins (`select_related`: the child, the
case), PostgreSQL joins every row before it sorts and cuts. Sorted and cut on the ids alone, only the page's rows are
then read with what they join: the same rows, in the same order.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


def sorted_on_ids(rows) -> bool:
    """Whether `rows` can be sorted and cut on its ids alone: a queryset without annotations or DISTINCT (whose order
    may need them)."""
    return isinstance(rows, QuerySet) and not rows.query.annotations and not rows.query.distinct


def order_of(rows: QuerySet) -> tuple:
    """The order `rows` is read in: its own, else its model's."""
    return tuple(rows.query.order_by or rows.model._meta.ordering)


def rows_of(rows: QuerySet, ids) -> list:
    """The rows of `rows` whose ids are `ids` (a list, or a subquery of a page of them), read with what `rows` joins,
    in `rows`' order."""
    order = order_of(rows)
    page = rows.model._default_manager.filter(pk__in=ids)
    page.query.select_related, page.query.deferred_loading = rows.query.select_related, rows.query.deferred_loading
    return list(page.order_by(*order))


def counted_page(rows: QuerySet, number, per_page: int, *, by_ids: bool = False) -> Page:
    """What `Paginator(rows, per_page).get_page(number)` gives (page `number`, or the last page past the end, or the
    first for a number that is not one), its count read with its rows: one query of the list, where the paginator
    reads a count and then the page, each limiting the rows to what the user may see again. `by_ids`: the page is
    cut on the ids alone, then its rows read with their joins (`rows_of`): two queries, the list read once."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    total, found = _counted_slice(rows, (number - 1) * per_page, per_page, by_ids) if number >= 1 else (0, [])
    if not found and number != 1:  # past the end (a page number from an old link) or before the start: the last page
        total = rows.count()
        number = max(1, -(-total // per_page))
        total, found = _counted_slice(rows, (number - 1) * per_page, per_page, by_ids)
    paginator = Paginator(range(total), per_page)  # a range knows its length: the count costs nothing more
    return Page(found, number, paginator)


def _counted_slice(rows: QuerySet, start: int, size: int, by_ids: bool) -> tuple[int, list]:
    """(how many rows in all, rows[start:start + size]): the count is a window over the rows before they are cut."""
    in_all = Window(Count("*"))
    if not by_ids:
        found = list(rows.annotate(_in_all=in_all)[start:start + size])
        return (found[0]._in_all if found else 0), found
    ids = list(rows.order_by(*order_of(rows)).annotate(_in_all=in_all).values_list("pk", "_in_all")[start:start + size])
    if not ids:
        return 0, []
    return ids[0][1], rows_of(rows, [pk for pk, _ in ids])
