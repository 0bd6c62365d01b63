"""The dashboards' figure cells, written in Python (records.dashboard.cells): they show what the template showed,
rounding and escaping included."""

import pytest
from django.template import Context, Template

from records.dashboard.cells import figure_cells
from records.dashboard.figures import Figures


def _row(**values) -> Figures:
    row = Figures(key=1, name=values.pop("name", "Priya Patel"))
    row.drill = "/team/figures/?team=1&practitioner=1"
    for name, value in values.items():
        setattr(row, name, value)
    return row


@pytest.mark.parametrize("late, entries, shown", [(1, 8, "13%"), (1, 200, "1%"), (1, 3, "33%"), (0, 0, "No entries")])
def test_late_shares_are_rounded_half_up_as_floatformat_did(late, entries, shown):
    cells = figure_cells(_row(late={30: late, 90: late}, entries={30: entries, 90: entries}))
    assert f'figure=late30">{shown}</a><br><span class="govuk-body-s">{late} of {entries}</span>' in cells
    expected = Template("{% if share is None %}No entries{% else %}{{ share|floatformat:0 }}%{% endif %}").render(
        Context({"share": None if not entries else 100 * late / entries}))
    assert shown == expected


def test_names_kinds_and_links_are_escaped():
    row = _row(name="Ann <b>& Co</b>", flags={"write_up_overdue": {"label": "Write-up <overdue>", "count": 2,
                                                                   "days_overdue": 1}})
    cells = figure_cells(row)
    assert "open flags for Ann &lt;b&gt;&amp; Co&lt;/b&gt;</span>" in cells
    assert 'href="/team/figures/?team=1&amp;practitioner=1&amp;figure=flags&amp;kind=write_up_overdue">2 write-up ' \
           "&lt;overdue&gt;</a>, oldest 1 day overdue</li>" in cells
    assert "<b>" not in cells


def test_a_row_without_flags_or_overdue_work_shows_zero_and_no_notes():
    cells = figure_cells(_row(name=""))
    assert '<td class="govuk-table__cell">\n  0\n</td>' in cells
    assert "overdue" not in cells.replace("statutory visits due or overdue", "")
    assert " for " not in cells
