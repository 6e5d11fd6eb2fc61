"""Article records from text plus whatever metadata the input states.

Two ways in:
- ``build_article``: the text is kept as given (line endings normalised to \\n, nothing
  else changed), so offsets line up with the user's own copy. Used for JSON input.
- ``article_from_text``: raw text (files, stdin, web pages, feeds); headline, dateline,
  byline and teaser at the top are read into metadata and cut from the body
  (see ``furniture``).

``published`` is the date the article states, normalised to ISO 8601; where it states
none, ``settings.default_date`` (the CLI's ``--date``) is used, and null where that is
unset too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from powderkeg.config import Settings
from powderkeg.errors import EmptyInputError, EncodingError, TooLargeError
from powderkeg.ingest.dates import normalise_published
from powderkeg.ingest.decode import normalise_newlines
from powderkeg.ingest.furniture import find_furniture, squash
from powderkeg.records import Article, stable_id

#: Metadata keys an input may state besides the text.
META_KEYS: tuple[str, ...] = ("id", "title", "published", "url", "outlet")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_meta(meta: Mapping[str, Any] | None) -> dict[str, Any]:
    """Only the known keys, without empty values; strings other than the id are trimmed."""
    out: dict[str, Any] = {}
    for key in META_KEYS:
        value = (meta or {}).get(key)
        if isinstance(value, str) and key != "id":
            value = squash(value)
        if value is not None and value != "":
            out[key] = value
    return out


def build_article(
    text: str, source: str, settings: Settings, meta: Mapping[str, Any] | None = None
) -> Article:
    """An Article whose text is ``text`` as given (line endings aside).

    Raises EmptyInputError for a blank text and TooLargeError above ``settings.max_chars``.
    An ``id`` in ``meta`` is kept verbatim; without one the id is derived from the text
    (the same text always gets the same id).
    """
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyInputError(source, "article text is empty")
    if len(text) > settings.max_chars:
        raise TooLargeError(
            source,
            f"article text is {len(text):,} characters, over the limit of {settings.max_chars:,} (max_chars)",
        )
    if _SURROGATE.search(text):
        raise EncodingError(source, "article text holds an unpaired surrogate: not valid Unicode")
    info = _clean_meta(meta)
    article_id = info.get("id")
    return Article(
        id=str(article_id) if article_id is not None else stable_id(text, prefix="a"),
        title=info.get("title"),
        published=normalise_published(info.get("published")) or settings.default_date,
        url=info.get("url"),
        outlet=info.get("outlet"),
        text=text,
        source=source,
    )


def article_from_text(
    text: str, source: str, settings: Settings, meta: Mapping[str, Any] | None = None
) -> Article:
    """An Article from raw text: furniture at the top becomes metadata and leaves the body.

    Metadata stated in ``meta`` wins over what the text's top lines suggest.
    """
    text = normalise_newlines(text)
    info = _clean_meta(meta)
    furniture = find_furniture(text, known_title=info.get("title"))
    found = {"title": furniture.title, "published": furniture.published, "outlet": furniture.outlet}
    merged = {key: value for key, value in found.items() if value} | info
    return build_article(text[furniture.body_start:], source, settings, merged)
