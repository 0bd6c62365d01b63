"""How many cases each part of the security suite tried, printed at the end of the run (conftest.py).

`tried` counts attack cases (they add up to the total in the README); `noted` records what came of
them (stored, refused, pages read), shown beside them but not added in.
"""

from collections import Counter

TRIED: Counter = Counter()
NOTED: Counter = Counter()


def tried(kind: str, n: int = 1) -> None:
    TRIED[kind] += n


def noted(kind: str, n: int = 1) -> None:
    NOTED[kind] += n
