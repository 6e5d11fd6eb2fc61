"""Property tests: the pure text parsers (furniture, dates, numbers, quote marks) never
raise on any text and keep their offsets inside it and true to it."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seeds import ARTICLE, DATES, EXPRESSIONS, NUMBER_TEXTS, QUOTE_TEXTS
from targets import TARGETS

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NO_SURROGATES = st.characters(blacklist_categories=("Cs",))


def near(seeds: list[str], alphabet: str):
    """Seed texts with random edits drawn from ``alphabet`` (and any character)."""
    piece = st.text(alphabet=st.one_of(st.sampled_from(list(alphabet)), NO_SURROGATES), max_size=30)
    return st.tuples(st.sampled_from(seeds), st.integers(0, 400), piece, st.integers(0, 20)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + t[3] :]
    )


@FUZZ
@given(st.one_of(st.text(alphabet=NO_SURROGATES), near([ARTICLE], '\n\r .…"“By0123456789,:')))
def test_furniture_body_is_the_text_from_body_start(text: str) -> None:
    TARGETS["furniture"].run(text)


@FUZZ
@given(st.one_of(st.text(), near(DATES, "0123456789/:-., |APMapm")))
def test_parse_dateline(text: str) -> None:
    TARGETS["dateline"].run(text)


@FUZZ
@given(st.one_of(st.text(), near(DATES, "0123456789TZ+-:., ")))
def test_normalise_published(text: str) -> None:
    TARGETS["published"].run(text)


@FUZZ
@given(
    st.one_of(st.text(), near(EXPRESSIONS, "0123456789/. ")),
    st.one_of(st.none(), st.dates()),
    st.sampled_from([None, "past", "future"]),
)
def test_resolve_date(text: str, published: dt.date | None, hint: str | None) -> None:
    from powderkeg.events.dates import resolve_date

    iso, precision = resolve_date(text, published, hint)
    assert (iso is None) == (precision is None)
    assert precision in (None, "day", "week", "month", "year")


def test_resolve_date_at_the_ends_of_the_calendar() -> None:
    from powderkeg.events.dates import resolve_date

    assert resolve_date("on Sunday", dt.date(1, 1, 1), "past") == (None, None)
    assert resolve_date("next week", dt.date(9999, 12, 31)) == (None, None)
    assert resolve_date("10/23/2024 " + "24s" * 1000, dt.date(2024, 10, 26)) == (None, None)


@FUZZ
@given(st.one_of(st.text(), near(NUMBER_TEXTS, "0123456789,.-$€ ")))
def test_find_numbers(text: str) -> None:
    TARGETS["numbers"].run(text)


@FUZZ
@given(st.one_of(st.text(), near(QUOTE_TEXTS, '"“”„«»‟ \n.')))
def test_find_marked(text: str) -> None:
    TARGETS["quotes"].run(text)
