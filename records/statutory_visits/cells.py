"""The caseload's "Next statutory visit" cell, written here rather than in a template: a template included for each of
25 rows cost more than the rest of the row (issue 16), as the dashboard's cells (records.dashboard.cells). The markup
is GOV.UK Frontend's, as the template had it."""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from access.addresses import remembered_reverse
from access.templatetags.quick_dates import date as date_in_words

OVERDUE = mark_safe('<strong class="govuk-tag govuk-tag--red">Overdue</strong><br>')
DUE_SOON = mark_safe('<strong class="govuk-tag govuk-tag--yellow">Due soon</strong><br>')
SOON_WITHIN_DAYS = 7  # "Due soon" within a week, as the caseload has always shown it


def visit_cell(visit) -> SafeString:
    """The next statutory visit of a child on the caseload (a `VisitDue`, or None when the child has no open case)."""
    if visit is None:
        return mark_safe('<td class="govuk-table__cell">No open case</td>')
    if visit.is_overdue:
        tag, detail = OVERDUE, f"{visit.days_overdue} day{'' if visit.days_overdue == 1 else 's'} overdue"
    else:
        tag, detail = (DUE_SOON if visit.days_left <= SOON_WITHIN_DAYS else ""), f"{visit.status}, {visit.rule.frequency}"
    return format_html(
        '<td class="govuk-table__cell">{}<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">: plan a '
        'visit to {}</span></a><br><span class="govuk-body-s">{}</span></td>',
        tag, remembered_reverse("records:visit_new", [visit.child.local_id]), date_in_words(visit.due_on, "j M Y"),
        visit.child.display_name, detail)
