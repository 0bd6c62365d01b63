"""Codes people copy by hand: enrolment codes, recovery codes and the authenticator app's secret.

Each is shown in groups of four, so that it can be read from paper or over the phone; letters and
numbers that look alike (0/O, 1/I) are left out of the codes we make.
"""

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each


def in_fours(text: str, separator: str = "-") -> str:
    return separator.join(text[i:i + 4] for i in range(0, len(text), 4))


def new_code(length: int = 12) -> str:
    """A random code such as "ABCD-EFGH-JK23" (12 symbols: 60 bits)."""
    return in_fours("".join(secrets.choice(ALPHABET) for _ in range(length)))


def normalised(code: str) -> str:
    """However it was typed: "abcd efgh jk23" is "ABCD-EFGH-JK23"."""
    return in_fours("".join(ch for ch in code.upper() if ch.isalnum()))
