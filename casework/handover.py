"""What the records app hands casework when it starts (records/apps.py).

Dependencies run one way (access <- casework <- records): casework never imports records. Where casework needs
something only records keeps (the working calendar, the statutory visit clocks, the visits, health checks and
contacts Ofsted's Annex A reads), it declares a `Handover` and records gives it the function at start-up.
"""

from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T", bound=Callable)


class Handover(Generic[T]):
    def __init__(self, what: str):
        self.what = what  # for the error when it is needed and was never given
        self.given: T | None = None

    def give(self, function: T) -> None:
        """Called once, by the records app when it starts."""
        self.given = function

    def call_or_none(self, *args, **kwargs):
        """What the function answers, or None when none was given (a column then stays empty)."""
        return None if self.given is None else self.given(*args, **kwargs)

    def call(self, *args, **kwargs):
        """What the function answers; refused when none was given, where silently doing without would be wrong."""
        if self.given is None:
            raise ImproperlyConfigured(f"No {self.what}: the records app hands it over when it starts.")
        return self.given(*args, **kwargs)
