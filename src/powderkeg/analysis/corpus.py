"""Records in, a ``Corpus`` out: the contract's dicts sorted by kind, from JSONL or the store.

    corpus = Corpus.from_records(load_jsonl("out.jsonl"))
    corpus = Corpus.from_records(records_from_store(store))

Everything in ``analysis`` and ``report`` reads records in the shape of ``to_dict()``
(``shared/spec/records.md``), so it works the same on ``powderkeg extract`` output and on
a store. Dates are read leniently: a date the contract allows (day, year-month, year) is
turned into the interval of days it covers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from powderkeg.errors import FormatError, InputError

Record = dict[str, Any]

#: Strongest first: an incident takes the strongest factuality among its mentions.
FACTUALITY_ORDER: tuple[str, ...] = ("asserted", "reported", "future", "hypothetical", "negated")
PRECISION_DAYS: Mapping[str, int] = MappingProxyType({"day": 1, "week": 7, "month": 31, "year": 366})


def iter_jsonl(path: str | Path) -> Iterator[Record]:
    """Each record of a JSON Lines file; a malformed line raises ``FormatError`` naming it."""
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(p), f"cannot open: {exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FormatError(
                    f"{p}:{number}",
                    f"not valid JSON ({exc.msg}); expected one record per line as `powderkeg extract` writes",
                ) from exc
            if not isinstance(record, dict):
                raise FormatError(f"{p}:{number}", "expected a JSON object with a `kind`")
            yield record


def load_jsonl(path: str | Path) -> list[Record]:
    """All records of a JSON Lines file (``powderkeg extract`` output) as dicts."""
    return list(iter_jsonl(path))


def records_from_store(store: Any) -> Iterator[Record]:
    """Every record of a ``powderkeg.store.Store``, article first, then its records.

    A thin adapter: it only needs the store's ``results()``, so any object yielding lists
    of contract dicts per article works.
    """
    for group in store.results():
        yield from group


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """Records sorted by kind; ``articles`` maps article id to its record."""

    articles: Mapping[str, Record]
    events: tuple[Record, ...]
    quotes: tuple[Record, ...]
    claims: tuple[Record, ...]

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Corpus:
        """Sort records by ``kind``; records of unknown kind are ignored, not fatal."""
        articles: dict[str, Record] = {}
        by_kind: dict[str, list[Record]] = {"event": [], "quote": [], "claim": []}
        for record in records:
            kind = record.get("kind")
            if kind == "article" and record.get("id") is not None:
                articles[str(record["id"])] = record
            elif kind in by_kind:
                by_kind[kind].append(record)
        return cls(
            articles=MappingProxyType(articles),
            events=tuple(by_kind["event"]),
            quotes=tuple(by_kind["quote"]),
            claims=tuple(by_kind["claim"]),
        )

    def article(self, article_id: str | None) -> Record:
        return self.articles.get(str(article_id), {}) if article_id is not None else {}

    def published(self, article_id: str | None) -> dt.date | None:
        return parse_day(self.article(article_id).get("published"))

    def outlet(self, article_id: str | None) -> str:
        return outlet_key(self.article(article_id), article_id)


def outlet_key(article: Mapping[str, Any], article_id: str | None = None) -> str:
    """Who published: the article's outlet, else its URL host, else its id."""
    outlet = (article.get("outlet") or "").strip()
    if outlet:
        return outlet.casefold()
    host = urlsplit(article.get("url") or "").hostname or ""
    if host:
        return host.removeprefix("www.")
    return f"article:{article.get('id') or article_id}"


def parse_day(value: Any) -> dt.date | None:
    """The first day of an ISO date, date-time, year-month or year; None if unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parts = text[:10].split("-")
    try:
        if len(parts) == 1 and len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def date_interval(value: Any, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a dated record may refer to, inclusive: a day, the week starting at the
    date, the month or the year. Precision is inferred from the string when missing."""
    start = parse_day(value)
    if start is None:
        return None
    if precision is None:
        length = len(str(value).strip())
        precision = "year" if length == 4 else "month" if length == 7 else "day"
    if precision == "year":
        return dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    if precision == "month":
        first = start.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    if precision == "week":
        return start, start + dt.timedelta(days=6)
    return start, start


def interval_gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two intervals; 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the day/week (ISO, Monday)/month bin holding ``day``."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}; use day, week or month")


def next_period(start: dt.date, period: str) -> dt.date:
    if period == "day":
        return start + dt.timedelta(days=1)
    if period == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def factuality_rank(value: str | None) -> int:
    """0 for asserted (strongest) ... 4 for negated; unknown values rank after negated."""
    try:
        return FACTUALITY_ORDER.index(value or "")
    except ValueError:
        return len(FACTUALITY_ORDER)


def actor_codes(actors: Iterable[Mapping[str, Any]] | None) -> tuple[str, ...]:
    """Sorted distinct country codes of a list of actor dicts (IGO/NGO actors by ``org``)."""
    return tuple(sorted({k for a in actors or () if (k := actor_key(a, "country"))}))


def actor_key(actor: Mapping[str, Any] | None, level: str = "country") -> str | None:
    """A dyad key for an actor: its country code ("RUS"), with ``level="sector"`` the code
    and sector ("RUS:MIL"). IGO/NGO/MNC actors with an ``org`` are keyed by it ("NATO")."""
    if not actor:
        return None
    code = actor.get("code")
    if code in ("IGO", "NGO", "MNC") and actor.get("org"):
        code = str(actor["org"]).upper()
    if not code:
        return None
    if level == "sector" and actor.get("sector"):
        return f"{code}:{actor['sector']}"
    if level not in ("country", "sector"):
        raise ValueError(f"unknown actor level {level!r}; use country or sector")
    return str(code)
