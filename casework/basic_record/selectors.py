"""Reads of the basic record (§5.1) and sibling links (§5.3), with 'Restricted from user' honoured (§7).

A user without `view_restricted` on the child never receives a restricted item: only how many
there are, and whom to ask. A sibling whose record the user may not open is shown without
anything from that record (not even the name).
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)
from casework.models import Child, HouseholdMember
from casework.returns import codes
from casework.children.selectors import may_see_restricted, whom_to_ask


@dataclass(frozen=True)
class Section:
    key: str
    model: type
    title: str
    singular: str
    end_label: str  # the name of the "end" action

    @property
    def a_singular(self) -> str:
        """The singular with its article: "a placement", "an arrangement with a provider"."""
        return f"{'an' if self.singular[:1].lower() in 'aeiou' else 'a'} {self.singular}"


# The order they appear on the Basic record page. The household is its own kind (no restriction).
SECTIONS = {
    section.key: section for section in (
        Section("household", HouseholdMember, "Household", "household member", "Record that they left"),
        Section("people", ClosePerson, "People close to the child", "person close to the child", "End"),
        Section("contact", ContactArrangement, "Contact arrangements", "contact arrangement", "End"),
        Section("placements", Placement, "Placements", "placement", "End the placement"),
        Section("legal-status", LegalStatus, "Legal status", "legal status", "End"),
        Section("providers", ProviderArrangement, "Arrangements with private providers", "arrangement with a provider",
                "End"),
    )
}
RESTRICTABLE = {"people", "contact", "placements", "legal-status", "providers"}


def active_restriction() -> Q:
    return Q(restriction__isnull=False, restriction__lifted_at__isnull=True)


def household_members(child: Child) -> QuerySet[HouseholdMember]:
    if child.household_id is None:
        return HouseholdMember.objects.none()
    return HouseholdMember.objects.filter(household_id=child.household_id)


def visible_items(user, child: Child, section: Section, *, sees_restricted: bool | None = None) -> QuerySet:
    """The items of one section this user may read: restricted ones only with `view_restricted` (§7)."""
    if section.key == "household":
        return household_members(child)
    items = section.model.objects.filter(child=child).select_related("restriction")
    if sees_restricted is None:
        sees_restricted = may_see_restricted(user, child)
    return items if sees_restricted else items.exclude(active_restriction())


@dataclass
class SectionView:
    section: Section
    current: list = field(default_factory=list)
    ended: list = field(default_factory=list)
    hidden: int = 0

    @property
    def key(self):
        return self.section.key

    @property
    def title(self):
        return self.section.title


@dataclass
class SiblingView:
    link: SiblingLink
    sibling: Child | None  # None: a sibling whose record this user may not open


def basic_record(user, child: Child, *, sees_restricted: bool) -> dict:
    """Every section of the basic record for the record page, in a fixed number of queries."""
    sections = []
    hidden_total = 0
    words = _ReturnCodeWords()
    for section in SECTIONS.values():
        view = SectionView(section)
        if section.key == "household":
            # Prefetched with the record (casework.children.selectors.child_record), in the model's order.
            rows = list(child.household.members.all()) if child.household_id else []
            view.current = [m for m in rows if m.is_current]
            view.ended = sorted((m for m in rows if not m.is_current), key=lambda m: m.left_on, reverse=True)
        else:
            for item in section.model.objects.filter(child=child).select_related("restriction").order_by(
                    "-start_date", "-id"):
                if item.is_restricted and not sees_restricted:
                    view.hidden += 1
                    continue
                item.title, item.rows = title_of(item), describe(item) + words.rows(item)
                (view.current if item.is_current else view.ended).append(item)
        hidden_total += view.hidden
        sections.append(view)
    return {
        "basic_sections": sections,
        "basic_hidden_restricted": hidden_total,
        "basic_ask": whom_to_ask(child) if hidden_total else [],
        "siblings": siblings_of(user, child),
    }


def sibling_links(child: Child) -> QuerySet[SiblingLink]:
    return SiblingLink.objects.filter(Q(child_a=child) | Q(child_b=child), ended_at__isnull=True)


def siblings_of(user, child: Child) -> list[SiblingView]:
    """Current sibling links (§5.3). The sibling's identity only if this user may open their record;
    nothing else is ever read from the sibling's record."""
    links = list(sibling_links(child).order_by("linked_at", "id"))
    if not links:
        return []
    other_ids = {link.other(child.pk) for link in links}
    visible = {
        sibling.pk: sibling
        for sibling in Child.objects.visible_to(user).filter(pk__in=other_ids).only(
            "pk", "local_id", "first_name", "middle_names", "last_name", "preferred_name", "date_of_birth",
            "is_unborn", "expected_date_of_birth",
        )
    }
    return [SiblingView(link=link, sibling=visible.get(link.other(child.pk))) for link in links]


