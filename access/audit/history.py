"""Who a change is attributed to in django-simple-history.

In a web request it is the signed-in user. Outside one (Celery tasks, management commands, the
shell) simple-history knows nobody (its issue #780), so we attribute the change to whoever the
code says is acting (`acting_as`) and, failing that, to the named system user.
"""

import contextvars
import copy
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import router
from simple_history.models import HistoricalRecords

_acting_user = contextvars.ContextVar("casework_acting_user", default=None)


# Per database: the account, read once per process. Every history row written outside a request asks for
# it, and it is never deleted (nothing is), so its row never changes under us.
_system_users: dict[str, object] = {}


def system_user():
    """The named, sign-in-less account that automatic changes are attributed to (a copy: callers may not
    change the one kept)."""
    User = get_user_model()
    database = router.db_for_write(User)
    if database not in _system_users:
        user, created = User.objects.using(database).get_or_create(
            username=settings.SYSTEM_USERNAME,
            defaults={"first_name": "Casework", "last_name": "system", "is_active": False},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        _system_users[database] = user
    return copy.copy(_system_users[database])


@contextmanager
def acting_as(user):
    """Attribute every change made inside the block to `user`."""
    token = _acting_user.set(user)
    try:
        yield user
    finally:
        _acting_user.reset(token)


def history_user(instance=None, request=None, **kwargs):
    acting = _acting_user.get()
    if acting is not None:
        return acting
    if request is not None and request.user.is_authenticated:
        return request.user
    return system_user()


def Historical(**options):
    """HistoricalRecords with our attribution rule: use this on every model of the project."""
    return HistoricalRecords(get_user=history_user, **options)


CHANGE_REASON_MAX = 100  # simple-history's history_change_reason is a varchar(100)


def change_reason(text: str) -> str:
    """A history row's change reason that fits its column: a longer reason (kept whole in its own
    record, such as an amendment) is shown shortened, with an ellipsis, never cut silently or a crash."""
    text = " ".join(text.split())
    return text if len(text) <= CHANGE_REASON_MAX else text[:CHANGE_REASON_MAX - 1] + "…"
