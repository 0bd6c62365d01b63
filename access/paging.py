"""Pages of long lists whose rows join other tables (issue 16: speed).

A list sorted by urgency and limited to what the user may see can hold thousands of rows (the bench's worker has
6,800 write-ups open and 7,300 overdue flags). Asked for a page with its joins (`select_related`: the child, the
case), PostgreSQL joins every row before it sorts and cuts. Sorted and cut on the ids alone, only the page's rows are
then read with what they join: the same rows, in the same order.
"""

from django.db.models import QuerySet


def sorted_on_ids(rows) -> bool:
    """Whether `rows` can be sorted and cut on its ids alone: a queryset without annotations or DISTINCT (whose order
    may need them)."""
    return isinstance(rows, QuerySet) and not rows.query.annotations and not rows.query.distinct


def rows_of(rows: QuerySet, ids) -> list:
    """The rows of `rows` whose ids are `ids` (a list, or a subquery of a page of them), read with what `rows` joins,
    in `rows`' order."""
    order = rows.query.order_by or rows.model._meta.ordering
    page = rows.model._default_manager.filter(pk__in=ids)
    page.query.select_related = rows.query.select_related
    return list(page.order_by(*order))


def ids_first(rows, start: int, stop: int) -> list:
    """rows[start:stop], for a queryset read as above; anything else is sliced as it is."""
    if not sorted_on_ids(rows):
        return list(rows[start:stop])
    return rows_of(rows, rows.values("pk")[start:stop])


class IdsFirst:
    """A queryset for Django's Paginator that reads its page as `ids_first` does (the count is the queryset's)."""

    def __init__(self, rows: QuerySet):
        self.rows = rows

    def count(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        return ids_first(self.rows, index.start or 0, index.stop)