def item_history(item) -> list:
    """Each saved version of an item, newest first, with who changed it and why (for the correction page)."""
    return list(item.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])


def _day(value) -> str:
    return f"{value:%-d %B %Y}" if value else ""


class _ReturnCodeWords:
    """The children looked after return's codes on a placement or legal status, in words (issue 17); the meanings
    read in one query, only when an item has a code."""

    LABELS = {
        Placement: [("place_code", "Placement type (return)", codes.PLACEMENT_TYPE),
                    ("provider_code", "Placement provider", codes.PLACEMENT_PROVIDER),
                    ("postcode", "Postcode", None), ("la_code", "Local authority of the placement", codes.PLACEMENT_LA),
                    ("ofsted_urn", "Ofsted URN", None),
                    ("change_reason", "Reason for the change of placement", codes.PLACEMENT_CHANGE_REASON)],
        LegalStatus: [("ls_code", "Legal status (return)", codes.LEGAL_STATUS),
                      ("category_of_need", "Category of need", codes.CATEGORY_OF_NEED),
                      ("reason_ceased", "Reason the child stopped being looked after", codes.REASON_CEASED)],
    }

    def __init__(self):
        self.found = None

    def rows(self, item) -> list[tuple[str, str]]:
        rows = []
        for name, label, list_key in self.LABELS.get(type(item), []):
            value = getattr(item, name)
            if not value:
                continue
            if list_key:
                if self.found is None:
                    self.found = codes.meanings(*(key for fields in self.LABELS.values() for _, _, key in fields if key))
                value = f"{value}: {self.found[list_key].get(value, '')}".rstrip(": ")
            rows.append((label, value))
        return rows


def describe(item) -> list[tuple[str, str]]:
    """The label and value of each field of an item, as the record page and the PDF show them."""
    rows: list[tuple[str, str]] = []
    if isinstance(item, ClosePerson):
        rows = [("Relationship to the child", item.relationship), ("How often they see the child", item.contact_frequency),
                ("How to reach them", item.how_to_reach or "Not recorded"),
                ("Known to the child since", _day(item.start_date) or "Not recorded")]
        if item.event_date:
            rows.append(("Date of what this records", _day(item.event_date)))
    elif isinstance(item, ContactArrangement):
        rows = [("How often", item.frequency),
                ("Supervised", f"Yes, by {item.supervised_by}" if item.supervised else "No"),
                ("Where", item.venue),
                ("What agreed or ordered it", item.get_basis_display() + (f": {item.basis_detail}" if item.basis_detail else "")),
                ("From", _day(item.start_date))]
    elif isinstance(item, Placement):
        rows = [("Type of placement", item.get_placement_type_display()), ("Carer or provider", item.carer_or_provider),
                ("Address", item.address),
                ("Intended to last until the child is 18", "Yes" if item.long_term else "No"),
                ("From", _day(item.start_date))]
    elif isinstance(item, LegalStatus):
        rows = [("From", _day(item.start_date))]
        if item.details:
            rows.append(("Details", item.details))
    elif isinstance(item, ProviderArrangement):
        rows = [("Kind of provider", item.get_provider_kind_display()), ("What is arranged", item.arrangement),
                ("Contract or reference", item.contract_reference or "Not recorded"), ("From", _day(item.start_date))]
    if item.end_date:
        rows.append(("Ended", _day(item.end_date)))
        if item.end_reason:
            rows.append(("Reason for ending", item.end_reason))
    return rows


def title_of(item) -> str:
    if isinstance(item, ClosePerson):
        return item.full_name
    if isinstance(item, ContactArrangement):
        return f"Contact with {item.with_whom}"
    if isinstance(item, Placement):
        return item.carer_or_provider
    if isinstance(item, LegalStatus):
        return item.get_status_display()
    if isinstance(item, ProviderArrangement):
        return item.provider_name
    return str(item)
