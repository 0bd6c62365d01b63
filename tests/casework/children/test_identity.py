"""§5 identity rules: NHS number check digit, local child IDs, names normalised for search."""

import re

import pytest

from casework.children.identity import (
    generate_local_id,
    looks_like_local_id,
    nhs_number_is_valid,
    normalise_for_search,
    normalise_nhs_number,
)


@pytest.mark.parametrize("number", ["9434765919", "4010232137"])
def test_nhs_number_with_correct_check_digit_is_valid(number):
    assert nhs_number_is_valid(number)


def test_nhs_number_whose_remainder_gives_check_digit_0_is_valid():
    # 943476508: weighted sum is a multiple of 11, so 11 - 0 = 11, written as 0.
    assert nhs_number_is_valid("9434765080")


@pytest.mark.parametrize("number", ["9434765918", "4010232138", "9434765081"])
def test_nhs_number_with_wrong_check_digit_is_invalid(number):
    assert not nhs_number_is_valid(number)


@pytest.mark.parametrize("last_digit", "0123456789")
def test_nhs_number_whose_check_digit_would_be_10_is_never_valid(last_digit):
    # 100000001: weighted sum 12, remainder 1, check digit 11 - 1 = 10: no NHS number has it.
    assert not nhs_number_is_valid(f"100000001{last_digit}")


@pytest.mark.parametrize("number", ["943 476 5919", " 943 476 5919 ", "943-476-5919"])
def test_nhs_number_may_be_written_with_spaces_or_hyphens(number):
    assert nhs_number_is_valid(number)
    assert normalise_nhs_number(number.strip()) == "9434765919"


@pytest.mark.parametrize("number", ["", "943476591", "94347659190", "943476591A", "9434 76591 9x"])
def test_nhs_number_must_be_exactly_ten_digits(number):
    assert not nhs_number_is_valid(number)


def test_local_id_has_the_cw_format_in_crockford_characters():
    for _ in range(200):
        local_id = generate_local_id()
        assert re.fullmatch(r"CW-[0-9A-Z]{4}-[0-9A-Z]{4}", local_id), local_id
        # No I, L, O or U: an ID read aloud or copied by hand is not misread.
        assert not set(local_id[3:]) & set("ILOU"), local_id
        assert looks_like_local_id(local_id)


def test_local_ids_are_random_not_sequential():
    ids = [generate_local_id() for _ in range(1000)]
    assert len(set(ids)) == len(ids)
    assert ids != sorted(ids)
    # Every position varies: no fixed counter prefix.
    for position in (3, 4, 5, 6, 8, 9, 10, 11):
        assert len({local_id[position] for local_id in ids}) > 10


def test_local_id_is_recognised_in_lower_case_and_with_spaces_around():
    assert looks_like_local_id("  cw-4k7q-9m2p ")


@pytest.mark.parametrize("text", ["CW-4K7Q-9M2", "CW-4K7Q-9M2PX", "CW-4K7O-9M2P", "XX-4K7Q-9M2P", "4K7Q9M2P"])
def test_text_that_is_not_a_local_id_is_not_recognised(text):
    assert not looks_like_local_id(text)


def test_normalise_for_search_removes_accents_and_case():
    assert normalise_for_search("Zoë") == "zoe"
    assert normalise_for_search("SIÂN Chloé Rónán") == "sian chloe ronan"


def test_normalise_for_search_removes_apostrophes_straight_and_curly():
    assert normalise_for_search("Zoë O'Brien") == "zoe obrien"
    assert normalise_for_search("O\u2019Brien") == "obrien"


def test_normalise_for_search_turns_other_punctuation_into_spaces():
    assert normalise_for_search("  Anne-Marie   Smith-Jones, ") == "anne marie smith jones"


def test_normalised_name_is_found_by_the_normalised_query():
    name = normalise_for_search("Zoë O'Brien")
    for query in ("zoe obrien", "o'brien", "ZOË", "O\u2019BRIEN"):
        assert all(word in name for word in normalise_for_search(query).split()), query
