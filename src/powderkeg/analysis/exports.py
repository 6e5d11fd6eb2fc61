"""Exports the field reads: PLOVER JSON, flat CSV/Parquet tables, a CAMEO-compatible table.

    records = load_jsonl("out.jsonl")
    write_plover(plover_events(records), "events.plover.jsonl")     # one PLOVER record a line
    write_rows(event_rows(records), "events.csv")                  # or .parquet
    write_rows(cameo_rows(records), "events.cameo.csv")
    write_rows(incident_rows(consolidate(records)), "incidents.parquet")

PLOVER field names follow the PLOVER manual's "Data Fields" chapter (``id``, ``date``,
``actor``, ``recipient``, ``event``, ``mode``, ``context``, ``event_loc``, ``event_text``,
``quad_code``, ``event_scale``, ``text_info``, ``cite_info``, ``coder``...); fields of our
own (``factuality``, ``confidence``...) are added beside them, as the manual allows.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from powderkeg.analysis.corpus import Corpus, Record, actor_codes
from powderkeg.analysis.incidents import Incident
from powderkeg.errors import KnowledgeError

QUAD_CODES: Mapping[str, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}
#: The usual quad class of each CAMEO root code (01-02 neutral statements are 0).
CAMEO_ROOT_QUAD: Mapping[str, int] = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}
#: PLOVER's auxiliary modes go in ``context`` (manual, "Auxiliary modes").
_AUXILIARY = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}
CODER = "powderkeg"
CODEBOOK = "plover (powderkeg records contract v1)"


def _corpus(records: Corpus | Iterable[Record]) -> Corpus:
    return records if isinstance(records, Corpus) else Corpus.from_records(records)


def _entity(actor: Mapping[str, Any]) -> dict[str, Any]:
    out = {"code": actor.get("code"), "sector": actor.get("sector"), "entity_text": actor.get("text")}
    if actor.get("name"):
        out["identifier_text"] = actor["name"]
    if actor.get("org"):
        out["org"] = actor["org"]
    return out


def _loc(location: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not location:
        return None
    return {
        "extracted_place": location.get("text"),
        "country_code": location.get("country"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
    }


def _cite(article: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "url": article.get("url"),
        "title": article.get("title"),
        "publication": article.get("outlet"),
        "language": article.get("language"),
        "coder": CODER,
        "codebook": CODEBOOK,
    }


def _context(values: Iterable[str], factuality: str | None) -> list[str]:
    out = list(values)
    if factuality in _AUXILIARY:
        out.append(_AUXILIARY[factuality])
    return out


def plover_event(
    event: Mapping[str, Any], article: Mapping[str, Any] | None = None, *, include_text: bool = False
) -> dict[str, Any]:
    """One event record as a PLOVER JSON record. The evidence sentence goes in ``text``
    only with ``include_text`` (the manual: only where you hold the rights to the text)."""
    article = article or {}
    evidence, trigger = event.get("evidence") or {}, event.get("trigger") or {}
    out: dict[str, Any] = {
        "id": event.get("id"),
        "has_event": True,
        "date": event.get("date"),
        "actor": [_entity(a) for a in event.get("source") or ()],
        "recipient": [_entity(a) for a in event.get("target") or ()],
        "event": [event.get("type")],
        "event_loc": _loc(event.get("location")),
        "event_text": [trigger.get("text")] if trigger.get("text") else [],
        "quad_code": QUAD_CODES.get(str(event.get("quad"))),
        "event_scale": event.get("intensity"),
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": _context(event.get("context") or (), event.get("factuality")),
        "text_info": {"start": evidence.get("start"), "end": evidence.get("end")},
        "cite_info": _cite(article),
        "coder": CODER,
        # ours, beside the manual's fields:
        "date_precision": event.get("date_precision"),
        "factuality": event.get("factuality"),
        "confidence": event.get("confidence"),
        "article_id": event.get("article_id"),
    }
    if include_text:
        out["text"] = evidence.get("text")
    return out


def plover_events(records: Corpus | Iterable[Record], *, include_text: bool = False) -> list[dict[str, Any]]:
    corpus = _corpus(records)
    return [
        plover_event(e, corpus.article(e.get("article_id")), include_text=include_text) for e in corpus.events
    ]


def plover_incident(incident: Incident) -> dict[str, Any]:
    """One incident as a PLOVER record; ``link`` ties it to its mentions' event ids."""

    def entities(details: Sequence[str]) -> list[dict[str, Any]]:
        return [{"code": d.split(":")[0], "sector": d.split(":")[1] if ":" in d else None} for d in details]

    loc = (
        {
            "text": incident.location,
            "country": incident.location_country,
            "lat": incident.lat,
            "lon": incident.lon,
        }
        if incident.location
        else None
    )
    return {
        "id": incident.id,
        "has_event": True,
        "date": incident.date or _iso(incident.day),
        "actor": entities(incident.source_detail),
        "recipient": entities(incident.target_detail),
        "event": [incident.type],
        "event_loc": _loc(loc),
        "event_text": [incident.trigger_text] if incident.trigger_text else [],
        "quad_code": QUAD_CODES.get(incident.quad),
        "event_scale": incident.intensity,
        "mode": [incident.mode] if incident.mode else [],
        "context": _context(incident.context, incident.factuality),
        "link": list(incident.event_ids),
        "coder": CODER,
        "factuality": incident.factuality,
        "mentions": incident.mentions,
        "n_outlets": incident.n_outlets,
        "first_reported": _iso(incident.first_reported),
        "article_ids": list(incident.article_ids),
    }


