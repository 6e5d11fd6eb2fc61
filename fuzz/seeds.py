"""Seed inputs for each fuzz target, written by us, and the mutations applied to them."""

from __future__ import annotations

import io
import json
import random

ARTICLE = (
    "Armenia and Azerbaijan agree to reopen border talks\n\n"
    "Mar 3, 2025 - 10:15\n\nBy Jane Doe and John Roe, Reuters\n\n"
    "YEREVAN (Reuters) - Armenia and Azerbaijan agreed on Monday to reopen talks, officials said. "
    "\u201cWe are ready to work,\u201d said Foreign Minister Ararat Mirzoyan. Some 3,000 people, "
    'between 200 and 300 soldiers, $5bn and "up to 12 million" euros were at stake...\n'
)
HTML = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks</title>'
    '<meta property="og:site_name" content="Wire"><meta name="date" content="2024-10-26">'
    "</head><body><nav>Home | World</nav><article><h1>Border talks</h1><p>Armenia and Azerbaijan "
    "agreed on Monday to reopen talks on their border, the two foreign ministries said.</p>"
    "<p>\u201cWe are ready,\u201d the minister said.</p><script>var x = 1;</script></article></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Talks</title>'
    "<link>https://example.org/a</link><pubDate>Sat, 26 Oct 2024 08:00:00 GMT</pubDate>"
    "<description>&lt;p&gt;Armenia and Azerbaijan agreed on Monday to reopen talks.&lt;/p&gt;"
    "</description></item></channel></rss>"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Wire</title><entry><title>Talks</title><updated>2024-10-26T08:00:00Z</updated>"
    '<content type="html">&lt;p&gt;Kyiv asked for more air defence.&lt;/p&gt;</content></entry></feed>'
)
JSON_OBJECTS = [
    {"id": "a-1", "text": "Kenya sent 400 police officers to Haiti on Tuesday.", "published": "2024-06-25"},
    {"id": 7, "html": HTML, "title": "Talks", "url": "https://example.org/a"},
    {"text": "", "html": "<p>Protesters marched in Nairobi on Thursday.</p>"},
]
DATES = [
    "Oct 26, 2024 - 08:00",
    "Published: 26 October 2024",
    "Updated 2024-10-26T08:00:00Z",
    "Sat, 26 Oct 2024 08:00:00 GMT",
    "10/23/2024",
    "26.10.24 | 8 a.m.",
    "Monday, March 3, 2025 10:15 p.m.",
    "2024-02-30",
    "31/31/2031",
    "99999-01-01",
    "Posted on 1 Jan 1800",
]
EXPRESSIONS = [
    "on Wednesday",
    "as soon as Sunday",
    "in June",
    "last week",
    "in recent months",
    "10/23/2024",
    "three days ago",
    "next month",
    "on 3 March 2025",
    "March 31st, 2024",
    "in May of 2023",
    "99999 days ago",
    "on 31 February",
    "the 1850s",
    "since 2014",
    "2024-13-45",
]
NUMBER_TEXTS = [
    "Some 3,000 people and between 200 and 300 soldiers; $5bn, 1.5 million euros, 50-60 km.",
    "two hundred and fifty, a million, twenty-five or more, upward of 12 million, F-16, G20, 08:00.",
    "(555) 123-4567, page 3, Resolution 2231, 45-year-old, 1,000,000,000,000,000,000,000 percent",
]
QUOTE_TEXTS = [
    '\u201cWe are ready,\u201d he said. \u201cHe said \u201cno\u201d twice\u201d and "straight" quotes.',
    '\u00abNon\u00bb, a-t-il dit. \u201eJa\u201c, sagte er. "unclosed quote\n\nnext paragraph \u201d',
]
_TOKENS = [
    '"',
    "\u201c",
    "\u201d",
    "\u201e",
    "\u00ab",
    "\u00bb",
    "'",
    "<",
    ">",
    "</p>",
    "<div>",
    "&amp;",
    "&#0;",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u00a0",
    "\u2028",
    "\x00",
    "\ufeff",
    "\ud7ff",
    "\U0001f600",
    "...",
    "\u2026",
    "By ",
    "Published: ",
    "2024",
    "-",
    ",",
    ".",
    "0",
    "9" * 30,
    "1,000",
    "million",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    "1e999",
    "-0",
    '"text"',
    '"html"',
    "\\u0000",
    "\\ud800",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml",
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    "&a;",
    "WARC/1.0\r\n",
    "Content-Length: 99999999\r\n",
    "\r\n\r\n",
    "Monday",
    "May",
    "last",
    "ago",
]


