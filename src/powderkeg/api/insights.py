"""What the API and dashboard derive from events: dyad series, escalation, incidents, alerts,
claim groups.

Incidents, the escalation index and alerts are ``powderkeg.analysis``'s; this module loads
the events they need from the store and turns the results into JSON-ready dicts. The
per-period counts and the claim groups are computed here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import Any

import duckdb

from powderkeg.api.params import Filters
from powderkeg.api.queries import EVENTS, _cols, _where
from powderkeg.records import stable_id

#: How much an event's factuality counts toward escalation (negated events count nothing).
FACTUALITY_WEIGHT: dict[str, float] = {
    "asserted": 1.0,
    "reported": 0.7,
    "future": 0.3,
    "hypothetical": 0.1,
    "negated": 0.0,
}
INTERVALS = ("day", "week", "month")
MAX_EVENTS = 50_000  # events loaded for one derived view


def load_events(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    pair: tuple[str, str] | None = None,
    directed: bool = False,
) -> list[dict[str, Any]]:
    """Events under ``filters`` (and between a pair of codes), oldest first."""
    from powderkeg.store import schema

    clauses, params = _where(EVENTS, filters)
    if pair is not None:
        a, b = pair
        fwd = "(list_contains(r.source_codes, ?) AND list_contains(r.target_codes, ?))"
        clauses.append(fwd if directed else f"({fwd} OR {fwd})")
        params.extend([a, b] if directed else [a, b, b, a])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        f"SELECT {_cols('event')} FROM {EVENTS.rows} {where} "
        f"ORDER BY r.date_start NULLS LAST, r.seq LIMIT {MAX_EVENTS}"
    )
    return [schema.from_row("event", row) for row in con.execute(sql, params).fetchall()]


def _day(event: dict[str, Any]) -> dt.date | None:
    from powderkeg.store.schema import date_start

    return date_start(event.get("date"))


def weight(event: dict[str, Any]) -> float:
    return FACTUALITY_WEIGHT.get(event.get("factuality") or "asserted", 1.0) * float(
        event.get("confidence") or 0.5
    )


def net_conflict(events: list[dict[str, Any]]) -> float:
    """Net conflict of a set of events: the sum of -intensity weighted by confidence and
    factuality (conflict counts up, cooperation down), so a positive score leans to conflict."""
    return round(sum(-float(e.get("intensity") or 0) * weight(e) for e in events), 3)


def _period(day: dt.date, interval: str) -> dt.date:
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def series(
    events: list[dict[str, Any]], interval: str = "week", points: dict[str, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Per period (ISO start date): event counts, conflict/cooperation counts, mean intensity,
    net conflict and (from ``points``, see ``escalation_points``) the escalation index with its
    baseline and alert flag; empty periods between the first and last are included as zeros."""
    buckets: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        day = _day(e)
        if day is not None:
            buckets[_period(day, interval)].append(e)
    if not buckets:
        return []
    out = []
    start, last = min(buckets), max(buckets)
    while start <= last:
        group = buckets.get(start, [])
        quads = Counter(e.get("quad") or "" for e in group)
        out.append(
            {
                "period": start.isoformat(),
                "events": len(group),
                "conflict": quads["verbal_conflict"] + quads["material_conflict"],
                "cooperation": quads["verbal_cooperation"] + quads["material_cooperation"],
                "mean_intensity": round(sum(float(e.get("intensity") or 0) for e in group) / len(group), 3)
                if group
                else None,
                "net_conflict": net_conflict(group),
                **(
                    (points or {}).get(start.isoformat())
                    or {"index": 0.0, "baseline": None, "z": None, "alert": False}
                ),
            }
        )
        start = _next_period(start, interval)
    return out


def _next_period(day: dt.date, interval: str) -> dt.date:
    if interval == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=7 if interval == "week" else 1)