def write_plover(items: Iterable[Mapping[str, Any]], path: str | Path) -> Path:
    """PLOVER records as JSON Lines (the manual's suggested format)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False, default=_json_default) + "\n")
    return p


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _joined(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values if v not in (None, ""))


def event_rows(records: Corpus | Iterable[Record]) -> list[dict[str, Any]]:
    """One flat row per event (lists joined with ';'), with its article's metadata."""
    corpus = _corpus(records)
    rows = []
    for e in corpus.events:
        article, loc = corpus.article(e.get("article_id")), e.get("location") or {}
        rows.append(
            {
                "id": e.get("id"),
                "article_id": e.get("article_id"),
                "date": e.get("date"),
                "date_precision": e.get("date_precision"),
                "type": e.get("type"),
                "mode": e.get("mode"),
                "context": _joined(e.get("context") or ()),
                "quad": e.get("quad"),
                "quad_code": QUAD_CODES.get(str(e.get("quad"))),
                "intensity": e.get("intensity"),
                "factuality": e.get("factuality"),
                "confidence": e.get("confidence"),
                "source_codes": _joined(actor_codes(e.get("source"))),
                "source_text": _joined(a.get("text") for a in e.get("source") or ()),
                "target_codes": _joined(actor_codes(e.get("target"))),
                "target_text": _joined(a.get("text") for a in e.get("target") or ()),
                "location": loc.get("text"),
                "location_country": loc.get("country"),
                "lat": loc.get("lat"),
                "lon": loc.get("lon"),
                "evidence": (e.get("evidence") or {}).get("text"),
                "trigger": (e.get("trigger") or {}).get("text"),
                "published": article.get("published"),
                "outlet": article.get("outlet"),
                "url": article.get("url"),
                "title": article.get("title"),
            }
        )
    return rows


def incident_rows(incidents: Iterable[Incident]) -> list[dict[str, Any]]:
    """One flat row per incident (lists joined with ';', dates as ISO strings)."""
    rows = []
    for incident in incidents:
        row = incident.to_dict()
        rows.append({k: _joined(v) if isinstance(v, list) else v for k, v in row.items() if k != "kind"})
    return rows


