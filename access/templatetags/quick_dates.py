"""`|date` for every template (a built-in library, config/settings.py TEMPLATES): Django's filter, with the few formats
the pages use ("j F Y", "j M Y H:i", ...) written straight from the date in English (issue 16: speed).

Django's filter reads the format letter by letter through its translation and formatting machinery: some 150 Python
calls a date, and a list of 25 rows shows 50 to 75 dates. The product is written in English (LANGUAGE_CODE en-gb);
in any other language, and for any other format, Django's filter answers. tests/access/test_quick_dates.py checks
that both give the same words for every format the templates use.
"""

import datetime
from functools import lru_cache

from django.template import Library
from django.template.defaultfilters import date as django_date
from django.utils.translation import get_language

register = Library()

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LETTERS = {
    "j": lambda d: str(d.day),
    "F": lambda d: MONTHS[d.month - 1],
    "M": lambda d: MONTHS[d.month - 1][:3],
    "Y": lambda d: "%04d" % d.year,
    "l": lambda d: WEEKDAYS[d.weekday()],
    "H": lambda d: "%02d" % d.hour,
    "i": lambda d: "%02d" % d.minute,
    "s": lambda d: "%02d" % d.second,
}
TIME_LETTERS = {"H", "i", "s"}


@lru_cache(maxsize=64)
def _writer(format_string):
    """A function writing a date in `format_string`, and whether the format needs a time; None for a format with a
    letter or escape this does not write (Django's filter writes it)."""
    if not format_string:
        return None
    parts = []
    for char in format_string:
        if char in LETTERS:
            parts.append(LETTERS[char])
        elif char.isalpha() or char == "\\":
            return None
        else:
            parts.append(char)
    return (lambda value: "".join(part if isinstance(part, str) else part(value) for part in parts),
            bool(TIME_LETTERS & set(format_string)))


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    writer = _writer(arg) if isinstance(value, datetime.date) and get_language() in ("en-gb", "en") else None
    if writer is None or (writer[1] and not isinstance(value, datetime.datetime)):
        return django_date(value, arg)
    return writer[0](value)
