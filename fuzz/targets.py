"""Fuzz targets: each parser of untrusted input with the invariants its output must keep.

A target takes one input (``bytes`` or ``str``) and raises ``AssertionError`` (or any
other exception) when the parser misbehaves. What counts as misbehaving:

- a reader raises or yields anything but an ``InputError`` subclass (the documented
  failures); a pure parser raises at all;
- an offset falls outside the text, or the text at an offset is not what the record says.

Used by ``fuzz/run_fuzz.py`` (mutational, 100,000s of inputs) and by the property tests
in ``tests/reliability/test_fuzz_*.py`` (hypothesis, a few hundred each).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from powderkeg.config import Settings
from powderkeg.errors import InputError
from powderkeg.records import Article

#: Small limits, so that "too large" paths are reached by small fuzz inputs too.
SETTINGS = Settings(max_chars=20_000, max_bytes=60_000, default_date=None)


def check_items(items: list, source: str = "fuzz") -> None:
    """What a reader yields: Articles with non-blank text, or InputErrors naming the input."""
    for item in items:
        if isinstance(item, InputError):
            assert item.source.startswith(source), item.source
            assert isinstance(item.reason, str) and item.reason, item
            continue
        assert isinstance(item, Article), type(item)
        assert item.text.strip(), item
        assert "\r" not in item.text
        assert len(item.text) <= SETTINGS.max_chars
        item.to_dict()  # serialisable record


def run_reader(make: Callable[[], object], source: str = "fuzz") -> None:
    """Drain a reader; an InputError raised counts as one yielded."""
    items: list = []
    try:
        items.extend(make())  # type: ignore[call-overload]
    except InputError as exc:
        items.append(exc)
    check_items(items, source)


# --- readers ---------------------------------------------------------------------


def text_reader(data: bytes) -> None:
    """Bytes of a .txt file -> decode -> furniture -> Article."""
    from powderkeg.ingest.readers import _read_document

    run_reader(lambda: _read_document(data, "text", "fuzz", SETTINGS))


def furniture(text: str) -> None:
    """article_from_text: the body is the text from ``body_start`` on, unchanged."""
    from powderkeg.ingest.articles import article_from_text
    from powderkeg.ingest.decode import normalise_newlines
    from powderkeg.ingest.furniture import find_furniture

    norm = normalise_newlines(text)
    found = find_furniture(norm)
    assert 0 <= found.body_start <= len(norm)
    try:
        article = article_from_text(text, "fuzz", SETTINGS)
    except InputError as exc:
        check_items([exc])
        return
    assert article.text == norm[found.body_start :], (found, article.text[:80])


def html_reader(data: bytes) -> None:
    from powderkeg.ingest.readers import _read_document

    run_reader(lambda: _read_document(data, "html", "fuzz", SETTINGS))


def json_reader(data: bytes) -> None:
    from powderkeg.ingest.readers import _read_document

    run_reader(lambda: _read_document(data, "json", "fuzz", SETTINGS))


def jsonl_reader(data: bytes) -> None:
    """JSON Lines from a whole document, and line by line as a large file is streamed."""
    from powderkeg.ingest.decode import decode_8bit
    from powderkeg.ingest.formats import jsonl_articles
    from powderkeg.ingest.readers import _read_document

    run_reader(lambda: _read_document(data, "jsonl", "fuzz", SETTINGS))
    lines = [decode_8bit(line) for line in data.splitlines(keepends=True)]
    run_reader(lambda: jsonl_articles(lines, "fuzz", SETTINGS))


def feed_reader(data: bytes) -> None:
    from powderkeg.ingest.readers import _read_document

    run_reader(lambda: _read_document(data, "feed", "fuzz", SETTINGS))


def warc_reader(data: bytes) -> None:
    from powderkeg.ingest.formats import warc_articles

    run_reader(lambda: warc_articles(io.BytesIO(data), "fuzz", SETTINGS))


def sniffed_file(data: bytes) -> None:
    """Any bytes in a file of unknown type: sniffed, then read by the format found."""
    from powderkeg.ingest.readers import _choose_format, _read_document, sniff_format

    if not data:
        return
    fmt = _choose_format(None, sniff_format(data[:4096]), data[:4096])
    if fmt == "warc":
        run_reader(
            lambda: __import__("powderkeg.ingest.formats", fromlist=["x"]).warc_articles(
                io.BytesIO(data), "fuzz", SETTINGS
            )
        )
    else:
        run_reader(lambda: _read_document(data, fmt, "fuzz", SETTINGS))


# --- pure parsers ----------------------------------------------------------------


def _iso_like(value: str) -> None:
    dt.date.fromisoformat(value[:10]) if len(value) >= 10 else int(value[:4])


def dateline(text: str) -> None:
    from powderkeg.ingest.dates import parse_dateline

    out = parse_dateline(text)
    assert out is None or isinstance(out, str)
    if out:
        _iso_like(out)


def published(text: str) -> None:
    from powderkeg.ingest.dates import normalise_published

    out = normalise_published(text)
    assert out is None or isinstance(out, str)


_PUBLISHED = (None, dt.date(2024, 10, 26), dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2000, 2, 29))


def resolve(text: str) -> None:
    from powderkeg.events.dates import resolve_date

    for published_on in _PUBLISHED:
        for hint in (None, "past", "future"):
            iso, precision = resolve_date(text, published_on, hint)
            assert (iso is None) == (precision is None), (iso, precision)
            assert precision in (None, "day", "week", "month", "year")


@lru_cache(maxsize=1)
def _lexicon():
    from powderkeg.claims.lexicon import load_numbers

    return load_numbers()


def numbers(text: str) -> None:
    from powderkeg.claims.numbers import find_numbers

    last = -1
    for m in find_numbers(text, _lexicon()):
        assert 0 <= m.start <= m.num_start < m.num_end <= len(text), m
        assert m.start < m.end <= len(text), m
        assert m.start >= last, m  # in text order
        last = m.start
        values = m.value if isinstance(m.value, tuple) else (m.value,)
        assert all(isinstance(v, float) for v in values), m


def quote_marks(text: str) -> None:
    from powderkeg.quotes.marks import ALL_MARKS, find_marked

    for max_chars in (2000, 40):
        prev_end = -1
        for q in find_marked(text, max_chars):
            assert 0 <= q.open_at < q.start < q.end <= len(text), q
            assert text[q.open_at] in ALL_MARKS, q
            assert q.close_at is None or (
                q.end <= q.close_at < len(text) and text[q.close_at] in ALL_MARKS
            ), q
            assert text[q.start : q.end].strip() == text[q.start : q.end], q
            assert q.open_at >= prev_end, q  # no overlap, in text order
            prev_end = q.end


@dataclass(frozen=True)
class Target:
    run: Callable[[object], None]
    kind: str  # "bytes" or "str"


TARGETS: dict[str, Target] = {
    "text": Target(text_reader, "bytes"),
    "furniture": Target(furniture, "str"),
    "html": Target(html_reader, "bytes"),
    "json": Target(json_reader, "bytes"),
    "jsonl": Target(jsonl_reader, "bytes"),
    "feed": Target(feed_reader, "bytes"),
    "warc": Target(warc_reader, "bytes"),
    "sniff": Target(sniffed_file, "bytes"),
    "dateline": Target(dateline, "str"),
    "published": Target(published, "str"),
    "resolve_date": Target(resolve, "str"),
    "numbers": Target(numbers, "str"),
    "quotes": Target(quote_marks, "str"),
}
