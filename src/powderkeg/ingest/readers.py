"""Readers: files, folders, URLs and standard input -> Article records or InputErrors.

    for item in read_inputs(["news/", "feed.xml", "-"], settings, stdin=sys.stdin):
        if isinstance(item, InputError): report item (it names the input and the reason)
        else: item is an Article

The order is deterministic: inputs in the order given, folders walked recursively in
sorted path order, articles of one file in file order. Nothing is raised for a bad input:
each yields an InputError (subclass) and the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import BinaryIO, TextIO

from powderkeg.config import Settings
from powderkeg.errors import BinaryInputError, EmptyInputError, FormatError, InputError, TooLargeError
from powderkeg.ingest.articles import article_from_text, build_article
from powderkeg.ingest.decode import decode_8bit, decode_bytes, read_limited
from powderkeg.ingest.formats import (
    Item,
    decode_html,
    feed_articles,
    html_article,
    json_articles,
    jsonl_articles,
    warc_articles,
)
from powderkeg.records import Article

__all__ = [
    "FORMAT_BY_SUFFIX",
    "article_from_text",
    "build_article",
    "read_inputs",
    "read_path",
    "sniff_format",
]

#: File name endings -> format. Folders are read for these endings and for files
#: without one; other files in folders (images, .md, hidden files) are passed over.
FORMAT_BY_SUFFIX: Mapping[str, str] = MappingProxyType({
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".warc.gz": "warc",
})
_SNIFF_BYTES = 4096
_FETCH_TIMEOUT_S = 20.0
_MAX_REDIRECTS = 5


def suffix_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return FORMAT_BY_SUFFIX.get(PurePath(lower).suffix)


def _head_text(head: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def sniff_format(head: bytes) -> str | None:
    """The format the first bytes show: warc, gzip, json, jsonl, feed, xml (not a feed
    by its first bytes), html; None for anything else (plain text, or unknown)."""
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return "gzip"
        return "warc" if inner.startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head).lstrip()
    lower = text.lower()
    if text.startswith(("{", "[")):
        first, _, rest = text.partition("\n")
        return "jsonl" if first.rstrip().endswith("}") and rest.lstrip().startswith("{") else "json"
    if text.startswith("<"):
        if any(tag in lower for tag in ("<rss", "<feed", "<rdf:rdf")):
            return "feed"
        if lower.startswith("<?xml") and "<html" not in lower:
            return "xml"
        return "html"
    return None


def _choose_format(by_name: str | None, sniffed: str | None, head: bytes) -> str:
    """Trust the name unless the content clearly says otherwise."""
    if sniffed == "xml":  # XML that is neither a feed nor XHTML: the feed reader says why
        sniffed = "feed" if by_name in (None, "feed", "html") else None
    if sniffed in ("warc", "gzip") or by_name is None:
        return sniffed or "text"
    if by_name == "json" and sniffed == "jsonl":
        return sniffed
    if by_name == "text" and sniffed == "json":
        return "json" if _head_text(head).lstrip().startswith(('{"', '[{"')) else "text"
    if by_name in ("text", "feed") and sniffed in ("html", "feed"):
        return sniffed
    if by_name == "html" and sniffed is None and b"<" not in head:
        return "text"
    return by_name


def _read_head(path: Path, source: str) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc


def _read_document(data: bytes, fmt: str, source: str, settings: Settings) -> Iterator[Item]:
    """Articles of one whole document held in memory."""
    if fmt == "gzip":
        raise BinaryInputError(source, "gzip-compressed and not a WARC archive: decompress it first")
    if fmt == "warc":
        yield from warc_articles(io.BytesIO(data), source, settings)
    elif fmt == "feed":
        if not data.strip():
            raise EmptyInputError(source, "empty input: nothing to read")
        yield from feed_articles(data, source, settings)
    elif fmt == "html":
        yield html_article(decode_html(data, source), source, settings)
    elif fmt == "json":
        yield from json_articles(decode_bytes(data, source), source, settings)
    elif fmt == "jsonl":
        yield from jsonl_articles(decode_bytes(data, source).split("\n"), source, settings)
    else:
        yield article_from_text(decode_bytes(data, source), source, settings)


def _stream_lines(path: Path, settings: Settings, source: str) -> Iterator[str]:
    """Lines of a large JSON Lines file, read one at a time (UTF-8, else cp1252/Latin-1)."""
    with path.open("rb") as fh:
        while line := fh.readline(settings.max_bytes + 1):
            yield decode_8bit(line.removeprefix(b"\xef\xbb\xbf"))


def read_file(path: Path, settings: Settings, source: str | None = None) -> Iterator[Item]:
    """Articles (or InputErrors) of one file, its format by name and content."""
    where = source or str(path)
    head = _read_head(path, where)
    if not head:
        yield EmptyInputError(where, "empty file: nothing to read")
        return
    fmt = _choose_format(suffix_format(path.name), sniff_format(head), head)
    large = _file_size(path) > settings.max_bytes
    if fmt == "warc":
        with path.open("rb") as fh:
            yield from warc_articles(fh, where, settings)
    elif fmt == "jsonl" and large:
        yield from jsonl_articles(_stream_lines(path, settings, where), where, settings)
    else:
        yield from _read_document(read_limited(path, settings.max_bytes, where), fmt, where, settings)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _folder_files(folder: Path) -> list[Path]:
    """Files under a folder, recursively, in sorted order; hidden entries skipped, symbolic
    links to folders not followed. Files of unknown types are included and sniffed, so a
    file that is not an article is reported with its reason, never silently dropped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_path(path: str | Path, settings: Settings) -> Iterator[Item]:
    """Articles (or InputErrors) of a file or of every readable file under a folder."""
    p = Path(path)
    source = str(path)
    if p.is_dir():
        files = _folder_files(p)
        if not files:
            yield EmptyInputError(source, "folder holds no readable files (.txt, .html, .json, ...)")
        for file in files:
            yield from _guarded(str(file), lambda f=file: read_file(f, settings))
    elif p.exists():
        yield from _guarded(source, lambda: read_file(p, settings, source))
    else:
        yield InputError(source, "no such file or folder")


