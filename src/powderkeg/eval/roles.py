"""Actor roles on the ConfliBERT CoNLL file: do our events' sources and targets land on the
gold source (S) and target (T) spans? Reciprocal (R) spans count as both.

A predicted role is right when an event's source (target) actor overlaps a gold S (T) span
of the same sentence; recall counts gold spans overlapped by a predicted actor of that
role. Sentences are run through the whole pipeline, so this scores the event coder's
argument structure on top of actor detection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from powderkeg.records import Article


def _prf(tp_p: int, pred: int, tp_g: int, gold: int) -> dict[str, float]:
    p = tp_p / pred if pred else 0.0
    r = tp_g / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def eval_roles(path: str | Path, pipeline: Any, limit: int | None = None) -> dict[str, Any]:
    """Source/target role precision, recall and F1 (overlap match), per role and together."""
    from powderkeg.actors.evaluate import read_conll

    sentences = list(read_conll(path))[:limit]
    articles = [Article(id=f"conll-{i}", text=text) for i, (text, _) in enumerate(sentences)]
    counts = {role: [0, 0, 0, 0] for role in ("source", "target")}  # tp_pred, pred, tp_gold, gold
    for (_, gold), result in zip(sentences, pipeline.process_many(articles), strict=True):
        wanted = {
            "source": [(s, e) for s, e, tag in gold if tag in ("S", "R")],
            "target": [(s, e) for s, e, tag in gold if tag in ("T", "R")],
        }
        for role in ("source", "target"):
            pred = sorted({(a.start, a.end) for ev in result.events for a in getattr(ev, role)})
            c = counts[role]
            c[0] += sum(_overlaps(p, wanted[role]) for p in pred)
            c[1] += len(pred)
            c[2] += sum(_overlaps(g, pred) for g in wanted[role])
            c[3] += len(wanted[role])
    total = [sum(counts[r][i] for r in counts) for i in range(4)]
    return {
        "sentences": len(sentences),
        "source": _prf(*counts["source"]),
        "target": _prf(*counts["target"]),
        "roles": _prf(*total),
    }
