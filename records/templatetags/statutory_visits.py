"""Statutory visits due, shown on the caseload (a casework template loads this tag library, so that
casework's code does not depend on records)."""

from django import template

from records.statutory_visits import cells
from records.statutory_visits.selectors import due_by_child

register = template.Library()


@register.simple_tag
def visits_due_by_child(children) -> dict:
    """{child id: next visit due} for a list of children already read through the permission layer."""
    return due_by_child(children)


@register.simple_tag
def visit_cell(visits: dict, child_id):
    """The "Next statutory visit" cell of a child's row on the caseload (records.statutory_visits.cells)."""
    return cells.visit_cell(visits.get(child_id))
