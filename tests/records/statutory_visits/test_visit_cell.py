"""The caseload's "Next statutory visit" cell, written in Python (records.statutory_visits.cells): the words and tags
the template had, the child's name escaped."""

from datetime import date
from types import SimpleNamespace

from django.urls import reverse

from records.statutory_visits.cells import visit_cell


def _visit(**shown):
    child = SimpleNamespace(local_id="CW-2026-0001", display_name="Amara <b>Okafor</b>")
    defaults = dict(is_overdue=False, days_overdue=0, days_left=20, status="Child in need",
                    rule=SimpleNamespace(frequency="every 4 weeks"), due_on=date(2026, 3, 4), child=child)
    return SimpleNamespace(**{**defaults, **shown})


def test_each_kind_of_cell_says_what_the_template_said():
    link = reverse("records:visit_new", args=["CW-2026-0001"])
    later = visit_cell(_visit())
    assert later == (f'<td class="govuk-table__cell"><a class="govuk-link" href="{link}">4 Mar 2026<span '
                     'class="govuk-visually-hidden">: plan a visit to Amara &lt;b&gt;Okafor&lt;/b&gt;</span></a><br>'
                     '<span class="govuk-body-s">Child in need, every 4 weeks</span></td>')
    assert "Due soon</strong><br>" in visit_cell(_visit(days_left=7)) and "Due soon" not in visit_cell(_visit(days_left=8))
    one = visit_cell(_visit(is_overdue=True, days_overdue=1))
    assert "Overdue</strong><br>" in one and ">1 day overdue<" in one
    assert ">5 days overdue<" in visit_cell(_visit(is_overdue=True, days_overdue=5))
    assert visit_cell(None) == '<td class="govuk-table__cell">No open case</td>'
