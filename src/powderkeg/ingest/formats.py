"""One reader per format: HTML pages, JSON / JSON Lines, RSS/Atom feeds, WARC archives.

Each multi-article reader yields ``Article | InputError`` so that one bad line, entry or
record is reported and the rest of the file still read.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from powderkeg.config import Settings
from powderkeg.errors import EmptyInputError, EncodingError, FormatError, InputError, TooLargeError
from powderkeg.ingest.articles import article_from_text, build_article
from powderkeg.ingest.decode import decode_bytes
from powderkeg.ingest.furniture import squash
from powderkeg.records import Article

Item = Article | InputError

_BLOCK_TAGS = frozenset((
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer",
))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_STRING_FIELDS = ("title", "published", "url", "outlet", "html")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_VOID_TAGS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
))
#: libxml2 (under lxml and trafilatura) gives up on deeper documents.
_MAX_HTML_DEPTH = 256


# --- HTML ---------------------------------------------------------------------------


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """HTML bytes to text: the declared charset (HTTP header or <meta>) where it works,
    else the usual detection (``decode_bytes``)."""
    match = _META_CHARSET.search(data[:4096])
    for name in (declared, match.group(1).decode("ascii") if match else None):
        if not name:
            continue
        try:
            codecs.lookup(name)
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        if "\x00" not in text and text.strip():
            return decode_bytes(text.encode("utf-8"), source)
    return decode_bytes(data, source)


def _extract(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """Body text and metadata of a web page via trafilatura (all text as a fallback)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        text = (doc.text if doc is not None else "") or ""
        if not text.strip():
            text = trafilatura.html2txt(html) or ""
    except RecursionError as exc:
        raise FormatError(source, "HTML is nested too deeply to parse") from exc
    found = {}
    if doc is not None:
        found = {"title": doc.title, "published": doc.date, "url": doc.url, "outlet": doc.sitename}
    return text, found


def nesting_depth(html: str) -> int:
    """The deepest element nesting of an HTML text, counted from its tags (no parse)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def html_article(
    html: str, source: str, settings: Settings, meta: Mapping[str, Any] | None = None
) -> Article:
    """An Article from a web page: boilerplate removed; title, date, site name and URL
    from the page's metadata unless ``meta`` states them."""
    if len(html) > settings.max_bytes:
        raise TooLargeError(source, f"HTML is over the limit of {settings.max_bytes:,} (max_bytes)")
    text, found = _extract(html, source)
    if not text.strip():
        if nesting_depth(html) > _MAX_HTML_DEPTH:
            raise FormatError(source, f"HTML is nested too deeply to parse (over {_MAX_HTML_DEPTH} levels)")
        raise FormatError(source, "no article text found in the HTML (empty or truncated page?)")
    merged = {k: v for k, v in found.items() if v} | {k: v for k, v in (meta or {}).items() if v}
    return article_from_text(text, source, settings, merged)


def fragment_to_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's content): one paragraph per block, blank
    lines between paragraphs, whitespace inside a paragraph collapsed."""
    if "<" not in html:
        return "\n\n".join(squash(p) for p in re.split(r"\n\s*\n", html) if p.strip())
    import lxml.etree
    import lxml.html

    html = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", " ", html)  # not allowed in XML/lxml
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return squash(re.sub(r"<[^>]*>", " ", html))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    paragraphs = (squash(p) for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


# --- JSON ---------------------------------------------------------------------------


def _check_fields(obj: Mapping[str, Any], source: str) -> None:
    for key in _STRING_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise FormatError(source, f"'{key}' must be a string, got {type(obj[key]).__name__}")
    for key in ("text", "id", *_STRING_FIELDS):
        if isinstance(obj.get(key), str) and _SURROGATE.search(obj[key]):
            raise EncodingError(
                source, f"'{key}' holds an unpaired surrogate (a \\ud800-\\udfff escape): not valid Unicode"
            )
    value = obj.get("id")
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
        raise FormatError(source, f"'id' must be a string or an integer, got {type(value).__name__}")


def article_from_object(obj: Any, source: str, settings: Settings) -> Article:
    """An Article from a JSON article object (``text`` or ``html``; optional ``id``,
    ``title``, ``published``, ``url``, ``outlet``). A given ``text`` is kept verbatim."""
    if not isinstance(obj, dict):
        raise FormatError(
            source, f"expected a JSON object with 'text' or 'html', got {_json_type(obj)}"
        )
    _check_fields(obj, source)
    text, html = obj.get("text"), obj.get("html")
    if text is not None and not isinstance(text, str):
        raise FormatError(source, f"'text' must be a string, got {_json_type(text)}")
    if text is None and html is None:
        raise FormatError(source, "article object has neither 'text' nor 'html'")
    if text is not None and (text.strip() or not html):
        return build_article(text, source, settings, obj)
    return html_article(html, source, settings, obj)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _loads(text: str, where: str) -> Any:
    """``json.loads``; a JSONDecodeError propagates (each caller words it), anything else the
    decoder raises (nesting too deep, an integer of more than 4,300 digits) is a FormatError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise FormatError(where, "JSON is nested too deeply to parse") from None
    except ValueError as exc:
        raise FormatError(where, f"invalid JSON: {exc}") from None