def corpus(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> Any:
    """An analysis ``Corpus`` of these events and the metadata of their articles."""
    from powderkeg.analysis import Corpus

    ids = sorted({e["article_id"] for e in events})
    rows = (
        con.execute(
            "SELECT id, published, outlet, url FROM articles WHERE list_contains(?::VARCHAR[], id)", [ids]
        ).fetchall()
        if ids
        else []
    )
    articles = [{"kind": "article", "id": i, "published": p, "outlet": o, "url": u} for i, p, o, u in rows]
    return Corpus.from_records([*articles, *events])


def consolidated(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> list[Any]:
    """The events' ``Incident``s (``powderkeg.analysis.consolidate``: the mentions of one
    real-world event become one incident)."""
    from powderkeg.analysis import consolidate

    return consolidate(corpus(con, events)) if events else []


def incident_dicts(found: list[Any], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Incidents as dicts, each with its mentions' evidence; newest first."""
    by_key = {(e["article_id"], e["id"]): e for e in events}
    out = []
    for inc in found:
        d = inc.to_dict()
        members = [by_key[(a, i)] for i in inc.event_ids for a in inc.article_ids if (a, i) in by_key]
        d["events"] = [
            {
                "id": e["id"],
                "article_id": e["article_id"],
                "type": e["type"],
                "date": e.get("date"),
                "factuality": e.get("factuality"),
                "evidence": e.get("evidence"),
            }
            for e in members
        ]
        out.append(d)
    return sorted(out, key=lambda d: (d["day"] or "", d["id"]), reverse=True)


def escalation_points(found: list[Any], interval: str, pair: tuple[str, str]) -> dict[str, dict[str, Any]]:
    """``powderkeg.analysis.escalation_index`` of one (unordered) dyad, by period start."""
    from powderkeg.analysis import EscalationParams, escalation_index

    if not found:
        return {}
    wanted = tuple(sorted(pair))
    return {
        p.window_start.isoformat(): {
            "index": p.value,
            "baseline": p.baseline_mean,
            "z": p.z,
            "alert": p.alert,
        }
        for p in escalation_index(found, EscalationParams(period=interval))
        if (p.source, p.target) == wanted
    }


def alerts(found: list[Any]) -> list[dict[str, Any]]:
    """``powderkeg.analysis.alerts`` as dicts (with an id, the dyad, a level); newest first."""
    from powderkeg.analysis import alerts as find_alerts

    out = []
    for a in find_alerts(found) if found else ():
        start = a.window_start.isoformat()
        out.append(
            {
                "id": stable_id(a.kind, a.source, a.target, a.actor, start, prefix="al-", length=12),
                "kind": a.kind,
                "dyad": [a.source, a.target],
                "actor": a.actor,
                "start": start,
                "level": "high" if a.kind == "escalation" else "medium",
                "value": a.value,
                "baseline": a.baseline_mean,
                "z": a.z,
                "incidents": list(a.incident_ids),
                "message": a.message,
            }
        )
    return sorted(out, key=lambda a: (a["start"], a["id"]), reverse=True)


def cached(app_state: Any, con: duckdb.DuckDBPyConnection, key: tuple, compute: Any) -> Any:
    """``compute()``, remembered on ``app.state`` until the store's data changes (a write adds
    rows, so the newest record sequence number moves); at most 64 entries."""
    row = con.execute("SELECT max(seq), count(*) FROM events").fetchone()
    full = (key, row)
    cache = app_state.derived_cache
    with app_state.cache_lock:
        if full in cache:
            return cache[full]
    value = compute()
    with app_state.cache_lock:
        if len(cache) >= 64:
            cache.pop(next(iter(cache)))
        cache[full] = value
    return value


def claim_groups(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims about the same thing (same ``group``; else same ``about`` and unit), with whether
    their holders disagree (ranges that do not overlap); most claims first."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        key = c.get("group") or stable_id(
            (c.get("about") or "").lower().strip(), c.get("unit"), prefix="g-", length=10
        )
        if c.get("group") or c.get("about"):
            groups[key].append(c)
    return sorted((_group(k, cs) for k, cs in groups.items()), key=lambda g: (-g["claims"], g["id"]))


def _bounds(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        return float(value[0]), float(value[1])
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value), float(value)
    return None


def _group(key: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    bounds = [b for b in (_bounds(c.get("value")) for c in claims) if b]
    disagree = bool(bounds) and max(lo for lo, _ in bounds) > min(hi for _, hi in bounds)
    holders = sorted(
        {
            (c.get("holder") or {}).get("name") or (c.get("holder") or {}).get("text") or "(the article)"
            for c in claims
        }
    )
    return {
        "id": key,
        "about": next((c["about"] for c in claims if c.get("about")), None),
        "unit": next((c["unit"] for c in claims if c.get("unit")), None),
        "claims": len(claims),
        "holders": holders,
        "disagreement": disagree,
        "low": min((lo for lo, _ in bounds), default=None),
        "high": max((hi for _, hi in bounds), default=None),
        "members": claims,
    }
