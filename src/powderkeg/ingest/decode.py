"""Bytes -> text: size limits, binary detection, encodings, line endings.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then
cp1252 (Windows Western, a superset of Latin-1's printable range); then Latin-1, which
decodes any byte. Text that decodes but is mostly control characters is binary.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from powderkeg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    TooLargeError,
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures that are certainly not text, with a name for the error message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x7fELF", "an executable"),
)

#: Above this share of control characters a decoded text is taken for binary.
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR (and the Unicode line/paragraph separators' CR cousins) -> LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_limited(path: Path, max_bytes: int, source: str) -> bytes:
    """The bytes of a file, refusing it *before* reading when it is over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLargeError(
                source, f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_bytes)"
            )
        with path.open("rb") as fh:
            return read_stream_limited(fh, max_bytes, source)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc


def read_stream_limited(stream: BinaryIO, max_bytes: int, source: str) -> bytes:
    """Up to ``max_bytes`` from a stream; one byte more is a TooLargeError."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeError(source, f"input is over the limit of {max_bytes:,} bytes (max_bytes)")
    return data


def binary_signature(data: bytes) -> str | None:
    """A name for a known binary file type ('a PDF document'), or None."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _control_share(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(
        1 for ch in sample
        if (ord(ch) < 32 and ch not in _ALLOWED_CONTROLS) or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(sample)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a document's bytes to text with LF line endings, or raise an InputError.

    Empty (or whitespace-only) input is an EmptyInputError; NUL bytes without a UTF-16/32
    byte-order mark, known binary signatures and mostly-control-character text are
    BinaryInputError.
    """
    if not data.strip():
        raise EmptyInputError(source, "empty input: nothing to read")
    kind = binary_signature(data)
    if kind:
        raise BinaryInputError(source, f"not text: looks like {kind}")
    bom = _bom_encoding(data)
    if bom:
        encoding, skip = bom
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise EncodingError(
                source, f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                f"(bad bytes at offset {exc.start + skip})"
            ) from exc
    elif b"\x00" in data[:65536]:
        raise BinaryInputError(source, "not text: holds NUL bytes (binary file?)")
    else:
        text = decode_8bit(data)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(source, "not text: mostly control characters (binary file?)")
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyInputError(source, "empty input: nothing to read")
    return text


def decode_8bit(data: bytes) -> str:
    """Strict UTF-8, else cp1252, else Latin-1 (which decodes any byte)."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
