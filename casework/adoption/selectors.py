"""Reads of a child's adoption and permanence record (issue 17), each code shown in words. The caller has taken the
child through the one door (`child_for_request`)."""

from dataclasses import dataclass, field

from casework.adoption import services
from casework.adoption.models import AdoptionDecision
from casework.basic_record.selectors import sibling_links
from casework.models import Child
from casework.returns import codes


def adoption_record(child) -> dict:
    """The child's decisions (latest first) and previous permanence, with their codes in words (three queries)."""
    found = codes.meanings(services.ADOPTERS_SEX, services.ADOPTERS_LEGAL_STATUS, services.REASON_PLACED_CEASED,
                           services.PREVIOUS_PERMANENCE)
    decisions = list(child.adoption_decisions.select_related("recorded_by", "sibling_group")
                     .order_by("-decided_on", "-id"))
    for decision in decisions:
        decision.adopters_words = found[services.ADOPTERS_SEX].get(decision.adopters_sex, "")
        decision.legal_status_words = found[services.ADOPTERS_LEGAL_STATUS].get(decision.adopters_legal_status, "")
        decision.reversal_words = found[services.REASON_PLACED_CEASED].get(decision.reversal_reason, "")
    previous = getattr(child, "previous_permanence", None) if child.pk else None
    if previous is not None:
        previous.option_words = found[services.PREVIOUS_PERMANENCE].get(previous.option, previous.option)
    return {"decisions": decisions, "previous": previous,
            "open_decision": next((d for d in decisions if d.reversed_on is None), None)}


def placeable_siblings(user, child) -> list[Child]:
    """The brothers and sisters the child may be placed for adoption with, as `user` may choose them: linked to the
    child as brothers or sisters (§5.3), their record one `user` may open, with a decision that they should be
    placed for adoption not reversed. By name (two queries)."""
    others = {link.other(child.pk) for link in sibling_links(child)}
    if not others:
        return []
    with_decision = AdoptionDecision.objects.filter(child_id__in=others, reversed_on__isnull=True).values("child_id")
    return list(Child.objects.visible_to(user).filter(pk__in=with_decision).exclude(pk=child.pk)
                .order_by("last_name", "first_name", "pk"))


@dataclass
class PlacedWith:
    """Who else a decision's group holds now, as `user` may see it."""

    reference: str = ""  # the family identifier; empty when the child is to be placed alone
    children: list = field(default_factory=list)  # the brothers and sisters whose records `user` may open
    others: int = 0  # the group's other children whose records `user` may not open: counted, never named


def placed_with(user, decision) -> PlacedWith:
    """The other children whose open decisions are in the same group as `decision` (two queries)."""
    if decision.sibling_group_id is None:
        return PlacedWith()
    ids = set(AdoptionDecision.objects.filter(sibling_group_id=decision.sibling_group_id, reversed_on__isnull=True)
              .exclude(child_id=decision.child_id).values_list("child_id", flat=True))
    visible = list(Child.objects.visible_to(user).filter(pk__in=ids).order_by("last_name", "first_name", "pk"))
    return PlacedWith(decision.sibling_group.reference, visible, len(ids) - len(visible))
