"""What the API and dashboard derive from events: dyad series, escalation, incidents, alerts,
claim groups.

``powderkeg.analysis`` is the home of these methods; where it offers a function, the API
uses it (see ``_analysis``), and the simple versions here are the fallback so the API
works on any store. All work on contract-shaped record dicts.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import duckdb

from powderkeg.api.params import Filters
from powderkeg.api.queries import EVENTS, _cols, _where
from powderkeg.records import stable_id

#: How much an event's factuality counts toward escalation (negated events count nothing).
FACTUALITY_WEIGHT: dict[str, float] = {
    "asserted": 1.0, "reported": 0.7, "future": 0.3, "hypothetical": 0.1, "negated": 0.0,
}
INTERVALS = ("day", "week", "month")
INCIDENT_GAP_DAYS = 2
ALERT_WINDOW_DAYS = 7
ALERT_BASELINE_DAYS = 28
MAX_EVENTS = 50_000  # events loaded for one derived view


def _analysis(name: str) -> Callable[..., Any] | None:
    """``powderkeg.analysis.<name>`` where the analysis package offers it."""
    try:
        module = importlib.import_module("powderkeg.analysis")
    except ImportError:
        return None
    func = getattr(module, name, None)
    return func if callable(func) else None


def load_events(con: duckdb.DuckDBPyConnection, filters: Filters, *, pair: tuple[str, str] | None = None,
                directed: bool = False) -> list[dict[str, Any]]:
    """Events under ``filters`` (and between a pair of codes), oldest first."""
    from powderkeg.store import schema

    clauses, params = _where(EVENTS, filters)
    if pair is not None:
        a, b = pair
        fwd = "(list_contains(r.source_codes, ?) AND list_contains(r.target_codes, ?))"
        clauses.append(fwd if directed else f"({fwd} OR {fwd})")
        params.extend([a, b] if directed else [a, b, b, a])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (f"SELECT {_cols('event')} FROM {EVENTS.rows} {where} "
           f"ORDER BY r.date_start NULLS LAST, r.seq LIMIT {MAX_EVENTS}")
    return [schema.from_row("event", row) for row in con.execute(sql, params).fetchall()]


def _day(event: dict[str, Any]) -> dt.date | None:
    from powderkeg.store.schema import date_start

    return date_start(event.get("date"))


def weight(event: dict[str, Any]) -> float:
    return FACTUALITY_WEIGHT.get(event.get("factuality") or "asserted", 1.0) * float(event.get("confidence") or 0.5)


def escalation(events: list[dict[str, Any]]) -> float:
    """Escalation score of a set of events: the weighted sum of -intensity (conflict counts up,
    cooperation down), so a positive score leans to conflict."""
    return round(sum(-float(e.get("intensity") or 0) * weight(e) for e in events), 3)


def _period(day: dt.date, interval: str) -> dt.date:
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def series(events: list[dict[str, Any]], interval: str = "week") -> list[dict[str, Any]]:
    """Per period (ISO start date): event counts, conflict/cooperation counts, mean intensity
    and escalation; empty periods between the first and last are included as zeros."""
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
        out.append({
            "period": start.isoformat(), "events": len(group),
            "conflict": quads["verbal_conflict"] + quads["material_conflict"],
            "cooperation": quads["verbal_cooperation"] + quads["material_cooperation"],
            "mean_intensity": round(sum(float(e.get("intensity") or 0) for e in group) / len(group), 3)
            if group else None,
            "escalation": escalation(group),
        })
        start = _next_period(start, interval)
    return out


def _next_period(day: dt.date, interval: str) -> dt.date:
    if interval == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=7 if interval == "week" else 1)


def _dyad_key(event: dict[str, Any]) -> tuple[str, str] | None:
    src = sorted({a.get("code") for a in event.get("source") or () if a.get("code")})
    tgt = sorted({a.get("code") for a in event.get("target") or () if a.get("code")})
    if not src or not tgt:
        return None
    a, b = src[0], tgt[0]
    return (a, b) if a <= b else (b, a)


def incidents(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events of one (unordered) dyad, conflict or cooperation, no more than two days apart,
    grouped into one incident; newest first."""
    found = _analysis("incidents")
    if found is not None:
        return list(found(events))
    open_: dict[tuple, dict[str, Any]] = {}
    done: list[dict[str, Any]] = []
    for e in sorted(events, key=lambda e: (_day(e) or dt.date.min)):
        day, dyad = _day(e), _dyad_key(e)
        if day is None or dyad is None:
            continue
        key = (*dyad, "conflict" if "conflict" in (e.get("quad") or "") else "cooperation")
        inc = open_.get(key)
        if inc is None or (day - inc["_last"]).days > INCIDENT_GAP_DAYS:
            if inc is not None:
                done.append(inc)
            inc = open_[key] = {"_last": day, "_events": [], "dyad": list(dyad), "kind": key[2]}
        inc["_events"].append(e)
        inc["_last"] = day
    done.extend(open_.values())
    return sorted((_finish(inc) for inc in done), key=lambda i: (i["end"], i["id"]), reverse=True)


