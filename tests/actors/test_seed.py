"""Acceptance: every gold actor of the seed article is found with its code and sector."""

from __future__ import annotations

import datetime as dt
import json


def test_seed_gold_actors(shared, nlp, resolver):
    seed = shared / "data" / "seed"
    text = (seed / "north-korea-ukraine.txt").read_text(encoding="utf-8")
    gold = json.loads((seed / "north-korea-ukraine.gold.json").read_text(encoding="utf-8"))["actors"]
    actors = resolver.resolve(nlp(text), dt.date(2024, 10, 26))
    missing = []
    for g in gold:
        sectors = g["sector"] if isinstance(g["sector"], list) else [g["sector"]]
        want = g["text"]
        ok = False
        pos = text.find(want)
        while pos >= 0 and not ok:
            ok = any(a.start <= pos and pos + len(want) <= a.end and a.code == g["code"]
                     and a.sector in sectors for a in actors)
            pos = text.find(want, pos + 1)
        if not ok:
            missing.append(g)
    assert not missing, missing
