"""`make bench` builds its council with raw SQL, which a new column without a database default breaks (a fresh
bench stopped at the allocations once issue 17 added the reason for a change of social worker). A small council
is built here on this code's schema, and every page the bench times answers for the person it times it as."""

import pytest

from bench import pages
from bench.generate import BIG_CHILD_ENTRIES, generate, generate_dashboard_team
from bench.generate_returns import generate_returns_data
from casework.basic_record.models import LegalStatus
from casework.models import Allocation, Child
from records.models import Entry, NextVisit


@pytest.mark.django_db(transaction=True)
def test_a_small_bench_council_is_built_on_this_schema_and_every_page_the_bench_times_answers():
    quiet = lambda message: None  # noqa: E731
    generate(children=120, entries=1_000, log=quiet)
    generate_dashboard_team(scale=0.001, log=quiet)
    generate_returns_data(log=quiet)

    generated = Child.objects.filter(local_id__startswith="BX-")
    assert generated.count() == 120
    assert Allocation.objects.filter(case__child__in=generated, ended_at__isnull=True).count() == 120
    assert Entry.objects.filter(child__local_id=pages.BIG_CHILD).count() >= BIG_CHILD_ENTRIES
    assert NextVisit.objects.filter(child__in=generated).count() == 120
    assert LegalStatus.objects.filter(child__in=generated).exclude(ls_code="").exists()

    child, worker, manager = pages.cast()
    assert manager is not None
    answered = {name: pages.signed_in(user).get(url).status_code
                for name, url, user in pages.page_urls(child, worker, manager)}
    assert len(answered) == 9
    assert set(answered.values()) == {200}, answered
