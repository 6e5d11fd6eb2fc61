"""Every input format: plain text, HTML, JSON, JSON Lines, feeds, WARC, stdin, folders."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from powderkeg.errors import FormatError, InputError
from powderkeg.records import Article

BODY = (
    "Ukraine said on Friday that North Korean troops had arrived in the Kursk region.\n\n"
    "Officials in Seoul confirmed the report and called for restraint."
)

PAGE = """<!DOCTYPE html>
<html><head><title>Troops arrive in Kursk | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="og:title" content="Troops arrive in Kursk">
<meta property="article:published_time" content="2024-10-25T09:30:00+00:00">
<link rel="canonical" href="https://example.org/news/kursk">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Troops arrive in Kursk</h1>
<p>Ukraine said on Friday that North Korean troops had arrived in the Kursk region,
in a move that officials in Kyiv described as a dangerous escalation of the war.</p>
<p>Officials in Seoul confirmed the report and called for restraint from all sides,
adding that they were watching the situation closely with their allies.</p>
</article>
<footer>Copyright Example Times. All rights reserved.</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://example.org</link>
<description>News</description>
<item><title>Seoul protests &amp; warns</title><link>https://example.org/a</link>
<pubDate>Sat, 26 Oct 2024 08:00:00 +0000</pubDate>
<description>&lt;p&gt;South Korea summoned the Russian ambassador.&lt;/p&gt;
&lt;p&gt;It warned of consequences.&lt;/p&gt;</description>
</item>
<item><title>Empty one</title><link>https://example.org/b</link></item>
<item><title>Kyiv asks for help</title><link>https://example.org/c</link>
<description>Kyiv asked its allies for more air defence systems.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<id>urn:x</id><updated>2024-10-26T08:00:00Z</updated>
<entry><title>NATO meets</title><id>urn:1</id><link href="https://example.org/nato"/>
<published>2024-10-24T10:00:00Z</published><updated>2024-10-24T10:00:00Z</updated>
<content type="html">&lt;p&gt;NATO ambassadors met in Brussels on Thursday.&lt;/p&gt;</content></entry>
</feed>"""


def test_plain_text_is_kept(read, write):
    [article] = read(write("a.txt", BODY + "\n"))
    assert isinstance(article, Article)
    assert article.text == BODY + "\n"
    assert article.title is None and article.published is None
    assert article.source.endswith("a.txt")


def test_crlf_line_endings_become_lf(read, write):
    [article] = read(write("a.txt", BODY.replace("\n", "\r\n").encode()))
    assert "\r" not in article.text
    assert article.text == BODY


def test_default_date_fills_only_missing_dates(read, write):
    dated = write("dated.txt", "Oct 3, 2024\n\n" + BODY)
    undated = write("undated.txt", BODY)
    a, b = read(dated, undated, default_date="2024-11-01")
    assert a.published == "2024-10-03"
    assert b.published == "2024-11-01"


def test_html_page(read, write):
    [article] = read(write("page.html", PAGE))
    assert isinstance(article, Article), article
    assert article.title == "Troops arrive in Kursk"
    assert article.outlet == "Example Times"
    assert article.published.startswith("2024-10-25")
    assert article.url == "https://example.org/news/kursk"
    assert "North Korean troops had arrived" in article.text
    assert "All rights reserved" not in article.text
    assert not article.text.startswith("Troops arrive in Kursk")  # heading not repeated


def test_html_sniffed_without_extension(read, write):
    [article] = read(write("page", PAGE))
    assert article.title == "Troops arrive in Kursk"


def test_html_named_txt_is_read_as_html(read, write):
    [article] = read(write("page.txt", PAGE))
    assert "<p>" not in article.text and "North Korean troops" in article.text


def test_jsonl_keeps_id_and_text_verbatim(read, write):
    text = "  First line.\r\nSecond line with  two spaces. \r\n"
    lines = [
        json.dumps({"id": "my-id-1", "text": text, "title": "T", "published": "2024-10-26",
                    "url": "https://x.org/1", "outlet": "X"}),
        json.dumps({"id": 7, "text": "Another article body."}),
    ]
    first, second = read(write("a.jsonl", "\n".join(lines) + "\n"))
    assert first.id == "my-id-1"
    assert first.text == text.replace("\r\n", "\n")
    meta = (first.title, first.published, first.url, first.outlet)
    assert meta == ("T", "2024-10-26", "https://x.org/1", "X")
    assert second.id == "7"
    assert first.source.endswith("a.jsonl:line 1")


def test_jsonl_text_with_furniture_is_not_cleaned(read, write):
    text = "Headline here\n\nOct 26, 2024\n\nBody sentence one."
    [article] = read(write("a.ndjson", json.dumps({"text": text}) + "\n"))
    assert article.text == text and article.title is None


def test_jsonl_bad_lines_are_reported_and_the_rest_read(read, write):
    content = "\n".join([
        json.dumps({"text": "Good one."}),
        "[1, 2, 3]",
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Good two."}),
    ])
    items = read(write("mixed.jsonl", content))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "FormatError", "FormatError", "FormatError", "Article"]
    expected = "mixed.jsonl:line 2: expected a JSON object with 'text' or 'html', got a list"
    assert str(items[1]).endswith(expected)
    assert "mixed.jsonl:line 3: invalid JSON" in str(items[2])
    assert "neither 'text' nor 'html'" in str(items[3])
    assert items[4].text == "Good two."


def test_json_html_field_is_extracted(read, write):
    [article] = read(write("one.json", json.dumps({"id": "p1", "html": PAGE, "title": "Mine"})))
    assert article.id == "p1"
    assert article.title == "Mine"
    assert "Officials in Seoul confirmed" in article.text


def test_json_object_and_list(read, write):
    one = write("one.json", json.dumps({"text": "Single."}))
    many = write("many.json", json.dumps([{"text": "A."}, "oops", {"text": "B.", "id": "b"}]))
    items = read(one, many)
    assert [getattr(i, "text", None) for i in items] == ["Single.", "A.", None, "B."]
    assert isinstance(items[2], FormatError) and "many.json:item 2" in str(items[2])


def test_invalid_json_document(read, write):
    [err] = read(write("bad.json", '{"text": "unterminated'))
    assert isinstance(err, FormatError) and "invalid JSON at line 1" in str(err)


def test_rss_feed(read, write):
    items = read(write("feed.rss", RSS))
    first, empty, third = items
    assert first.title == "Seoul protests & warns"
    assert first.text == "South Korea summoned the Russian ambassador.\n\nIt warned of consequences."
    assert first.published == "2024-10-26T08:00+00:00"
    assert first.url == "https://example.org/a" and first.outlet == "Example Wire"
    assert isinstance(empty, InputError) and "feed.rss:entry 2" in str(empty)
    assert third.text == "Kyiv asked its allies for more air defence systems."


def test_atom_feed_sniffed_from_xml(read, write):
    [entry] = read(write("news.xml", ATOM))
    assert entry.title == "NATO meets"
    assert entry.text == "NATO ambassadors met in Brussels on Thursday."
    assert entry.published.startswith("2024-10-24T10:00")


def test_xml_that_is_not_a_feed(read, write):
    [err] = read(write("data.xml", '<?xml version="1.0"?><records><r>1</r></records>'))
    assert isinstance(err, InputError) and "not an RSS/Atom feed" in str(err)


def _warc_bytes(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    pages = [("https://example.org/news/kursk", PAGE, "200 OK", "text/html; charset=utf-8"),
             ("https://example.org/logo.png", "PNG", "200 OK", "image/png"),
             ("https://example.org/gone", "<html>gone</html>", "404 Not Found", "text/html")]
    for url, body, status, ctype in pages:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        payload = body.encode()
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                           length=len(payload), http_headers=headers)
        writer.write_record(record)
    return buf.getvalue()


def test_warc_and_warc_gz(read, write):
    for name, gz in (("crawl.warc", False), ("crawl.warc.gz", True)):
        [article] = read(write(name, _warc_bytes(gz)))
        assert isinstance(article, Article), article
        assert article.url == "https://example.org/news/kursk"
        assert "Officials in Seoul confirmed" in article.text


def test_truncated_warc_is_reported(read, write):
    data = _warc_bytes(True)
    items = read(write("cut.warc.gz", data[: len(data) // 3]))
    assert items and all(isinstance(i, InputError) for i in items[-1:])


def test_stdin_text_and_binary(read):
    [a] = read("-", stdin=io.StringIO("Headline\n\n" + BODY))
    [b] = read("-", stdin=io.BytesIO(BODY.encode("utf-16")))
    assert a.title == "Headline" and a.text == BODY and a.source == "-"
    assert b.text == BODY


def test_folder_walked_recursively_in_sorted_order(read, write, tmp_path):
    write("b.txt", "Bee text.")
    write("a/z.txt", "Zed text.")
    write("a/b.json", json.dumps({"text": "Json text."}))
    write("c.png", b"\x89PNG\r\n\x1a\n")
    write(".hidden.txt", "Hidden.")
    write("notes", "No extension text.")
    items = read(tmp_path)
    texts = [i.text for i in items if not isinstance(i, InputError)]
    assert texts == ["Json text.", "Zed text.", "Bee text.", "No extension text."]
    # a file of another type is named with its reason, never silently dropped
    errors = [i for i in items if isinstance(i, InputError)]
    assert [Path(e.source).name for e in errors] == ["c.png"]
    assert [str(i) if isinstance(i, InputError) else i for i in items] == [
        str(i) if isinstance(i, InputError) else i for i in read(tmp_path)
    ]


def test_ids_are_deterministic(read, write):
    a = write("one.txt", BODY)
    b = write("two.txt", BODY)
    c = write("three.txt", BODY + " More.")
    first, second, third = read(a, b, c)
    assert first.id == second.id != third.id
    assert first.id == read(a)[0].id


def test_unreachable_url_is_an_input_error(read):
    [err] = read("http://127.0.0.1:9/feed.xml")
    assert isinstance(err, InputError) and "cannot fetch" in str(err)
    assert str(err).startswith("http://127.0.0.1:9/feed.xml: ")


def test_large_jsonl_is_streamed_line_by_line(read, write):
    lines = [json.dumps({"id": f"n{i}", "text": f"Article number {i}."}) for i in range(50)]
    path = write("big.jsonl", "\n".join(lines))
    items = read(path, max_bytes=200)  # the file is far over 200 bytes, each line under
    assert [i.id for i in items] == [f"n{i}" for i in range(50)]


def test_json_lines_named_json(read, write):
    path = write("lines.json", json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}))
    assert [i.text for i in read(path)] == ["One.", "Two."]


@pytest.fixture
def http_server():
    """A local web server answering /feed with RSS, /page with HTML and 404 otherwise."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    routes = {"/feed": (RSS, "application/rss+xml"), "/page": (PAGE, "text/html; charset=utf-8")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.startswith("/hop/"):  # /hop/N redirects to /hop/N-1, /hop/0 to /page
                n = int(self.path.rsplit("/", 1)[1])
                self.send_response(302)
                self.send_header("Location", f"/hop/{n - 1}" if n > 0 else "/page")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, ctype = routes.get(self.path, ("not found", "text/plain"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body.encode())))
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_urls_feed_page_and_missing(read, http_server):
    items = read(f"{http_server}/feed", f"{http_server}/page", f"{http_server}/gone")
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "EmptyInputError", "Article", "Article", "InputError"]
    assert items[0].url == "https://example.org/a"
    assert items[3].title == "Troops arrive in Kursk" and items[3].source == f"{http_server}/page"
    assert str(items[4]) == f"{http_server}/gone: cannot fetch: HTTP 404"


def test_url_redirects_are_followed_and_each_hop_checked(http_server):
    """Redirects are followed hop by hop; the check (the API's address check) sees every
    hop, so a redirect to a refused address stops the fetch."""
    from powderkeg.config import Settings
    from powderkeg.ingest.readers import fetch_url

    settings = Settings()
    seen: list[str] = []
    items = list(fetch_url(f"{http_server}/hop/2", settings, check=seen.append))
    assert [type(i).__name__ for i in items] == ["Article"]
    assert items[0].title == "Troops arrive in Kursk"
    assert seen == [f"{http_server}/hop/2", f"{http_server}/hop/1", f"{http_server}/hop/0", f"{http_server}/page"]

    def refuse_page(url: str) -> None:
        if url.endswith("/page"):
            raise ValueError(f"refused {url}")

    with pytest.raises(ValueError, match="refused"):
        list(fetch_url(f"{http_server}/hop/1", settings, check=refuse_page))


def test_url_with_too_many_redirects_is_an_input_error(http_server):
    from powderkeg.config import Settings
    from powderkeg.errors import InputError
    from powderkeg.ingest.readers import fetch_url

    with pytest.raises(InputError, match="more than 5 redirects"):
        list(fetch_url(f"{http_server}/hop/9", Settings()))
