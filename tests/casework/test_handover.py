"""casework.handover: what the records app hands casework at start-up (casework may not import records)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from casework.banner import selectors as banner
from casework.handover import Handover
from casework.recording import lateness
from casework.returns import annex_a_contacts, annex_a_health, annex_a_visits


def test_a_handover_calls_what_it_was_given_and_without_it_is_empty_or_refused():
    handover = Handover("reader of something")
    assert handover.call_or_none(1, as_at=2) is None  # an optional column stays empty
    with pytest.raises(ImproperlyConfigured, match="No reader of something: the records app hands it over"):
        handover.call()  # where doing without would be wrong (marking nothing late)
    handover.give(lambda first, *, as_at: (first, as_at))
    assert handover.call_or_none(1, as_at=2) == handover.call(1, as_at=2) == (1, 2)


def test_the_records_app_gave_each_handover_when_it_started():
    given = {"working calendar": lateness._calendar_factory, "visit clock": banner._visit_clock_columns,
             "visits": annex_a_visits.reader, "health": annex_a_health.reader, "contacts": annex_a_contacts.reader}
    assert [name for name, handover in given.items() if handover.given is None] == []
    assert all(handover.given.__module__.startswith("records.") for handover in given.values())
