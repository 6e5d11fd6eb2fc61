"""How consolidation thresholds trade merges against splits, on a story we wrote ourselves.

    .venv/bin/python bench/bench_consolidation.py [STORY.jsonl]

The story (tests/analysis/data/strike_story.jsonl): two wire copies and a rewrite of one
drone strike on Kharkiv, a missile strike on Odesa the same day, a claim of drones shot
down over Belgorod the same day, a condemnation reported twice and a threat. Events are
hand-built in the records contract's shape; each carries `gold_incident`, the incident a
reader would put it in. For each setting we print the pairs of mentions merged and kept
apart, and pairwise precision/recall/F1 against the gold grouping.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
from pathlib import Path

from powderkeg.analysis.corpus import Corpus, load_jsonl
from powderkeg.analysis.incidents import IncidentParams, consolidate

STORY = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "data" / "strike_story.jsonl"

SETTINGS: dict[str, IncidentParams] = {
    "defaults": IncidentParams(),
    "sim>=0.6": IncidentParams(min_similarity=0.6),
    "sim>=0.3": IncidentParams(min_similarity=0.3),
    "sim>=0.2, places never differ": IncidentParams(min_similarity=0.2, place_min_ratio=0.0),
    "sim only (no specifics)": IncidentParams(min_agreements=99),
    "no place required": IncidentParams(place_required=False),
    "no place, agreements>=3": IncidentParams(place_required=False, min_agreements=3),
    "window 0 days": IncidentParams(date_window_days=0),
    "types: quad": IncidentParams(match_types="quad", min_similarity=0.4),
}


def pairs(groups: list[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def main(path: Path = STORY) -> None:
    corpus = Corpus.from_records(load_jsonl(path))
    gold: dict[str, list[str]] = {}
    for event in corpus.events:
        gold.setdefault(str(event.get("gold_incident") or event["id"]), []).append(event["id"])
    gold_pairs = pairs([tuple(v) for v in gold.values()])
    every = {frozenset(p) for p in itertools.combinations([e["id"] for e in corpus.events], 2)}
    print(f"{len(corpus.events)} mentions, {len(gold)} gold incidents, {len(gold_pairs)} gold pairs\n")
    print(f"{'setting':28} {'incidents':>9} {'merged':>6} {'kept':>5} {'P':>5} {'R':>5} {'F1':>5}")
    for name, params in SETTINGS.items():
        got = pairs([i.event_ids for i in consolidate(corpus, params)])
        tp = len(got & gold_pairs)
        p = tp / len(got) if got else 1.0
        r = tp / len(gold_pairs) if gold_pairs else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        n = len(consolidate(corpus, params))
        print(f"{name:28} {n:>9} {len(got):>6} {len(every - got):>5} {p:5.2f} {r:5.2f} {f1:5.2f}")
    print("\nmerges and splits at the defaults:")
    got = pairs([i.event_ids for i in consolidate(corpus, IncidentParams())])
    for pair in sorted(sorted(p) for p in got | gold_pairs):
        verdict = "merged" if frozenset(pair) in got else "kept apart"
        truth = "same" if frozenset(pair) in gold_pairs else "different"
        print(f"  {pair[0]:>12} + {pair[1]:<12} {verdict:10} (gold: {truth})")
    print("\nparameters:", dataclasses.asdict(IncidentParams()) | {"compatible_types": "..."})


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else STORY)
