"""The quote-mark splitter: balanced, nested, unbalanced, multi-paragraph; offsets exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powderkeg.quotes.marks import find_marked, paragraphs


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_marked(text)]


def test_curly_and_straight_marks() -> None:
    text = 'He said “we will win,” and then "we will stay."'
    assert _texts(text) == ["we will win,", "we will stay."]


def test_nested_single_and_double_quotes_stay_inside() -> None:
    text = "“They told us ‘never again’ and “no way” twice,” she said."
    assert _texts(text) == ["They told us ‘never again’ and “no way” twice,"]


def test_unbalanced_mark_ends_at_paragraph_end() -> None:
    text = "Intro “this never closes and runs on\n\nNext paragraph is plain text.\n\nMore text."
    quotes = find_marked(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end] == "this never closes and runs on"
    assert quotes[0].close_at is None


def test_unclosed_quote_in_one_long_paragraph_is_cut() -> None:
    text = "“" + "Word after word. " * 400
    quotes = find_marked(text, max_chars=500)
    assert quotes and all(q.end - q.start <= 500 for q in quotes)


def test_multi_paragraph_quote_without_closing_mark() -> None:
    text = "She said: “first part.\n\n“Second part.”\n\nAfter."
    assert _texts(text) == ["first part.", "Second part."]


def test_mixed_curly_open_straight_close() -> None:
    text = 'the “provocation that threatens us."'
    assert _texts(text) == ["provocation that threatens us."]


def test_paragraphs_split_on_blank_lines_or_newlines() -> None:
    assert paragraphs("a\n\nb") == [(0, 1), (3, 4)]
    assert paragraphs("a\nb") == [(0, 1), (2, 3)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab .,\n"“”„«»’\'')), max_size=300))
def test_never_crashes_and_offsets_stay_inside(text: str) -> None:
    for q in find_marked(text, max_chars=50):
        assert 0 <= q.start < q.end <= len(text)
        assert q.open_at < q.start
        assert q.close_at is None or q.end <= q.close_at
