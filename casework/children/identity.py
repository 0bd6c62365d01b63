"""Identity rules for a child's record (§5): NHS numbers, local IDs, names for searching."""

import re
import secrets
import unicodedata

# Crockford's alphabet: no I, L, O or U, so an ID read aloud or copied by hand is not misread.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOCAL_ID_PATTERN = r"CW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"
_LOCAL_ID_RE = re.compile(rf"^{LOCAL_ID_PATTERN}$")


def generate_local_id() -> str:
    """A random local child ID such as CW-4K7Q-9M2P: not sequential, so it reveals nothing."""
    chars = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
    return f"CW-{chars[:4]}-{chars[4:]}"


def looks_like_local_id(text: str) -> bool:
    return bool(_LOCAL_ID_RE.match(text.strip().upper()))


def normalise_nhs_number(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw or "")


def nhs_number_is_valid(raw: str) -> bool:
    """NHS number: ten digits, the last a modulus 11 check digit over the first nine."""
    digits = normalise_nhs_number(raw)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def normalise_for_search(text: str) -> str:
    """Lower case, accents and apostrophes removed, other punctuation to spaces.

    'Zoë O'Brien-Smith' -> 'zoe obrien smith', so "obrien" and "o'brien" both find her.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    without_apostrophes = re.sub(r"['\u2019`]", "", without_accents.casefold())
    words = re.sub(r"[^0-9a-z]+", " ", without_apostrophes)
    return " ".join(words.split())
