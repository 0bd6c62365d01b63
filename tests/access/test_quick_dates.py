"""`|date` in every template (access.templatetags.quick_dates): the same words as Django's filter for every format the
templates use, for dates and London times across the year (summer time included), and Django's own answer for
anything else."""

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation

from access.templatetags.quick_dates import _writer, date as quick_date

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _formats_in_templates() -> set[str]:
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        found |= set(re.findall(r'\|date:"([^"]*)"', path.read_text()))
    return found


def test_every_format_the_templates_use_is_written_as_django_writes_it():
    formats = _formats_in_templates()
    assert {"j F Y", "j M Y", "j F Y, H:i"} <= formats
    london = ZoneInfo("Europe/London")
    start = datetime(2025, 1, 1, 0, 7, 9, tzinfo=london)
    moments = [start + timedelta(days=n, hours=n % 24, minutes=n % 60) for n in range(0, 800, 7)]
    days = [moment.date() for moment in moments] + [date(1999, 12, 31), date(2, 3, 4)]
    for format_string in formats:
        assert _writer(format_string) is not None, format_string  # each is written here, not handed back
        for moment in moments:
            local = timezone.localtime(moment)
            assert quick_date(local, format_string) == django_date(local, format_string), (format_string, local)
        if not {"H", "i", "s"} & set(format_string):
            for day in days:
                assert quick_date(day, format_string) == django_date(day, format_string), (format_string, day)


def test_anything_else_is_djangos_answer():
    moment = timezone.localtime(datetime(2026, 7, 4, 15, 30, tzinfo=ZoneInfo("Europe/London")))
    for format_string in ("D d/m/y", r"j \o\f F", "N jS", None, ""):
        assert quick_date(moment, format_string) == django_date(moment, format_string)
    for each in (quick_date, django_date):  # a date has no time: Django refuses the format
        with pytest.raises(TypeError):
            each(date(2026, 7, 4), "H:i")
    assert quick_date("not a date", "j M Y") == django_date("not a date", "j M Y")
    assert quick_date(None, "j M Y") == ""
    with translation.override("fr"):
        assert quick_date(moment, "j F Y") == django_date(moment, "j F Y")
