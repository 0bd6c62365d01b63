"""Addresses of pages, reversed once (issue 16: speed).

Django's `reverse` matches each address against its pattern again on every call: about 30 microseconds, and a list
of 25 children or entries asks for 50 to 90 addresses a page (the record's tabs, each row's links). An address
depends only on the view's name, its arguments, the URL configuration, the script prefix and the current
application, so it is remembered under all of them (the last few thousand asked).
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


def remembered_reverse(view_name: str, args=(), kwargs=None, current_app=None) -> str:
    """`reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)`, remembered."""
    try:
        key = (view_name, tuple(args), tuple(sorted((kwargs or {}).items())), current_app, get_urlconf(),
               get_script_prefix())
        hash(key)
    except TypeError:  # an argument that cannot be a key (a list): reversed as it is
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse(*key)


@lru_cache(maxsize=4096)
def _reverse(view_name, args, kwargs, current_app, urlconf, prefix) -> str:
    return reverse(view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)
