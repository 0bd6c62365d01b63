"""The figures' cells of one row of the dashboards (a practitioner, a team, the whole team or service), written
here rather than in a template: 26 rows of 10 cells were about 1,200 template variables and filters, a third of
the team dashboard's render (issue 16). The markup is GOV.UK Frontend's table, as the template had it."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _percent(share: float | None) -> str:
    """As `floatformat:0` shows it (half up, from the float's shortest repr), with a per cent sign."""
    if share is None:
        return "No entries"
    return f"{Decimal(repr(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def _flags(row, base: str, name: str) -> str:
    if not row.flags_total:
        return "0"
    kinds = "".join(
        f'<li><a class="govuk-link" href="{base}&amp;figure=flags&amp;kind={escape(flag["kind"])}">{flag["count"]} '
        f'{escape(str(flag["label"]).lower())}</a>, oldest {flag["days_overdue"]} '
        f'day{"" if flag["days_overdue"] == 1 else "s"} overdue</li>' for flag in row.flag_list)
    return (f'<a class="govuk-link" href="{base}&amp;figure=flags">{row.flags_total}'
            f'<span class="govuk-visually-hidden"> open flags{name}</span></a>\n'
            f'  <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">{kinds}</ul>\n  ')


def _late(row, base: str, days: int) -> str:
    return (f'<td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{base}&amp;figure='
            f'late{days}">{_percent(row.late_share(days))}</a><br><span class="govuk-body-s">{row.late[days]} of '
            f'{row.entries[days]}</span></td>\n')


def _count(base: str, figure: str, value, after: str = "") -> str:
    return (f'<td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{base}&amp;figure='
            f'{figure}">{value}</a>{after}</td>\n')


def _overdue(count: int) -> str:
    return f'<br><span class="govuk-body-s">{count} overdue</span>' if count else ""


def figure_cells(row) -> SafeString:
    """The row's cells, after its header cell: flags by kind, late entries (30 and 90 days), the median time from
    event to record, and the counts, each linking to its drill-down (`row.drill`). Every text is escaped here; the
    numbers are ints."""
    base = escape(getattr(row, "drill", ""))
    name = f" for {escape(row.name)}" if row.name else ""
    visits = f'{row.visits_due}<span class="govuk-visually-hidden"> statutory visits due or overdue{name}</span>'
    return mark_safe("".join((
        f'\n<td class="govuk-table__cell">\n  {_flags(row, base, name)}\n</td>\n',
        _late(row, base, 30), _late(row, base, 90),
        _count(base, "entries90", escape(row.median_text)),
        _count(base, "summaries", row.summaries_due),
        _count(base, "restrictions", row.restrictions_due),
        _count(base, "endorsements", row.endorsements_waiting),
        _count(base, "paper_files", row.paper_files_out, _overdue(row.paper_files_overdue)),
        _count(base, "deficiencies", row.deficiencies_open),
        _count(base, "visits", visits, _overdue(row.visits_overdue)),
        "\n",
    )))
