"""Pages of long lists read ids first (access.paging, issue 16): the same rows in the same order as a plain slice,
with only the page's rows joined."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from access.paging import rows_of
from casework.models import Case
from tests.factories import CaseFactory


def test_a_page_read_ids_first_is_the_plain_slice_ties_included(db):
    first = date(2026, 1, 5)
    for n in range(7):  # referral dates with ties: the id breaks them, as the lists' own order does
        CaseFactory(referral_date=first + timedelta(days=n // 3))
    cases = Case.objects.select_related("child").order_by("-referral_date", "id")
    for start, stop in ((0, 3), (2, 5), (3, 7), (6, 9)):
        with CaptureQueriesContext(connection) as queries:
            page = rows_of(cases, cases.values("pk")[start:stop])
        assert [case.pk for case in page] == [case.pk for case in cases[start:stop]]
        assert [case.child.local_id for case in page] == [case.child.local_id for case in cases[start:stop]]
        (read,) = queries.captured_queries  # one query, the child joined in it, not read case by case
        sorted_and_cut, joined = read["sql"].split(" IN (SELECT ", 1)[1], read["sql"].split(" IN (SELECT ", 1)[0]
        assert f"LIMIT {stop - start}" in sorted_and_cut and "casework_child" not in sorted_and_cut  # ids alone
        assert '"casework_child"' in joined


def test_a_counted_page_is_the_paginators_page_with_its_count_read_in_the_same_query(db):
    """`counted_page` (the caseload, the overdue panels): what Paginator.get_page gives for any page number, an
    old link past the end and a number that is not one included, with the count read with the rows."""
    from access.paging import counted_page

    for _ in range(7):
        CaseFactory()
    cases = Case.objects.select_related("child").order_by("id")
    for number in (1, 2, 3, 4, 99, "x", None, "-2"):
        expected = Paginator(cases, 3).get_page(number)
        for by_ids in (False, True):
            with CaptureQueriesContext(connection) as queries:
                page = counted_page(cases, number, 3, by_ids=by_ids)
            assert page.number == expected.number and page.paginator.count == 7 and page.paginator.num_pages == 3
            assert [case.pk for case in page.object_list] == [case.pk for case in expected.object_list]
            assert [case.child.local_id for case in page.object_list] == [c.child.local_id for c in expected.object_list]
            if number not in (4, 99, "-2"):  # (past either end, the count is read again to find the last page)
                assert len(queries.captured_queries) == (2 if by_ids else 1)
                assert "COUNT(*) OVER ()" in queries.captured_queries[0]["sql"]
    empty = counted_page(Case.objects.none(), 2, 3)
    assert empty.number == 1 and empty.paginator.count == 0 and list(empty.object_list) == []
