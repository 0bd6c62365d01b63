"""§4: same-day records shown first to the Emergency Duty Team under emergency access (casework's
child record page loads this tag library, so that casework's code does not depend on records)."""

from django import template

from records.entries.selectors import SAME_DAY_LIMIT, same_day_entries_under_emergency_access

register = template.Library()


@register.inclusion_tag("records/_same_day_for_emergency.html", takes_context=True)
def same_day_for_emergency(context, child):
    entries = same_day_entries_under_emergency_access(context["request"].user, child)
    rows = list(entries[: SAME_DAY_LIMIT + 1]) if entries is not None else []
    return {"child": child, "entries": rows[:SAME_DAY_LIMIT], "more": len(rows) > SAME_DAY_LIMIT}