def _guarded(source: str, make: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one input's reader; whatever goes wrong becomes an InputError for that input."""
    try:
        yield from make()
    except InputError as exc:
        yield exc
    except RecursionError:
        yield FormatError(source, "nested too deeply to parse")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(source, f"cannot read: {exc}")
    except Exception as exc:  # a batch never dies on one document: report the surprise
        yield FormatError(source, f"cannot read ({type(exc).__name__}: {exc})")


def read_stdin(stdin: TextIO | BinaryIO, settings: Settings) -> Article:
    """Standard input as one plain-text article (source '-')."""
    stream = getattr(stdin, "buffer", stdin)
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise TooLargeError("-", f"input is over the limit of {settings.max_bytes:,} bytes (max_bytes)")
    text = data if isinstance(data, str) else decode_bytes(data, "-")
    if not text.strip():
        raise EmptyInputError("-", "empty input: nothing to read")
    return article_from_text(text, "-", settings)


def fetch_url(url: str, settings: Settings, check: Callable[[str], None] | None = None) -> Iterator[Item]:
    """A web page or feed from an http(s) URL; any network failure is an InputError.

    Redirects are followed one hop at a time (at most ``_MAX_REDIRECTS``), and ``check``
    (when given) sees every URL before it is requested, the redirect targets included: the
    API passes its address check, so a public page cannot bounce the server to a private
    address."""
    import httpx

    current = url
    try:
        with httpx.Client(timeout=_FETCH_TIMEOUT_S, follow_redirects=False) as client:
            for _ in range(_MAX_REDIRECTS + 1):
                if check is not None:
                    check(current)
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and (location := resp.headers.get("location")):
                        current = str(resp.url.join(location))
                        continue
                    if resp.status_code >= 400:
                        raise InputError(url, f"cannot fetch: HTTP {resp.status_code}")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > settings.max_bytes:
                            raise InputError(url, f"cannot fetch: over the limit of {settings.max_bytes:,} bytes")
                        chunks.append(chunk)
                    ctype = resp.headers.get("content-type", "").lower()
                    break
            else:
                raise InputError(url, f"cannot fetch: more than {_MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch: {exc or type(exc).__name__}") from exc
    data = b"".join(chunks)
    by_type = "feed" if any(t in ctype for t in ("rss", "atom", "xml")) else None
    by_type = by_type or ("html" if "html" in ctype else "json" if "json" in ctype else None)
    fmt = _choose_format(by_type or suffix_format(url.split("?")[0]), sniff_format(data[:_SNIFF_BYTES]), data)
    for item in _read_document(data, fmt, url, settings):
        if isinstance(item, Article) and item.url is None:
            item = _with_url(item, url)
        yield item


def _with_url(article: Article, url: str) -> Article:
    from dataclasses import replace

    return replace(article, url=url)


def read_inputs(
    inputs: Sequence[str], settings: Settings, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """Every article of every input, in order; bad inputs yield InputErrors, never raise.

    An input is a file, a folder (walked recursively, sorted), an http(s) URL, or '-' for
    standard input read as plain text (``stdin``, default ``sys.stdin``).
    """
    for raw in inputs:
        if raw == "-":
            yield from _guarded("-", lambda: iter([read_stdin(stdin or sys.stdin, settings)]))
        elif raw.lower().startswith(("http://", "https://")):
            yield from _guarded(raw, lambda u=raw: fetch_url(u, settings))
        else:
            yield from read_path(raw, settings)