def warc_bytes(rng: random.Random) -> bytes:
    """A small WARC (gzipped or not) of random records built with warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=rng.random() < 0.5)
    for _ in range(rng.randint(0, 4)):
        kind = rng.choice(["response", "resource", "metadata", "response"])
        body = rng.choice([HTML, "<p>short</p>", "", "plain text body", ARTICLE, "<div>" * 300])
        payload = body.encode(rng.choice(["utf-8", "utf-16", "latin-1"]), errors="replace")
        ctype = rng.choice(
            [
                "text/html; charset=utf-8",
                "text/html; charset=bogus",
                "text/html",
                "image/png",
                "application/json",
                "text/html; charset=utf-16",
            ]
        )
        url = rng.choice(["https://example.org/a", "", "not a url", "https://\u00e9.example/\u00e9"])
        if kind == "response":
            status = rng.choice(["200 OK", "404 Not Found", "301 Moved", "200 OK"])
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=headers
            )
        else:
            rec = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), length=len(payload), warc_content_type=ctype
            )
        writer.write_record(rec)
    return buf.getvalue()


def seeds(name: str, rng: random.Random) -> list[bytes] | list[str]:
    """The seed inputs of one target."""
    text_like = [ARTICLE, HTML, FEED, "", " ", "x", ARTICLE * 3]
    by_name: dict[str, list[str]] = {
        "furniture": text_like,
        "dateline": [*DATES, ARTICLE],
        "published": DATES,
        "resolve_date": EXPRESSIONS,
        "numbers": [*NUMBER_TEXTS, ARTICLE],
        "quotes": [*QUOTE_TEXTS, ARTICLE],
    }
    if name in by_name:
        return by_name[name]
    jsonl = "\n".join(json.dumps(o) for o in JSON_OBJECTS) + "\n[1,2]\n{bad\n"
    raw: dict[str, list[bytes]] = {
        "text": [s.encode() for s in text_like]
        + [ARTICLE.encode("utf-16"), ARTICLE.encode("cp1252", "replace")],
        "html": [HTML.encode(), HTML.encode("utf-16"), b"<html><body>" + b"<div>" * 400 + b"x", b"<p>a"],
        "json": [
            json.dumps(JSON_OBJECTS).encode(),
            json.dumps(JSON_OBJECTS[0]).encode(),
            b"[]",
            jsonl.encode(),
        ],
        "jsonl": [jsonl.encode(), b"\n\n", b"[[[[[[[[[[[[[[[[[[[[" * 100],
        "feed": [FEED.encode(), ATOM.encode(), b"<rss></rss>", b"<?xml version='1.0'?><x/>"],
        "warc": [warc_bytes(rng) for _ in range(8)] + [b"WARC/1.0\r\n\r\n", b"\x1f\x8b\x08\x00"],
    }
    raw["sniff"] = [s for k in ("text", "html", "json", "feed", "warc") for s in raw[k][:3]]
    return raw[name]


def mutate(seed: bytes | str, rng: random.Random, pool: list) -> bytes | str:
    """One mutated input: a few random edits (flip, insert a token, delete, repeat, splice,
    truncate) applied to a seed."""
    is_bytes = isinstance(seed, bytes)
    data = bytearray(seed) if is_bytes else list(seed)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(data))
        if op == 0 and data:  # replace one element by a random one
            i = rng.randrange(len(data))
            data[i] = (
                rng.randrange(256)
                if is_bytes
                else chr(rng.choice([rng.randrange(128), rng.randrange(0x3000)]))
            )
        elif op == 1:  # insert a token
            tok = rng.choice(_TOKENS)
            piece = tok.encode("utf-8", "surrogatepass") if is_bytes else tok
            data[pos:pos] = piece if is_bytes else list(piece)
        elif op == 2 and data:  # delete a run
            data[pos : pos + rng.randint(1, 64)] = b"" if is_bytes else []
        elif op == 3 and data:  # repeat a run
            end = min(len(data), pos + rng.randint(1, 32))
            data[pos:pos] = data[pos:end] * rng.randint(2, 200)
        elif op == 4:  # splice in part of another input
            other = rng.choice(pool)
            a = rng.randint(0, len(other))
            chunk = other[a : a + rng.randint(1, 200)]
            data[pos:pos] = chunk if is_bytes else list(chunk)
        elif op == 5:  # truncate
            del data[pos:]
        elif op == 6 and data and not is_bytes:  # a random code point anywhere in Unicode
            data[rng.randrange(len(data))] = chr(rng.randrange(0x110000))
    if len(data) > 200_000:
        del data[200_000:]
    return bytes(data) if is_bytes else "".join(data)
