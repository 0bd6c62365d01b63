"""Reading a child's looked-after reviews, missing episodes and UASC status for the record's Family, placements and
legal status tab: a few queries, each code given its meaning in words."""

from casework.basic_record.models import LegalStatus
from casework.looked_after.models import MISSING_KIND, PERMANENCE_PLAN, REVIEW_PARTICIPATION, UascStatus
from casework.returns import codes


def looked_after_details(child) -> dict:
    """What the tab shows: `looked_after` says whether the child is or was looked after (a legal status with a
    return code), when the section is shown at all; the items with their codes in words."""
    reviews = list(child.looked_after_reviews.select_related("recorded_by"))
    missing = list(child.missing_episodes.select_related("recorded_by"))
    found = codes.meanings(REVIEW_PARTICIPATION, MISSING_KIND, PERMANENCE_PLAN)
    for review in reviews:
        review.participation_words = found[REVIEW_PARTICIPATION].get(review.participation, review.participation)
        review.permanence_plan_words = found[PERMANENCE_PLAN].get(review.permanence_plan, review.permanence_plan)
    for episode in missing:
        episode.kind_words = found[MISSING_KIND].get(episode.kind, episode.kind)
    uasc = UascStatus.objects.filter(child=child).first()
    looked_after = bool(reviews or missing or uasc) or LegalStatus.objects.filter(child=child).exclude(
        ls_code="").exists()
    return {"looked_after": looked_after, "lac_reviews": reviews, "missing_episodes": missing, "uasc": uasc}
