"""§11 guidance: unexplained acronyms, phrases to avoid, reading age."""

from records.designs.plain_english import find_phrases_to_avoid, find_unexplained_acronyms, guidance_for, reading_age

GLOSSARY = {"LAC": "looked after child", "CP": "child protection", "PEP": "personal education plan"}
PHRASES = {"non-compliant": "say what the person did or did not do", "manipulative": "describe the behaviour you saw"}


def test_acronym_without_explanation_is_reported_with_its_glossary_meaning():
    assert find_unexplained_acronyms("The CP plan was reviewed.", GLOSSARY) == [("CP", "child protection")]


def test_acronym_explained_in_brackets_or_by_its_meaning_is_not_reported():
    assert find_unexplained_acronyms("The PEP (personal education plan) was agreed.", GLOSSARY) == []
    assert find_unexplained_acronyms("As a looked after child (LAC) she...", GLOSSARY) == []


def test_unknown_capitalised_acronym_is_reported_without_meaning():
    assert find_unexplained_acronyms("We discussed the TAF meeting.", GLOSSARY) == [("TAF", "")]


def test_each_acronym_is_reported_once_and_plurals_are_understood():
    assert find_unexplained_acronyms("Two PEPs and another PEP.", GLOSSARY) == [("PEP", "personal education plan")]


def test_phrases_to_avoid_are_found_whole_and_case_insensitively():
    found = find_phrases_to_avoid("Mum was Non-compliant with the plan.", PHRASES)
    assert found == [("non-compliant", "say what the person did or did not do")]
    assert find_phrases_to_avoid("The plan was complied with.", PHRASES) == []


def test_reading_age_is_none_for_short_text_and_higher_for_hard_text():
    assert reading_age("Too short.") is None
    easy = "The child said she was happy at school. Mum told me that the family had moved house in June. I saw the bedroom and it was clean."
    hard = ("Notwithstanding the multifaceted intergenerational vulnerabilities identified, the practitioner "
            "contemporaneously substantiated the safeguarding considerations and the corresponding interventions "
            "necessitated by the circumstances.")
    assert reading_age(easy) < 10
    assert reading_age(hard) > reading_age(easy) + 10


def test_guidance_collects_everything_and_never_blocks():
    guidance = guidance_for("The LAC review was non-compliant.", glossary=GLOSSARY, phrases=PHRASES)
    assert guidance.has_advice
    assert guidance.unexplained_acronyms == [("LAC", "looked after child")]
    assert guidance.phrases_to_avoid == [("non-compliant", "say what the person did or did not do")]
