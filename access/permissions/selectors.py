"""Reads of the per-child permissions themselves (not of who holds them)."""

import functools

from django.contrib.auth.models import Permission


@functools.cache
def permission(codename: str) -> Permission:
    """A per-child permission, read once per process: they are made by the migrations and never change."""
    return Permission.objects.get(content_type__app_label="casework", codename=codename)


def permission_id(codename: str) -> int:
    """The id of a per-child permission, for the queries that read who holds it (casework's `visible_to`)."""
    return permission(codename).pk