def json_articles(text: str, source: str, settings: Settings) -> Iterator[Item]:
    """A ``.json`` document: one article object, or a list of them."""
    try:
        data = _loads(text, source)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines named .json
            yield from jsonl_articles(text.split("\n"), source, settings)
            return
        yield FormatError(source, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    except FormatError as exc:
        yield exc
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield EmptyInputError(source, "JSON list holds no articles")
    for n, obj in enumerate(items, 1):
        where = f"{source}:item {n}" if isinstance(data, list) else source
        try:
            yield article_from_object(obj, where, settings)
        except InputError as exc:
            yield exc


def jsonl_articles(lines: Iterable[str], source: str, settings: Settings) -> Iterator[Item]:
    """JSON Lines: one article object per line; blank lines are skipped."""
    count = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        count += 1
        where = f"{source}:line {n}"
        try:
            obj = _loads(line, where)
        except json.JSONDecodeError as exc:
            yield FormatError(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        except FormatError as exc:
            yield exc
            continue
        try:
            yield article_from_object(obj, where, settings)
        except InputError as exc:
            yield exc
    if not count:
        yield EmptyInputError(source, "no JSON lines to read")


# --- feeds --------------------------------------------------------------------------


def _entry_text(entry: Mapping[str, Any]) -> str:
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    html_first = sorted(contents, key=lambda c: "html" not in (c.get("type") or ""))
    raw = html_first[0]["value"] if html_first else entry.get("summary") or ""
    return fragment_to_text(raw)


def feed_articles(data: bytes, source: str, settings: Settings) -> Iterator[Item]:
    """An RSS/Atom/RDF feed: each entry an article (text from its content or summary)."""
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(data))  # a stream: never fetched, never opened as a path
    except (UnicodeError, ValueError, LookupError) as exc:  # feedparser trips on a mangled XML declaration
        yield FormatError(source, f"not a readable feed: {type(exc).__name__}: {exc}")
        return
    if not parsed.entries:
        if parsed.get("bozo"):
            yield FormatError(source, f"not a readable feed: {parsed.get('bozo_exception')}")
        else:
            yield EmptyInputError(source, "not an RSS/Atom feed, or a feed with no entries")
        return
    outlet = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}:entry {n}"
        meta = {
            "title": fragment_to_text(entry.get("title") or ""),
            "published": entry.get("published") or entry.get("updated"),
            "url": entry.get("link"),
            "outlet": outlet,
        }
        try:
            text = _entry_text(entry)
            if not text.strip():
                raise EmptyInputError(where, "feed entry has no content or summary")
            yield article_from_text(text, where, settings, meta)
        except InputError as exc:
            yield exc


# --- WARC ---------------------------------------------------------------------------


def _html_payload(record: Any) -> tuple[bool, str | None]:
    """(is an HTML page worth reading, declared charset) for a WARC record."""
    if record.rec_type not in ("response", "resource"):
        return False, None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return False, None
    if record.rec_type == "response" and not str(headers.get_statuscode()).startswith("2"):
        return False, None
    ctype = (headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return False, None
    match = re.search(r"charset=([\w.:-]+)", ctype)
    return True, match.group(1) if match else None


def warc_articles(stream: BinaryIO, source: str, settings: Settings) -> Iterator[Item]:
    """Each successful HTML response (or resource) record of a WARC (gzipped or not) is
    an article; its URL comes from the record's WARC-Target-URI. Other records (requests,
    metadata, redirects, images) hold no article and are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    pages = index = 0
    try:
        for index, record in enumerate(ArchiveIterator(stream), 1):
            is_html, charset = _html_payload(record)
            if not is_html:
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}:record {index}"
            try:
                payload = record.content_stream().read(settings.max_bytes + 1)
                if len(payload) > settings.max_bytes:
                    raise TooLargeError(where, f"page is over the limit of {settings.max_bytes:,} bytes")
                yield html_article(decode_html(payload, where, charset), where, settings, {"url": url})
            except InputError as exc:
                yield exc
    except (ArchiveLoadFailed, StatusAndHeadersParserException, AttributeError, OSError, EOFError, zlib.error,
            OverflowError,
            ValueError) as exc:  # warcio raises AttributeError on a record without a WARC-Target-URI
        yield FormatError(source, f"not a readable WARC archive (after record {index}): {exc}")
        return
    if not pages:
        yield EmptyInputError(source, "WARC archive holds no HTML pages")
