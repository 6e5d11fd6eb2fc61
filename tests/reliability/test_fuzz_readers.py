"""Property tests: the readers of untrusted bytes only ever yield Articles or the documented
InputErrors (never another exception), and every Article's text is clean.
The invariants live in fuzz/targets.py, shared with fuzz/run_fuzz.py."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seeds import ATOM, FEED, HTML, JSON_OBJECTS, warc_bytes
from targets import TARGETS

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that leans towards the characters our parsers care about.
MARKUP = st.text(
    alphabet=st.sampled_from(list("<>/=\"'&;#!?-[]{}:, \n\r\tpdivrsxmlabc0123456789\x00\u201c\u00e9"))
)
ANY_TEXT = st.one_of(st.text(), MARKUP)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "cp1252", "utf-8-sig"])


def encoded(text_strategy):
    return st.tuples(text_strategy, ENCODINGS).map(lambda p: p[0].encode(p[1], errors="replace"))


@st.composite
def spliced(draw, seed: str):
    """A seed document cut, with random text put in at a random place."""
    cut = draw(st.integers(0, len(seed)))
    return (seed[:cut] + draw(ANY_TEXT) + seed[cut + draw(st.integers(0, 50)) :]).encode(
        "utf-8", "surrogatepass"
    )


@FUZZ
@given(st.one_of(st.binary(), encoded(ANY_TEXT)))
def test_text_reader(data: bytes) -> None:
    TARGETS["text"].run(data)


@FUZZ
@given(st.one_of(spliced(HTML), encoded(MARKUP), st.binary(max_size=200)))
def test_html_reader(data: bytes) -> None:
    TARGETS["html"].run(data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "text", "html", "title", "published", "url", "outlet", "x"]),
            inner,
            max_size=6,
        )
    ),
    max_leaves=12,
)


@FUZZ
@given(st.lists(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=40)), max_size=6))
def test_jsonl_reader(lines: list[str]) -> None:
    TARGETS["jsonl"].run("\n".join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.one_of(JSON_VALUES.map(json.dumps), spliced(json.dumps(JSON_OBJECTS))))
def test_json_reader(doc) -> None:
    TARGETS["json"].run(doc if isinstance(doc, bytes) else doc.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.one_of(spliced(FEED), spliced(ATOM), encoded(MARKUP)))
def test_feed_reader(data: bytes) -> None:
    TARGETS["feed"].run(data)


@FUZZ
@given(st.integers(0, 2**32), st.integers(0, 3000), st.binary(max_size=40), st.booleans())
def test_warc_reader(seed: int, cut: int, junk: bytes, truncate: bool) -> None:
    """Small random WARCs built with warcio, then cut or corrupted."""
    data = warc_bytes(random.Random(seed))
    data = data[:cut] if truncate else data[:cut] + junk + data[cut + len(junk) :]
    TARGETS["warc"].run(data)


@FUZZ
@given(st.one_of(st.binary(), encoded(MARKUP), spliced(HTML), spliced(FEED)))
def test_any_file_sniffed_and_read(data: bytes) -> None:
    TARGETS["sniff"].run(data)


def test_json_with_unpaired_surrogates_is_an_encoding_error() -> None:
    from targets import SETTINGS

    from powderkeg.errors import EncodingError
    from powderkeg.ingest.formats import jsonl_articles

    lines = [
        '{"id": "s", "text": "Kyiv \\ud800 said."}',
        '{"text": "Kyiv said.", "title": "\\udfff"}',
        '{"text": "Kyiv said on Monday."}',
    ]
    items = list(jsonl_articles(lines, "f.jsonl", SETTINGS))
    assert [type(i).__name__ for i in items] == ["EncodingError", "EncodingError", "Article"]
    assert isinstance(items[0], EncodingError) and "surrogate" in items[0].reason
