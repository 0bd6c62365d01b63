"""Builders for the basic record (§5.1) and sibling links (§5.3), shared by the permission matrix and the
restricted-marker test."""

from datetime import timedelta

from django.db.models import Q

from casework.basic_record.models import SiblingLink
from tests.factories import (
    BASIC_RECORD_START as START, ChildHouseholdMemberFactory, ClosePersonFactory, ContactArrangementFactory,
    ItemRestrictionFactory, LegalStatusFactory, PlacementFactory, ProviderArrangementFactory, SiblingLinkFactory,
)


def basic_record_items(child, by, *, text: str = "", restriction_advisor=None) -> dict:
    """One item of every section (and a household member) on `child`, each free-text field carrying `text`.
    With `restriction_advisor`, every restrictable item is placed in 'Restricted from user'."""
    # The household is not restrictable: its member never carries `text` when the rest is restricted.
    plain = "" if restriction_advisor is not None else text
    member = ChildHouseholdMemberFactory(child=child, by=by, full_name=f"Grace Okoye {plain}".strip(),
                                        relationship=f"Mother {plain}".strip())
    items = {
        "people": ClosePersonFactory(child=child, by=by, full_name=f"Ruth {text}",
                                     relationship=f"Grandmother {text}", contact_frequency=f"Weekly {text}",
                                     how_to_reach=f"Phone {text}"),
        "contact": ContactArrangementFactory(child=child, by=by, with_whom=f"Father {text}",
                                             frequency=f"Fortnightly {text}", supervised_by=f"Family centre {text}",
                                             venue=f"Centre {text}", basis_detail=f"Order {text}"),
        "placements": PlacementFactory(child=child, by=by, carer_or_provider=f"Mr Hughes {text}",
                                       address=f"4 Elm Road {text}", end_date=START + timedelta(days=5),
                                       end_reason=f"Moved {text}"),
        "legal-status": LegalStatusFactory(child=child, by=by, details=f"Court {text}"),
        "providers": ProviderArrangementFactory(child=child, by=by, provider_name=f"Brighter Futures {text}",
                                                arrangement=f"Fostering {text}",
                                                contract_reference=f"REF {text}"[:100]),
    }
    if restriction_advisor is not None:
        for item in items.values():
            ItemRestrictionFactory(item=item, by=by, reason_detail=f"Asked {text}", advised_by=restriction_advisor)
    return {"household": member, **items}


def link_as_siblings(child, sibling, by) -> SiblingLink:
    return SiblingLinkFactory(child=child, sibling=sibling, by=by)


def sibling_link_of(child) -> SiblingLink:
    return SiblingLink.objects.get(Q(child_a=child) | Q(child_b=child), ended_at__isnull=True)


def item_of(child, section):
    from casework.basic_record.selectors import SECTIONS
    from casework.models import HouseholdMember

    if section == "household":  # read through the database: a fixture's child object may predate its household
        return HouseholdMember.objects.get(household__children=child)
    return SECTIONS[section].model.objects.get(child=child)
