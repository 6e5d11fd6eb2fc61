"""Bad input never raises: each yields an InputError naming the input, and the batch goes on."""

from __future__ import annotations

import gzip
import json
import os

import pytest

from powderkeg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    FormatError,
    InputError,
    TooLargeError,
)
from powderkeg.records import Article

GOOD = "Russia and Ukraine exchanged prisoners on Thursday, officials said."


def _one_error(items: list, kind: type[InputError], path) -> InputError:
    """The batch held the bad input and then the good one; returns the error."""
    assert len(items) == 2, items
    err, good = items
    assert isinstance(err, kind), err
    assert isinstance(good, Article) and good.text == GOOD
    assert str(err).startswith(f"{path}: ")
    assert "\n" not in str(err)
    return err


@pytest.fixture
def good(write):
    return write("good.txt", GOOD)


def test_empty_file(read, write, good):
    path = write("empty.txt", b"")
    err = _one_error(read(path, good), EmptyInputError, path)
    assert "empty" in err.reason


def test_whitespace_only_file(read, write, good):
    path = write("blank.txt", " \n\t\r\n ")
    _one_error(read(path, good), EmptyInputError, path)


def test_binary_with_nul_bytes(read, write, good):
    path = write("blob.txt", bytes(range(256)) * 20)
    err = _one_error(read(path, good), BinaryInputError, path)
    assert "NUL" in err.reason


def test_binary_control_characters_without_nul(read, write, good):
    path = write("ctrl", bytes(range(1, 9)) * 300)
    _one_error(read(path, good), BinaryInputError, path)


def test_pdf_is_named(read, write, good):
    path = write("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    err = _one_error(read(path, good), BinaryInputError, path)
    assert "PDF" in err.reason


def test_gzip_that_is_not_warc(read, write, good):
    path = write("text.gz", gzip.compress(b"just text"))
    _one_error(read(path, good), BinaryInputError, path)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("utf-16-le", b"\xff\xfe"),
     ("utf-16-be", b"\xfe\xff"), ("cp1252", b""), ("latin-1", b"")],
)
def test_encodings_are_decoded(read, write, encoding, prefix):
    text = "Café owners in Zürich protested on Monday, saying “enough”." if encoding != "latin-1" else \
        "Café owners in Zürich protested on Monday."
    path = write(f"enc-{encoding}.txt", prefix + text.encode(encoding))
    [article] = read(path)
    assert isinstance(article, Article), article
    assert article.text == text


def test_latin1_bytes_undefined_in_cp1252(read, write):
    [article] = read(write("odd.txt", b"Price \x81 list for Gen\xe8ve talks."))
    assert article.text == "Price \x81 list for Genève talks."


def test_broken_utf16(read, write, good):
    path = write("broken16.txt", b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00\xd8")
    _one_error(read(path, good), EncodingError, path)


def test_too_large_file_refused_before_reading(read, write, good, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50_000_000)
    err = _one_error(read(path, good), TooLargeError, path)
    assert "50,000,000 bytes" in err.reason and "max_bytes" in err.reason


def test_too_long_text_after_cleaning(read, write, good):
    path = write("long.txt", "word " * 400)
    err = _one_error(read(path, good, max_chars=1000), TooLargeError, path)
    assert "max_chars" in err.reason
    [ok] = read(write("short.txt", "Headline\n\n" + "x" * 995 + "."), max_chars=1000)
    assert isinstance(ok, Article)  # the headline is cut before the length is checked


def test_too_large_stdin(read):
    import io

    [err] = read("-", stdin=io.BytesIO(b"x" * 101), max_bytes=100)
    assert isinstance(err, TooLargeError) and str(err).startswith("-: ")


def test_truncated_html_keeps_what_it_can(read, write):
    page = "<html><body><article><p>Ukraine said on Friday that North Korean troops arrived"
    [article] = read(write("cut.html", page))
    assert article.text == "Ukraine said on Friday that North Korean troops arrived"


def test_truncated_html_with_nothing_in_it(read, write, good):
    path = write("cut.html", "<html><head><title>Only a ti")
    err = _one_error(read(path, good), FormatError, path)
    assert "no article text" in err.reason


def test_deeply_nested_html(read, write, good):
    page = "<html><body>" + "<div>" * 50_000 + "<p>Deep text.</p>" + "</div>" * 50_000 + "</body></html>"
    path = write("deep.html", page)
    err = _one_error(read(path, good), FormatError, path)
    assert "nested too deeply" in err.reason


def test_deeply_nested_json(read, write, good):
    path = write("deep.json", "[" * 100_000 + "]" * 100_000)
    err = _one_error(read(path, good), FormatError, path)
    assert "nested too deeply" in err.reason


def test_json_line_that_is_not_an_object(read, write):
    path = write("lines.jsonl", '"just a string"\n' + json.dumps({"text": GOOD}) + "\n")
    err, article = read(path)
    assert isinstance(err, FormatError) and str(err).startswith(f"{path}:line 1: ")
    assert "got a string" in err.reason
    assert article.text == GOOD


def test_json_fields_of_the_wrong_type(read, write):
    path = write("types.jsonl", "\n".join(json.dumps(o) for o in (
        {"text": 5}, {"text": "ok", "id": {"x": 1}}, {"text": "ok", "title": ["a"]}, {"text": ""},
    )))
    items = read(path)
    assert [type(i) for i in items] == [FormatError, FormatError, FormatError, EmptyInputError]
    assert "'text' must be a string" in items[0].reason
    assert "'id' must be a string or an integer" in items[1].reason


def test_missing_path(read, good, tmp_path):
    path = tmp_path / "nope.txt"
    err = _one_error(read(path, good), InputError, path)
    assert err.reason == "no such file or folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(read, write, good):
    path = write("secret.txt", GOOD)
    path.chmod(0)
    try:
        err = _one_error(read(path, good), InputError, path)
    finally:
        path.chmod(0o644)
    assert "cannot read" in err.reason


def test_empty_folder(read, tmp_path, good):
    folder = tmp_path / "nothing"
    folder.mkdir()
    _one_error(read(folder, good), EmptyInputError, folder)
