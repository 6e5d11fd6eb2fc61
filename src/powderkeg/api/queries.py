"""Listing records from the store: filters, allow-listed sorts and keyset pagination.

Every list is one SQL query shaped as

    SELECT * FROM (<rows with _k (sort key) and _tb (unique tiebreak)> WHERE <filters>) t
    WHERE (_k, _tb) after the cursor ORDER BY _k, _tb LIMIT n + 1

Column names, sort expressions and filter clauses all come from the fixed tables below;
user values only ever travel as bound parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from powderkeg.api.errors import ApiError
from powderkeg.api.params import Filters, Page, decode_cursor, encode_cursor
from powderkeg.store import schema

# SQL for the first day of a contract date string ("2024-11-05", "2024-11", "2024").
_DAY = (
    'COALESCE(TRY_CAST(left(r."date", 10) AS DATE), TRY_CAST(r."date" || \'-01\' AS DATE), '
    "TRY_CAST(r.\"date\" || '-01-01' AS DATE))"
)
_NO_DATE = "DATE '0001-01-01'"
_ACTOR_MATCH = "(lower(x.name) = lower(?) OR lower(x.text) = lower(?))"


@dataclass(frozen=True, slots=True)
class SortKey:
    expr: str  # a never-NULL SQL expression over the inner query's tables
    type: str  # "date", "number" or "text": how a cursor's key is read back


@dataclass(frozen=True, slots=True)
class Resource:
    """One listable kind: where its rows come from, how it sorts and filters."""

    name: str
    rows: str  # FROM ... (tables aliased r, a)
    columns: str  # what to SELECT (before _k, _tb)
    tiebreak: str  # a unique, never-NULL expression
    sorts: dict[str, SortKey]
    default_sort: str
    filters: dict[str, Callable[[Any], tuple[str, list[Any]]]]
    decode: Callable[[tuple[Any, ...]], dict[str, Any]]
    group_by: str = ""  # for aggregates: filters go in WHERE, the rest after GROUP BY


def _cols(kind: str, alias: str = "r") -> str:
    return ", ".join(f"{alias}.{schema.quote_ident(c)}" for c in schema.read_columns(kind))


def _record(kind: str) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    return lambda row: schema.from_row(kind, row)


def _in(expr: str) -> Callable[[tuple[str, ...]], tuple[str, list[Any]]]:
    return lambda values: (f"list_contains(?::VARCHAR[], {expr})", [list(values)])


def _contains(*exprs: str) -> Callable[[str], tuple[str, list[Any]]]:
    def clause(text: str) -> tuple[str, list[Any]]:
        parts = [f"contains(lower(COALESCE({e}, '')), lower(?))" for e in exprs]
        return "(" + " OR ".join(parts) + ")", [text] * len(exprs)

    return clause


def _dates(expr: str) -> dict[str, Callable[[Any], tuple[str, list[Any]]]]:
    return {"since": lambda d: (f"{expr} >= ?", [d]), "until": lambda d: (f"{expr} < ?", [d])}


def _event_actor(condition: str) -> Callable[[Any], tuple[str, list[Any]]]:
    def clause(value: Any) -> tuple[str, list[Any]]:
        sql = (
            f"EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = r.article_id "
            f"AND x.event_id = r.id AND {condition})"
        )
        params = [value, value] if condition == _ACTOR_MATCH else [list(value)]
        return sql, params

    return clause


def _article_has_event(condition: str) -> Callable[[Any], tuple[str, list[Any]]]:
    def clause(value: Any) -> tuple[str, list[Any]]:
        sql = f"EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = r.id AND {condition})"
        return sql, ([value, value] if condition == _ACTOR_MATCH else [list(value)])

    return clause


def _article_event_field(column: str) -> Callable[[Any], tuple[str, list[Any]]]:
    return lambda values: (
        f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = r.id "
        f"AND list_contains(?::VARCHAR[], e.{column}))",
        [list(values)],
    )


_CODES_ANY = "list_contains(?::VARCHAR[], x.code)"
_ADDED = SortKey("r.seq", "number")

EVENTS = Resource(
    name="events",
    rows="events r JOIN articles a ON a.id = r.article_id",
    columns=_cols("event"),
    tiebreak="r.seq",
    sorts={
        "date": SortKey(f"COALESCE(r.date_start, {_NO_DATE})", "date"),
        "intensity": SortKey("COALESCE(r.intensity, 0)", "number"),
        "confidence": SortKey("COALESCE(r.confidence, 0)", "number"),
        "type": SortKey("COALESCE(r.\"type\", '')", "text"),
        "published": SortKey(f"COALESCE(a.published_date, {_NO_DATE})", "date"),
        "added": _ADDED,
    },
    default_sort="-date",
    filters={
        **_dates("r.date_start"),
        "actor": _event_actor(_ACTOR_MATCH),
        "country": lambda v: (
            "(list_has_any(r.source_codes, ?::VARCHAR[]) OR list_has_any(r.target_codes, ?::VARCHAR[]))",
            [list(v), list(v)],
        ),
        "type": _in('r."type"'),
        "quad": _in("r.quad"),
        "factuality": _in("r.factuality"),
        "q": _contains("json_extract_string(r.evidence, '$.text')"),
        "article_id": lambda v: ("r.article_id = ?", [v]),
    },
    decode=_record("event"),
)

ARTICLES = Resource(
    name="articles",
    rows="articles r",
    columns=_cols("article"),
    tiebreak="r.seq",
    sorts={
        "published": SortKey(f"COALESCE(r.published_date, {_NO_DATE})", "date"),
        "title": SortKey("COALESCE(lower(r.title), '')", "text"),
        "added": _ADDED,
    },
    default_sort="-published",
    filters={
        **_dates("r.published_date"),
        "actor": _article_has_event(_ACTOR_MATCH),
        "country": _article_has_event(_CODES_ANY),
        "type": _article_event_field('"type"'),
        "quad": _article_event_field("quad"),
        "factuality": _article_event_field("factuality"),
        "q": _contains("r.title", "r.text"),
        "article_id": lambda v: ("r.id = ?", [v]),
    },
    decode=_record("article"),
)

QUOTES = Resource(
    name="quotes",
    rows="quotes r",
    columns=_cols("quote"),
    tiebreak="r.seq",
    sorts={
        "date": SortKey(f"COALESCE({_DAY}, {_NO_DATE})", "date"),
        "speaker": SortKey("COALESCE(lower(r.speaker_name), '')", "text"),
        "added": _ADDED,
    },
    default_sort="-date",
    filters={
        **_dates(_DAY),
        "actor": lambda v: (
            "(lower(r.speaker_name) = lower(?) OR "
            "lower(json_extract_string(r.speaker, '$.text')) = lower(?))",
            [v, v],
        ),
        "country": _in("r.speaker_code"),
        "q": _contains("r.text"),
        "article_id": lambda v: ("r.article_id = ?", [v]),
    },
    decode=_record("quote"),
)

CLAIMS = Resource(
    name="claims",
    rows="claims r",
    columns=_cols("claim"),
    tiebreak="r.seq",
    sorts={
        "date": SortKey(f"COALESCE({_DAY}, {_NO_DATE})", "date"),
        "value": SortKey("COALESCE(r.value_low, 0)", "number"),
        "added": _ADDED,
    },
    default_sort="-date",
    filters={
        **_dates(_DAY),
        "actor": lambda v: (
            "(lower(json_extract_string(r.holder, '$.name')) = lower(?) OR "
            "lower(json_extract_string(r.holder, '$.text')) = lower(?))",
            [v, v],
        ),
        "country": _in("r.holder_code"),
        "q": _contains("json_extract_string(r.evidence, '$.text')", "r.about"),
        "article_id": lambda v: ("r.article_id = ?", [v]),
    },
    decode=_record("claim"),
)


def _actor_row(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = (
        "name",
        "code",
        "sector",
        "events",
        "as_source",
        "as_target",
        "articles",
        "first_date",
        "last_date",
    )
    out = dict(zip(keys, row, strict=False))
    for k in ("first_date", "last_date"):
        out[k] = out[k].isoformat() if out[k] is not None else None
    return out


ACTORS = Resource(
    name="actors",
    rows=("event_actors x JOIN events r ON r.article_id = x.article_id AND r.id = x.event_id"),
    columns=(
        "COALESCE(x.name, x.text) AS name, x.code, any_value(x.sector), "
        "count(DISTINCT (r.article_id, r.id)), "
        "count(*) FILTER (WHERE x.role = 'source'), count(*) FILTER (WHERE x.role = 'target'), "
        "count(DISTINCT r.article_id), min(r.date_start), max(r.date_start)"
    ),
    tiebreak="COALESCE(x.name, x.text) || '|' || COALESCE(x.code, '')",
    sorts={
        "events": SortKey("count(DISTINCT (r.article_id, r.id))", "number"),
        "name": SortKey("lower(COALESCE(x.name, x.text))", "text"),
        "last": SortKey(f"COALESCE(max(r.date_start), {_NO_DATE})", "date"),
    },
    default_sort="-events",
    filters={
        **_dates("r.date_start"),
        "actor": lambda v: (_ACTOR_MATCH, [v, v]),
        "country": _in("x.code"),
        "type": _in('r."type"'),
        "quad": _in("r.quad"),
        "factuality": _in("r.factuality"),
        "q": _contains("x.name", "x.text"),
    },
    decode=_actor_row,
    group_by="COALESCE(x.name, x.text), x.code",
)


def _dyad_row(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = (
        "source",
        "target",
        "events",
        "conflict",
        "cooperation",
        "mean_intensity",
        "first_date",
        "last_date",
    )
    out = dict(zip(keys, row, strict=False))
    out["mean_intensity"] = round(out["mean_intensity"], 3) if out["mean_intensity"] is not None else None
    for k in ("first_date", "last_date"):
        out[k] = out[k].isoformat() if out[k] is not None else None
    return out


DYADS = Resource(
    name="dyads",
    rows=(
        "(SELECT *, unnest(target_codes) AS t_code FROM "
        "(SELECT *, unnest(source_codes) AS s_code FROM events)) r"
    ),
    columns=(
        "r.s_code, r.t_code, count(*), count(*) FILTER (WHERE r.quad LIKE '%conflict'), "
        "count(*) FILTER (WHERE r.quad LIKE '%cooperation'), avg(r.intensity), "
        "min(r.date_start), max(r.date_start)"
    ),
    tiebreak="r.s_code || '|' || r.t_code",
    sorts={
        "events": SortKey("count(*)", "number"),
        "conflict": SortKey("count(*) FILTER (WHERE r.quad LIKE '%conflict')", "number"),
        "intensity": SortKey("COALESCE(avg(r.intensity), 0)", "number"),
        "last": SortKey(f"COALESCE(max(r.date_start), {_NO_DATE})", "date"),
    },
    default_sort="-events",
    filters={
        **_dates("r.date_start"),
        "actor": _event_actor(_ACTOR_MATCH),
        "country": lambda v: (
            "(list_contains(?::VARCHAR[], r.s_code) OR list_contains(?::VARCHAR[], r.t_code))",
            [list(v), list(v)],
        ),
        "type": _in('r."type"'),
        "quad": _in("r.quad"),
        "factuality": _in("r.factuality"),
        "q": _contains("json_extract_string(r.evidence, '$.text')"),
    },
    decode=_dyad_row,
    group_by="r.s_code, r.t_code",
)

RESOURCES: dict[str, Resource] = {r.name: r for r in (EVENTS, ARTICLES, QUOTES, CLAIMS, ACTORS, DYADS)}


@dataclass(frozen=True, slots=True)
class Listing:
    data: list[dict[str, Any]]
    next_cursor: str | None
    sort: str


def _sort(res: Resource, asked: str | None) -> tuple[str, SortKey, bool]:
    name = (asked or res.default_sort).strip()
    desc = name.startswith("-")
    key = res.sorts.get(name.lstrip("-+"))
    if key is None:
        allowed = ", ".join(sorted(res.sorts))
        raise ApiError(
            422,
            "bad_parameter",
            f"'sort' for {res.name} must be one of: {allowed} (with '-' in front to sort descending)",
            detail={"parameter": "sort", "value": asked},
        )
    return ("-" if desc else "") + name.lstrip("-+"), key, desc


def _where(res: Resource, filters: Filters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for name in filters.given():
        make = res.filters.get(name)
        if make is None:
            allowed = ", ".join(sorted(res.filters))
            raise ApiError(
                422,
                "bad_parameter",
                f"filter '{name}' does not apply to {res.name}; its filters are: {allowed}",
                detail={"parameter": name},
            )
        sql, values = make(getattr(filters, name))
        clauses.append(sql)
        params.extend(values)
    return clauses, params


def _cursor_value(key: SortKey, value: Any) -> Any:
    try:
        if key.type == "date":
            return dt.date.fromisoformat(value)
        if key.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(value)
            return value
        if not isinstance(value, str):
            raise TypeError(value)
        return value
    except (TypeError, ValueError):
        raise ApiError(
            422, "bad_cursor", "'cursor' is damaged; start again without it", detail={"parameter": "cursor"}
        ) from None


def list_rows(con: duckdb.DuckDBPyConnection, res: Resource, filters: Filters, page: Page) -> Listing:
    """One page of ``res`` under ``filters``, and the cursor of the next page (or None)."""
    sort_name, key, desc = _sort(res, page.sort)
    clauses, params = _where(res, filters)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    group = f"GROUP BY {res.group_by}" if res.group_by else ""
    inner = f"SELECT {res.columns}, {key.expr} AS _k, {res.tiebreak} AS _tb FROM {res.rows} {where} {group}"
    outer_where = ""
    if page.cursor:
        raw_key, raw_tb = decode_cursor(page.cursor, res.name, sort_name)
        op = "<" if desc else ">"
        outer_where = f"WHERE (t._k {op} ? OR (t._k = ? AND t._tb {op} ?))"
        k = _cursor_value(key, raw_key)
        params.extend([k, k, raw_tb])
    order = "DESC" if desc else "ASC"
    sql = f"SELECT * FROM ({inner}) t {outer_where} ORDER BY t._k {order}, t._tb {order} LIMIT ?"
    params.append(page.limit + 1)
    rows = con.execute(sql, params).fetchall()
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    data = [res.decode(row[:-2]) for row in rows]
    next_cursor = None
    if more and rows:
        last_k, last_tb = rows[-1][-2], rows[-1][-1]
        last_k = last_k.isoformat() if isinstance(last_k, dt.date) else last_k
        next_cursor = encode_cursor(res.name, sort_name, last_k, last_tb)
    return Listing(data=data, next_cursor=next_cursor, sort=sort_name)


def one(
    con: duckdb.DuckDBPyConnection, kind: str, record_id: str, article_id: str | None = None
) -> dict | None:
    """One record by id (and article, where ids repeat across articles), or None."""
    table = schema.TABLES[kind]
    cols = _cols(kind)
    if kind == "article":
        row = con.execute(f"SELECT {cols} FROM {table} r WHERE r.id = ?", [record_id]).fetchone()
    elif article_id:
        row = con.execute(
            f"SELECT {cols} FROM {table} r WHERE r.id = ? AND r.article_id = ?", [record_id, article_id]
        ).fetchone()
    else:
        row = con.execute(
            f"SELECT {cols} FROM {table} r WHERE r.id = ? ORDER BY r.seq LIMIT 1", [record_id]
        ).fetchone()
    return schema.from_row(kind, row) if row else None


def of_article(con: duckdb.DuckDBPyConnection, kind: str, article_id: str) -> list[dict[str, Any]]:
    """Every record of one kind in one article, in extraction order."""
    sql = f"SELECT {_cols(kind)} FROM {schema.TABLES[kind]} r WHERE r.article_id = ? ORDER BY r.seq"
    return [schema.from_row(kind, row) for row in con.execute(sql, [article_id]).fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM quotes), (SELECT count(*) FROM claims)"
    ).fetchone() or (0, 0, 0, 0)
    return dict(zip(("articles", "events", "quotes", "claims"), (int(v) for v in row), strict=True))
