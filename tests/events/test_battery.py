"""A battery of short news sentences we wrote (``battery.yaml``) run through the whole
pipeline (real parser and actor resolver): how many everyday ways of reporting each PLOVER
type the coder finds, and that non-event sentences stay empty. Floors sit a little below
the measured rates (see docs/events.md); per-type misses are printed (``pytest -s``).

Run alone for a report: ``python tests/events/test_battery.py``."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import yaml

BATTERY = Path(__file__).with_name("battery.yaml")
PUBLISHED = "2025-03-19"
# measured 2026-11-24 (232 items): type 0.983, type+actors 0.970, factuality 1.0, false events 0.031
FLOORS = {"type": 0.96, "type_actors": 0.94, "factuality": 0.95, "forbidden_ok": 1.0}
MAX_FALSE_EVENT_RATE = 0.07


def _alts(value) -> list[str]:
    return [v.strip() for v in str(value).split("|")] if value else []


def _actor_hit(actors, expected) -> bool:
    if not expected:
        return True
    for alt in _alts(expected):
        for a in actors:
            if a.code == alt or (a.org and a.org == alt) or alt.lower() in a.text.lower():
                return True
    return False


def run_battery(pipeline) -> dict:
    from powderkeg.records import Article

    data = yaml.safe_load(BATTERY.read_text(encoding="utf-8"))

    def events_of(text: str, n: int):
        return pipeline.process(Article(id=f"b{n}", text=text, published=PUBLISHED)).events

    per_type: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    hits = full = fact_n = fact_ok = 0
    items = data["events"]
    for n, item in enumerate(items):
        types = set(_alts(item["t"]))
        events = [e for e in events_of(item["s"], n) if e.type in types]
        key = "|".join(sorted(types))
        per_type[key]["n"] += 1
        if not events:
            misses[key].append(f"TYPE  {item['s']}")
            continue
        hits += 1
        per_type[key]["type"] += 1
        good = [e for e in events if _actor_hit(e.source, item.get("src")) and _actor_hit(e.target, item.get("tgt"))]
        if good:
            full += 1
            per_type[key]["full"] += 1
        else:
            got = "; ".join(f"{[a.code or a.text for a in e.source]}->{[a.code or a.text for a in e.target]}"
                            for e in events)
            misses[key].append(f"ACTOR {item['s']}  (got {got})")
        if item.get("f"):
            fact_n += 1
            if any(e.factuality == item["f"] and (not item.get("by") or (
                    e.attributed_to is not None and _actor_hit([e.attributed_to], item["by"])))
                   for e in (good or events)):
                fact_ok += 1
            else:
                got = [(e.factuality, e.attributed_to and e.attributed_to.text) for e in events]
                misses[key].append(f"FACT  {item['s']}  (got {got})")
    forbidden_bad = []
    for n, item in enumerate(data.get("forbidden", [])):
        for e in events_of(item["s"], 10_000 + n):
            if e.type == item["t"] and (not item.get("f") or e.factuality == item["f"]):
                forbidden_bad.append(f"{e.type}/{e.factuality}: {item['s']}")
    false_events = []
    for n, text in enumerate(data["non_events"]):
        found = events_of(text, 20_000 + n)
        if found:
            false_events.append(f"{[e.type for e in found]} {text}")
    total = len(items)
    return {
        "type": hits / total, "type_actors": full / total,
        "factuality": fact_ok / fact_n if fact_n else 1.0,
        "forbidden_ok": 1 - len(forbidden_bad) / max(1, len(data.get("forbidden", []))),
        "false_event_rate": len(false_events) / len(data["non_events"]),
        "n": total, "per_type": dict(per_type), "misses": dict(misses),
        "forbidden_bad": forbidden_bad, "false_events": false_events,
    }


def report(result: dict) -> str:
    lines = [f"battery n={result['n']} type={result['type']:.3f} type+actors={result['type_actors']:.3f} "
             f"factuality={result['factuality']:.3f} forbidden_ok={result['forbidden_ok']:.3f} "
             f"false_event_rate={result['false_event_rate']:.3f}"]
    for key, c in sorted(result["per_type"].items()):
        lines.append(f"  {key:28s} {c['type']:3d}/{c['n']:<3d} type, {c['full']:3d} with actors")
    for key, ms in sorted(result["misses"].items()):
        lines.extend(f"  miss {key}: {m}" for m in ms)
    lines.extend(f"  forbidden: {m}" for m in result["forbidden_bad"])
    lines.extend(f"  false event: {m}" for m in result["false_events"])
    return "\n".join(lines)


def test_battery_meets_floors(pipeline):
    result = run_battery(pipeline)
    print(report(result))
    for name, floor in FLOORS.items():
        assert result[name] >= floor, f"{name} {result[name]:.3f} < {floor}\n{report(result)}"
    assert result["false_event_rate"] <= MAX_FALSE_EVENT_RATE, report(result)


if __name__ == "__main__":
    from powderkeg.pipeline import Pipeline

    print(report(run_battery(Pipeline())))
