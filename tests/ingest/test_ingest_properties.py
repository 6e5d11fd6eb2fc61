"""Property tests: the plain-text reader never crashes and never leaves a carriage return."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powderkeg.config import Settings
from powderkeg.errors import InputError
from powderkeg.ingest.articles import article_from_text
from powderkeg.ingest.decode import decode_bytes

LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["", "Oct 26, 2024 - 08:00", "By Jane Doe", "Headline here", "Teaser text here...",
                         "\r", "\r\n", "“Quoted,” he said", "…"]),
    ),
    max_size=12,
)


@given(LINES, st.sampled_from(["\n", "\r\n", "\r"]))
@settings(max_examples=150, deadline=None)
def test_text_reader_never_crashes(lines, newline):
    text = newline.join(lines)
    try:
        article = article_from_text(text, "prop.txt", Settings())
    except InputError as exc:
        assert exc.source == "prop.txt"
        return
    assert "\r" not in article.text
    assert article.text.strip()
    assert article.text in text.replace("\r\n", "\n").replace("\r", "\n")


@given(st.binary(max_size=400))
@settings(max_examples=150, deadline=None)
def test_decoder_never_crashes(data):
    try:
        text = decode_bytes(data, "prop.bin")
    except InputError as exc:
        assert exc.source == "prop.bin"
        return
    assert "\r" not in text and text.strip()
