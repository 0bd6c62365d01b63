"""Builders for the basic record (§5.1) and sibling links (§5.3), shared by the permission matrix and the
restricted-marker test."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from casework.basic_record import services
from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)

START = date(2025, 6, 2)


def basic_record_items(child, by, *, text: str = "", restriction_advisor=None) -> dict:
    """One item of every section (and a household member) on `child`, each free-text field carrying `text`.
    With `restriction_advisor`, every restrictable item is placed in 'Restricted from user'."""
    # The household is not restrictable: its member never carries `text` when the rest is restricted.
    plain = "" if restriction_advisor is not None else text
    member = services.add_household_member(child=child, by=by, full_name=f"Grace Okoye {plain}".strip(),
                                           relationship=f"Mother {plain}".strip(), joined_on=START,
                                           has_parental_responsibility=True)
    items = {
        "people": services.add_item(model=ClosePerson, child=child, by=by, full_name=f"Ruth {text}",
                                    relationship=f"Grandmother {text}", contact_frequency=f"Weekly {text}",
                                    how_to_reach=f"Phone {text}", start_date=START),
        "contact": services.add_item(model=ContactArrangement, child=child, by=by, with_whom=f"Father {text}",
                                     frequency=f"Fortnightly {text}", supervised=True,
                                     supervised_by=f"Family centre {text}", venue=f"Centre {text}",
                                     basis="court_order", basis_detail=f"Order {text}", start_date=START),
        "placements": services.add_item(model=Placement, child=child, by=by, placement_type="foster_ifa",
                                        carer_or_provider=f"Mr Hughes {text}", address=f"4 Elm Road {text}",
                                        start_date=START, end_date=START + timedelta(days=5),
                                        end_reason=f"Moved {text}"),
        "legal-status": services.add_item(model=LegalStatus, child=child, by=by, status="care_order",
                                          details=f"Court {text}", start_date=START),
        "providers": services.add_item(model=ProviderArrangement, child=child, by=by,
                                       provider_name=f"Brighter Futures {text}", provider_kind="ifa",
                                       arrangement=f"Fostering {text}", contract_reference=f"REF {text}"[:100],
                                       start_date=START),
    }
    if restriction_advisor is not None:
        for item in items.values():
            services.restrict_item(item=item, by=by, reason="third_party", reason_detail=f"Asked {text}",
                                   advised_by=restriction_advisor,
                                   review_date=timezone.localdate() + timedelta(days=30))
    return {"household": member, **items}


def link_as_siblings(child, sibling, by) -> SiblingLink:
    return services.link_siblings(child=child, sibling=sibling, by=by, relationship="half")


def sibling_link_of(child) -> SiblingLink:
    return SiblingLink.objects.get(Q(child_a=child) | Q(child_b=child), ended_at__isnull=True)


def item_of(child, section):
    from casework.basic_record.selectors import SECTIONS
    from casework.models import HouseholdMember

    if section == "household":  # read through the database: a fixture's child object may predate its household
        return HouseholdMember.objects.get(household__children=child)
    return SECTIONS[section].model.objects.get(child=child)
