"""Over-long input: 100,000 characters in any free-text field is refused with an error or kept whole.

The same crawl as the injection test (every POST form on every page about a demo child, as a
practitioner and a team manager), with each free-text control holding a 100,000-character value
that starts and ends with a marker of its own. Every answer must be a page (200, with the GOV.UK
error for a field that has a limit) or a redirect, never a server error; and wherever a value was
stored, in any table, both its markers are there: nothing was cut short silently.
"""

import re

from tests.access.permissions import test_permission_matrix as matrix
from tests.security.counts import noted, tried
from tests.security.crawl import Crawl, child_pages, client_as, submit_every_form
from tests.security.forms import has_errors
from tests.security.test_injection import stored_ids

entries = matrix.entries
LENGTH = 100_000


class LongValues:
    def __init__(self):
        self.ids: dict[str, str] = {}

    def __call__(self, field_name: str) -> str:
        ident = f"{len(self.ids) + 1:04d}"
        self.ids[ident] = field_name
        start, end = f"LONGSTART{ident}>", f"<LONGEND{ident}"
        return start + "x" * (LENGTH - len(start) - len(end)) + end


def test_over_long_input_is_refused_or_kept_whole(cast, child, entries):
    values = LongValues()
    crawl = Crawl()
    pages = child_pages(child)  # built once: the matrix's builders expect its data as it was
    for role in ("practitioner", "manager"):
        submit_every_form(client_as(cast[role]), pages, values, crawl)

    refused = 0
    errors = sorted({f"{response.status_code} {action}" for action, response in crawl.responses
                     if response.status_code not in (200, 302)})
    assert not errors, f"posting 100,000 characters: {errors}"
    for action, response in crawl.responses:
        if response.status_code == 200:
            refused += has_errors(response.content.decode(errors="replace"))
    starts, ends = stored_ids(r"LONGSTART(\d{4})>"), stored_ids(r"<LONGEND(\d{4})")
    assert starts == ends, f"cut short when stored: {[values.ids[i] for i in sorted(starts - ends)]}"
    assert crawl.fields_tried() >= 20, crawl.fields_tried()
    # Saved values are whole: each stored value has exactly the length that was sent.
    assert _run_lengths() <= {LENGTH - len("LONGSTART0000>") - len("<LONGEND0000")}

    tried("over-long: free-text fields given 100,000 characters", crawl.fields_tried())
    noted("over-long: values stored whole", len(starts))
    noted("over-long: answers with an error shown", refused)


def _run_lengths() -> set[int]:
    from django.db import connection

    from tests.security.state import tables

    lengths = set()
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f'SELECT x::text FROM "{table}" AS x WHERE x::text LIKE %s', ["%LONGSTART%"])
            for (row,) in cursor.fetchall():
                lengths.update(len(m) for m in re.findall(r"LONGSTART\d{4}>(x+)<LONGEND", row))
    return lengths