def _finish(inc: dict[str, Any]) -> dict[str, Any]:
    events = inc.pop("_events")
    inc.pop("_last")
    days = [d for d in (_day(e) for e in events) if d]
    top = max(events, key=lambda e: abs(float(e.get("intensity") or 0)))
    return {
        "id": stable_id(*sorted(f"{e['article_id']}/{e['id']}" for e in events), prefix="inc-", length=12),
        **inc, "start": min(days).isoformat(), "end": max(days).isoformat(),
        "types": sorted({e["type"] for e in events}), "escalation": escalation(events),
        "events": [{"id": e["id"], "article_id": e["article_id"], "type": e["type"], "date": e.get("date"),
                    "factuality": e.get("factuality"), "evidence": e.get("evidence")} for e in events],
        "articles": sorted({e["article_id"] for e in events}),
        "summary": (top.get("evidence") or {}).get("text"),
    }


def alerts(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dyads whose escalation over the last seven days (of the data) rose well above their
    weekly level of the four weeks before, or whose material conflict is new; newest first."""
    found = _analysis("alerts")
    if found is not None:
        return list(found(events))
    days = [d for d in (_day(e) for e in events) if d]
    if not days:
        return []
    end = max(days)
    window = end - dt.timedelta(days=ALERT_WINDOW_DAYS - 1)
    base_start = window - dt.timedelta(days=ALERT_BASELINE_DAYS)
    by_dyad: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        key = _dyad_key(e)
        if key is not None and _day(e) is not None and _day(e) >= base_start:
            by_dyad[key].append(e)
    all_incidents = incidents(events)
    out = []
    for dyad, evs in by_dyad.items():
        alert = _alert(dyad, evs, window, end)
        if alert is not None:
            alert["incidents"] = [i["id"] for i in all_incidents
                                  if tuple(i["dyad"]) == dyad and i["end"] >= alert["start"]]
            out.append(alert)
    return sorted(out, key=lambda a: (-a["escalation"], a["id"]))


def _alert(dyad: tuple[str, str], events: list[dict[str, Any]], window: dt.date, end: dt.date) -> dict | None:
    recent = [e for e in events if _day(e) >= window]  # type: ignore[operator]
    before = [e for e in events if _day(e) < window]  # type: ignore[operator]
    score = escalation(recent)
    baseline = escalation(before) * ALERT_WINDOW_DAYS / ALERT_BASELINE_DAYS
    material = [e for e in recent if e.get("quad") == "material_conflict" and weight(e) > 0]
    new_material = material and not any(e.get("quad") == "material_conflict" for e in before)
    if score <= 0 or not (score >= 2 * max(baseline, 0) + 1 or new_material):
        return None
    level = "high" if any(e["type"] == "ASSAULT" for e in material) else "medium"
    reason = (f"escalation {score:g} in the 7 days to {end.isoformat()} against a weekly level of "
              f"{max(baseline, 0):.3g} in the 4 weeks before")
    if new_material:
        reason += "; first material conflict in that time"
    return {
        "id": stable_id(*dyad, window.isoformat(), prefix="al-", length=12),
        "dyad": list(dyad), "level": level, "start": window.isoformat(), "end": end.isoformat(),
        "escalation": score, "baseline": round(max(baseline, 0), 3), "reason": reason,
        "events": len(recent), "incidents": [],
    }


def claim_groups(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims about the same thing (same ``group``; else same ``about`` and unit), with whether
    their holders disagree (ranges that do not overlap); most claims first."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        key = c.get("group") or stable_id((c.get("about") or "").lower().strip(), c.get("unit"), prefix="g-", length=10)
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
    holders = sorted({(c.get("holder") or {}).get("name") or (c.get("holder") or {}).get("text") or "(the article)"
                      for c in claims})
    return {
        "id": key, "about": next((c["about"] for c in claims if c.get("about")), None),
        "unit": next((c["unit"] for c in claims if c.get("unit")), None),
        "claims": len(claims), "holders": holders, "disagreement": disagree,
        "low": min((lo for lo, _ in bounds), default=None), "high": max((hi for _, hi in bounds), default=None),
        "members": claims,
    }
