"""The contacts Ofsted's Annex A (casework.returns.annex_a) reads (issue 17): list 9's "Latest Date of Contact" with a
care leaver.

Contacts are entries kept by the records app, which casework may not import (access <- casework <- records): records
hands over, when it starts (records/apps.py), the function that reads them for a chunk of children (`use_contacts`),
with its rule of a contact with the young person (records.entries.annex_a). With none handed over, the cells stay
empty. A contact under an active restriction (§7) is the latest contact still, but its cell says "Restricted" instead
of its date.
"""

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from casework.handover import Handover
from casework.returns.annex_a_lists import WITHHELD


class Contact(NamedTuple):
    day: date  # in London
    withheld: bool  # in the child's 'Restricted from user' section (§7)


# (first child id, last child id, *, as_at: date) -> {child id: Contact}: the latest contact by the as-at date with
# each young person with care leaver information whose id is in that range, in a fixed number of queries.
Reader = Callable[..., dict[int, Contact]]
reader: Handover[Reader] = Handover("reader of care leavers' contacts")
use_contacts = reader.give


def read(first: int, last: int, *, as_at: date) -> dict[int, Contact] | None:
    """The chunk's latest contacts by child, or None when no reader was handed over (the cells stay empty)."""
    return reader.call_or_none(first, last, as_at=as_at)


def latest(found: dict | None, child_id: int):
    """List 9's cell: the day of the latest contact, "Restricted" when that contact is restricted, None without."""
    contact = (found or {}).get(child_id)
    return None if contact is None else WITHHELD if contact.withheld else contact.day
