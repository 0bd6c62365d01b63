"""Reads of the contacts received about a child (issue 17), who each came from in words. The caller has taken the
child through the one door (`child_for_request`)."""

from casework.returns import codes


def contacts_of(child) -> list:
    """The child's contacts, latest first, with the source in words and who recorded them (one query, and one for
    the words when there are contacts)."""
    contacts = list(child.front_door_contacts.select_related("recorded_by").order_by("-received_on", "-id"))
    words = codes.meanings(codes.REFERRAL_SOURCE)[codes.REFERRAL_SOURCE] if contacts else {}
    for contact in contacts:
        contact.source_words = words.get(contact.source, contact.source)
    return contacts
