"""How each record kind maps onto its table: contract fields, helper columns, row codecs.

A contract field is stored in a column of the same name. Nested values (actors, spans,
location, a claim's value) are JSON columns holding exactly what ``to_dict()`` gave, so a
record read back is the record written. Fields a record carries beyond those listed here
(a later extension of ``records.py``) are kept in the row's ``extra`` JSON column and come
back too, so a new field never needs a migration to survive the store.

Helper columns (``source_codes``, ``date_start``, ...) are derived on write for fast,
flat filters; they are not part of the contract and never appear in ``records()``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from powderkeg.context import parse_published


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql: str  # DuckDB type
    json: bool = False  # encoded with json.dumps on write, json.loads on read


def _c(name: str, sql: str = "VARCHAR") -> Column:
    return Column(name, sql)


def _j(name: str) -> Column:
    return Column(name, "JSON", json=True)


#: Contract fields per kind, in ``to_dict()`` order (``kind`` itself is implied by the table).
FIELDS: dict[str, tuple[Column, ...]] = {
    "article": (
        _c("id"), _c("title"), _c("published"), _c("url"), _c("outlet"), _c("language"),
        _c("text"), _c("duplicate_of"), _c("source"),
    ),
    "event": (
        _c("id"), _c("article_id"), _c("type"), _c("mode"), _c("context", "VARCHAR[]"),
        _c("quad"), _c("intensity", "DOUBLE"), _j("source"), _j("target"), _c("date"),
        _c("date_precision"), _j("location"), _c("factuality"), _j("attributed_to"),
        _j("evidence"), _j("trigger"), _c("confidence", "DOUBLE"),
    ),
    "quote": (
        _c("id"), _c("article_id"), _c("text"), _c("direct", "BOOLEAN"), _j("speaker"),
        _c("speaker_title"), _c("cue"), _c("start", "BIGINT"), _c("end", "BIGINT"), _c("date"),
    ),
    "claim": (
        _c("id"), _c("article_id"), _j("value"), _c("qualifier"), _c("unit"), _c("about"),
        _j("holder"), _j("evidence"), _c("date"), _c("group"),
    ),
}

TABLES: dict[str, str] = {"article": "articles", "event": "events", "quote": "quotes", "claim": "claims"}
KINDS: tuple[str, ...] = tuple(TABLES)

_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "DOUBLE": pa.float64(), "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(), "VARCHAR[]": pa.list_(pa.string()), "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def date_start(value: str | None) -> dt.date | None:
    """The first day of an ISO date, year-month or year ("2024-11" -> 2024-11-01)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return None
    return parse_published(value)


def _codes(actors: list[dict[str, Any]] | None) -> list[str]:
    return sorted({a["code"] for a in actors or () if a.get("code")})


def _value_bounds(value: Any) -> tuple[float | None, float | None]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return _number(value[0]), _number(value[1])
    number = _number(value)
    return number, number


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _event_helpers(d: dict[str, Any]) -> dict[str, Any]:
    location = d.get("location") or {}
    return {
        "source_codes": _codes(d.get("source")),
        "target_codes": _codes(d.get("target")),
        "date_start": date_start(d.get("date")),
        "location_country": location.get("country"),
    }


def _claim_helpers(d: dict[str, Any]) -> dict[str, Any]:
    low, high = _value_bounds(d.get("value"))
    holder = d.get("holder") or {}
    return {"value_low": low, "value_high": high, "holder_code": holder.get("code")}


def _quote_helpers(d: dict[str, Any]) -> dict[str, Any]:
    speaker = d.get("speaker") or {}
    return {"speaker_name": speaker.get("name"), "speaker_code": speaker.get("code")}


def _article_helpers(d: dict[str, Any]) -> dict[str, Any]:
    return {"published_date": parse_published(d.get("published"))}


#: Helper columns per kind (written, never read back into records), with their derivation.
HELPERS: dict[str, tuple[tuple[Column, ...], Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "article": ((_c("published_date", "DATE"),), _article_helpers),
    "event": (
        (_c("source_codes", "VARCHAR[]"), _c("target_codes", "VARCHAR[]"),
         _c("date_start", "DATE"), _c("location_country")),
        _event_helpers,
    ),
    "quote": ((_c("speaker_name"), _c("speaker_code")), _quote_helpers),
    "claim": (
        (_c("value_low", "DOUBLE"), _c("value_high", "DOUBLE"), _c("holder_code")),
        _claim_helpers,
    ),
}

#: Bookkeeping columns every record table has, filled by the store on write.
BOOKKEEPING: tuple[Column, ...] = (_j("extra"), _c("run_id"), _c("added_at", "TIMESTAMP"))


def _encode(column: Column, value: Any) -> Any:
    if column.json:
        return None if value is None else json.dumps(value, ensure_ascii=False, allow_nan=False)
    if column.sql == "VARCHAR[]" and value is not None:
        return list(value)
    return value


def to_row(kind: str, record: dict[str, Any], *, run_id: str, added_at: dt.datetime) -> dict[str, Any]:
    """One contract-shaped dict -> the column values of its table (fields, helpers, bookkeeping)."""
    if record.get("kind", kind) != kind:
        raise ValueError(f"a {record.get('kind')!r} record cannot go into the {TABLES[kind]} table")
    known = {c.name for c in FIELDS[kind]} | {"kind"}
    row = {c.name: _encode(c, record.get(c.name)) for c in FIELDS[kind]}
    extra = {k: v for k, v in record.items() if k not in known}
    row["extra"] = json.dumps(extra, ensure_ascii=False, allow_nan=False) if extra else None
    row.update(HELPERS[kind][1](record))
    row["run_id"] = run_id
    row["added_at"] = added_at
    return row


def from_row(kind: str, values: tuple[Any, ...]) -> dict[str, Any]:
    """The values of ``read_columns(kind)`` -> the record exactly as ``to_dict()`` gave it."""
    record: dict[str, Any] = {"kind": kind}
    for column, value in zip(FIELDS[kind], values, strict=False):
        record[column.name] = json.loads(value) if column.json and value is not None else value
    extra = values[len(FIELDS[kind])]
    if extra is not None:
        record.update(json.loads(extra))
    return record


def read_columns(kind: str) -> list[str]:
    """Columns to SELECT for ``from_row``: the contract fields, then ``extra``."""
    return [c.name for c in FIELDS[kind]] + ["extra"]


def write_columns(kind: str) -> tuple[Column, ...]:
    return FIELDS[kind] + HELPERS[kind][0] + BOOKKEEPING


def arrow_table(kind: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of one kind as an Arrow table typed like its DuckDB table (for a bulk INSERT)."""
    columns = write_columns(kind)
    schema = pa.schema([pa.field(c.name, _ARROW[c.sql]) for c in columns])
    return pa.table({c.name: [r.get(c.name) for r in rows] for c in columns}, schema=schema)
