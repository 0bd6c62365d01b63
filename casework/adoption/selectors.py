"""Reads of a child's adoption and permanence record (issue 17), each code shown in words. The caller has taken the
child through the one door (`child_for_request`)."""

from casework.adoption import services
from casework.returns import codes


def adoption_record(child) -> dict:
    """The child's decisions (latest first) and previous permanence, with their codes in words (three queries)."""
    found = codes.meanings(services.ADOPTERS_SEX, services.ADOPTERS_LEGAL_STATUS, services.REASON_PLACED_CEASED,
                           services.PREVIOUS_PERMANENCE)
    decisions = list(child.adoption_decisions.select_related("recorded_by").order_by("-decided_on", "-id"))
    for decision in decisions:
        decision.adopters_words = found[services.ADOPTERS_SEX].get(decision.adopters_sex, "")
        decision.legal_status_words = found[services.ADOPTERS_LEGAL_STATUS].get(decision.adopters_legal_status, "")
        decision.reversal_words = found[services.REASON_PLACED_CEASED].get(decision.reversal_reason, "")
    previous = getattr(child, "previous_permanence", None) if child.pk else None
    if previous is not None:
        previous.option_words = found[services.PREVIOUS_PERMANENCE].get(previous.option, previous.option)
    return {"decisions": decisions, "previous": previous,
            "open_decision": next((d for d in decisions if d.reversed_on is None), None)}
