"""The dashboards' figure cells (`records.dashboard.cells`), for the team and the service dashboards' tables."""

from django import template

from records.dashboard.cells import figure_cells

register = template.Library()
register.simple_tag(figure_cells, name="figure_cells")
