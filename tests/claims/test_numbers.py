"""The number parser: digits, words, scales, ranges, qualifiers, units, non-numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powderkeg.claims.lexicon import load_numbers
from powderkeg.claims.numbers import find_numbers

LEX = load_numbers()


def _one(text: str):
    found = find_numbers(text, LEX)
    assert len(found) == 1, [text[m.start : m.end] for m in found]
    return found[0]


@pytest.mark.parametrize(("text", "value", "qualifier", "unit"), [
    ("some 3,000 North Korean soldiers", 3000, "approximately", None),
    ("upward of 10,000 soldiers", 10000, "at least", None),
    ("about 12,000 troops", 12000, "approximately", None),
    ("a million artillery shells", 1_000_000, "exact", None),
    ("12 million people", 12_000_000, "exact", None),
    ("1.5 billion dollars", 1_500_000_000, "exact", "dollars"),
    ("$1.5 billion in aid", 1_500_000_000, "exact", "dollars"),
    ("three generals", 3, "exact", None),
    ("two hundred and fifty troops", 250, "exact", None),
    ("twenty-five tanks", 25, "exact", None),
    ("more than 40% of voters", 40, "more than", "percent"),
    ("over 500 drones", 500, "more than", None),
    ("fewer than 20 ships", 20, "less than", None),
    ("up to 300 missiles", 300, "up to", None),
    ("at most 4 boats", 4, "at most", None),
    ("nearly 900 people", 900, "approximately", None),
    ("2,000 or more refugees", 2000, "at least", None),
    ("€5bn", 5_000_000_000, "exact", "euros"),
    ("a dozen drones", 12, "exact", None),
])
def test_values(text: str, value: float, qualifier: str, unit: str | None) -> None:
    m = _one(text)
    assert m.value == value and m.qualifier == qualifier and m.unit == unit


@pytest.mark.parametrize(("text", "low", "high"), [
    ("a 50 or 60 percent failure rate", 50, 60),
    ("between 200 and 300 people", 200, 300),
    ("between 2 and 3 million", 2_000_000, 3_000_000),
    ("5-10 percent", 5, 10),
])
def test_ranges(text: str, low: float, high: float) -> None:
    assert _one(text).value == (low, high)


@pytest.mark.parametrize("text", [
    "F-16 jets", "the G20 summit", "at 08:00 local time", "see page 3", "a 45-year-old man",
    "for the 2nd time", "call 555-1234", "under Resolution 2231", "(202) 555-0143",
])
def test_not_numbers(text: str) -> None:
    assert find_numbers(text, LEX) == []


def test_offsets_cover_the_expression() -> None:
    text = "Officials said some 3,000 soldiers arrived."
    m = _one(text)
    assert text[m.start : m.end] == "some 3,000"
    assert text[m.num_start : m.num_end] == "3,000"


PIECES = [*list('0123456789,.-$%: aon"“”'), "million ", "three ", "a ", "or ", "between ", "and ", "some "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_parser_never_crashes_and_offsets_stay_inside(text: str) -> None:
    for m in find_numbers(text, LEX):
        assert 0 <= m.start <= m.num_start < m.num_end <= m.end <= len(text)