@cache
def cameo_map() -> Mapping[tuple[str, str], tuple[str, bool]]:
    """(PLOVER type, mode or "*") -> (CAMEO code, approximate?) from the packaged TSV."""
    text = resources.files("powderkeg.analysis").joinpath("data/plover_to_cameo.tsv").read_text("utf-8")
    table: dict[tuple[str, str], tuple[str, bool]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 4 or cells[3] not in ("0", "1") or not cells[2].isdigit():
            raise KnowledgeError(f"plover_to_cameo.tsv:{number}: expected type, mode, code, approx (0/1)")
        table[(cells[0], cells[1])] = (cells[2], cells[3] == "1")
    return table


def cameo_code(event_type: str | None, mode: str | None) -> tuple[str | None, bool]:
    """The nearest CAMEO code for a PLOVER type and mode, and whether it is approximate.
    An unknown type gives (None, True)."""
    table = cameo_map()
    if (event_type or "", mode or "") in table:
        return table[(event_type or "", mode or "")]
    if (event_type or "", "*") in table:
        code, approx = table[(event_type or "", "*")]
        return code, approx or bool(mode)
    return None, True


def cameo_rows(records: Corpus | Iterable[Record]) -> list[dict[str, Any]]:
    """A CAMEO-style table: one row per (source country, target country) pair of each event,
    as CAMEO data sets have it, with ``cameo_approx`` on every row."""
    corpus = _corpus(records)
    rows = []
    for e in corpus.events:
        code, approx = cameo_code(e.get("type"), e.get("mode"))
        root = code[:2] if code else None
        published = corpus.article(e.get("article_id")).get("published")
        for src in actor_codes(e.get("source")) or ("",):
            for tgt in actor_codes(e.get("target")) or ("",):
                rows.append(
                    {
                        "event_id": e.get("id"),
                        "article_id": e.get("article_id"),
                        "date": e.get("date") or (published or "")[:10] or None,
                        "source": src or None,
                        "target": tgt or None,
                        "cameo_code": code,
                        "cameo_root": root,
                        "cameo_approx": approx,
                        "quad_class": QUAD_CODES.get(str(e.get("quad"))),
                        "cameo_quad_class": CAMEO_ROOT_QUAD.get(root or ""),
                        "intensity": e.get("intensity"),
                        "plover_type": e.get("type"),
                        "plover_mode": e.get("mode"),
                        "factuality": e.get("factuality"),
                    }
                )
    return rows


def as_dicts(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Dataclass rows (``DyadRow``, ``EscalationPoint``, ``Alert``...) or dicts, as dicts."""
    return [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in rows]


def to_arrow(rows: Iterable[Any]) -> pa.Table:
    """A pyarrow Table of rows (dicts or dataclasses); tuples become ';'-joined strings."""
    dicts = [
        {k: _joined(v) if isinstance(v, tuple | list) else v for k, v in d.items()} for d in as_dicts(rows)
    ]
    return pa.Table.from_pylist(dicts)


def write_rows(rows: Iterable[Any], path: str | Path, fmt: str | None = None) -> Path:
    """Rows as CSV or Parquet (by ``fmt``, else the file's suffix); returns the path."""
    p = Path(path)
    fmt = fmt or p.suffix.lstrip(".").lower()
    p.parent.mkdir(parents=True, exist_ok=True)
    dicts = as_dicts(rows)
    if fmt == "parquet":
        pq.write_table(to_arrow(dicts), p)
    elif fmt == "csv":
        _write_csv(dicts, p)
    else:
        raise ValueError(f"{p}: unknown table format {fmt!r}; use csv or parquet")
    return p


def _write_csv(dicts: Sequence[Mapping[str, Any]], path: Path) -> None:
    names = list(dict.fromkeys(k for d in dicts for k in d))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        for d in dicts:
            writer.writerow(
                {k: _joined(v) if isinstance(v, tuple | list) else _cell(v) for k, v in d.items()}
            )


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value
