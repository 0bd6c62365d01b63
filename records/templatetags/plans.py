"""Pieces of the plan (§5.4) shown on entry pages: the outcomes an entry served, and the views beside a decision."""

from django import template

from records.entries.selectors import INTERVENTION_KINDS
from records.plans.selectors import served_outcomes

register = template.Library()


@register.inclusion_tag("records/plans/_outcomes_served.html", takes_context=True)
def outcomes_served(context, entry):
    """The plan outcomes this visit, contact or decision served (the entry is one the user may already read)."""
    shown = entry.kind in INTERVENTION_KINDS
    return {"child": context.get("child"), "entry": entry, "shown": shown,
            "outcomes": list(served_outcomes(entry)) if shown else []}


@register.inclusion_tag("records/plans/_outcome_progress.html", takes_context=True)
def outcome_progress(context, entry):
    """§5.5: on a case summary's page, the progress it records against each outcome of the plan."""
    from records.plans.models import OutcomeProgress

    rows = [] if entry.kind != "case_summary" else list(
        OutcomeProgress.objects.filter(entry=entry).select_related("outcome").order_by("outcome__created_at", "pk"))
    return {"child": context.get("child"), "rows": rows}


@register.inclusion_tag("records/plans/_review_on_plan.html", takes_context=True)
def review_on_plan(context, entry):
    """On a review meeting's page: a link to record its decisions on the plan, for people who write on the record."""
    from access.staff import roles
    from records.plans.models import Plan

    request = context.get("request")
    show = (entry.kind == "review" and entry.status != "planned" and request is not None
            and roles.can_write_records(request.user)
            and Plan.objects.filter(case_id=entry.case_id, case__closure_date__isnull=True).exists())
    return {"child": context.get("child"), "entry": entry, "show": show}


@register.inclusion_tag("casework/pdf/_plan.html")
def plan_for_pdf(child):
    """The plan in the record PDF: outcomes, key tasks and the work done against each. Work in the
    'Restricted from user' section is always left out here (§7), whoever the PDF is for."""
    from records.plans.selectors import plan_page

    page = plan_page(child, may_see_restricted=False)
    return {"page": page}
