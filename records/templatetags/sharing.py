"""§3 on the child's basic record: when the child and family were told about their records and rights.

A tag library, so that casework's templates can show it without casework's code importing records.
One query, however many times they were told.
"""

from django import template

from records.sharing.services import records_information_for

register = template.Library()


@register.inclusion_tag("records/_told_about_records.html")
def told_about_records(child):
    return {"child": child, "told": list(records_information_for(child))}
