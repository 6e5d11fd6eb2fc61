"""Acceptance on the seed article's claim annotation (skips without ../shared)."""

from __future__ import annotations

import json

from powderkeg.claims.evaluate import eval_seed_claims
from powderkeg.quotes.evaluate import run_seed


def test_seed_claims(shared, pipeline) -> None:
    raw = (shared / "data" / "seed" / "north-korea-ukraine.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "data" / "seed" / "north-korea-ukraine.gold.json").read_text(encoding="utf-8"))
    result = run_seed(raw, gold, pipeline)
    scores = eval_seed_claims(result, gold)
    bad = [r for r in scores["rows"] if not r["optional"] and not (r["value_ok"] and r["holder_ok"])]
    assert bad == []
    assert scores["conflicts_grouped"] == 1.0
    officers = next(r for r in scores["rows"] if r["id"] == "C4")
    assert officers["about"] == "officers"
    soldiers = {c.group for c in result.claims if c.value in (3000, 10000, 12000)}
    assert len(soldiers) == 1
    assert {c.group for c in result.claims if c.value == 500}.isdisjoint(soldiers)
