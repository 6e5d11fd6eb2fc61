"""Scoring the quote finder: on the seed annotation and on PolNeAR attributions.

    eval_seed_quotes(article_text, gold)           -> dict of found/speaker/title figures
    eval_polnear(path, pipeline=None, limit=None)  -> dict of speaker precision/recall

Both return plain dicts; ``powderkeg eval`` prints them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from powderkeg.records import Article, ArticleResult, Quote

SEED_DATE_LINE = "Oct 26, 2024"


def seed_article(raw: str, gold: dict[str, Any] | None = None) -> Article:
    """The seed article's body (after its date line), as an Article dated 2024-10-26."""
    marker = (gold or {}).get("article", {}).get("body_starts_after")
    pos = raw.find(marker) + len(marker) if marker and marker in raw else -1
    if pos < 0:
        line = next((i for i, ln in enumerate(raw.splitlines(keepends=True)) if ln.startswith(SEED_DATE_LINE)), None)
        pos = sum(len(ln) for ln in raw.splitlines(keepends=True)[: (line or 0) + 1]) if line is not None else 0
    body = raw[pos:].lstrip("\n")
    title = (gold or {}).get("article", {}).get("title")
    return Article(id="seed-north-korea-ukraine", title=title, published="2024-10-26", text=body)


def run_seed(raw: str, gold: dict[str, Any], pipeline: Any = None) -> ArticleResult:
    """Run the whole pipeline on the seed article."""
    if pipeline is None:
        from powderkeg.pipeline import Pipeline

        pipeline = Pipeline()
    return pipeline.process(seed_article(raw, gold))


def _covering(quotes: list[Quote], text: str, anchor: str) -> Quote | None:
    pos = text.find(anchor)
    if pos < 0:
        return None
    end = pos + len(anchor)
    hits = [q for q in quotes if q.start < end and pos < q.end]
    hits.sort(key=lambda q: (not q.direct, -min(end, q.end) + max(pos, q.start)))
    return hits[0] if hits else None


def _same_name(found: str | None, gold: str) -> bool:
    if not found:
        return False
    f, g = found.lower().split(), gold.lower().split()
    return f == g or (bool(f) and f[-1] == g[-1])


def eval_seed_quotes(result: ArticleResult, gold: dict[str, Any]) -> dict[str, Any]:
    """Required seed quotes found, with the right speaker name, code and title."""
    text = result.article.text
    rows = []
    for g in gold.get("quotes", []):
        q = _covering(result.quotes, text, g["anchor"])
        name_ok = q is not None and q.speaker is not None and _same_name(q.speaker.name, g["speaker"])
        code_ok = q is not None and q.speaker is not None and q.speaker.code == g.get("speaker_code")
        title_ok = None
        if g.get("speaker_title"):
            title_ok = bool(q and q.speaker_title and g["speaker_title"].lower() in q.speaker_title.lower())
        rows.append({"id": g["id"], "optional": bool(g.get("optional")), "found": q is not None,
                     "speaker": q.speaker.name if q and q.speaker else None, "speaker_ok": name_ok,
                     "code": q.speaker.code if q and q.speaker else None, "code_ok": code_ok,
                     "title_ok": title_ok})
    req = [r for r in rows if not r["optional"]]
    n = len(req) or 1
    return {
        "required": len(req),
        "found": sum(r["found"] for r in req) / n,
        "speaker": sum(r["speaker_ok"] for r in req) / n,
        "speaker_code": sum(r["code_ok"] for r in req) / n,
        "titles": [r["title_ok"] for r in req if r["title_ok"] is not None],
        "direct_found": sum(q.direct for q in result.quotes),
        "indirect_found": sum(not q.direct for q in result.quotes),
        "rows": rows,
    }


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


_PRONOUNS = frozenset({"he", "she", "they", "we", "him", "her", "i", "it"})


def _antecedents(attributions: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """For each pronoun source (by start), the nearest earlier named gold source: the
    annotation does not resolve pronouns, so we credit the name it most likely means."""
    named = sorted((s for a in attributions for s in a.get("source") or []
                    if s["text"].strip().lower() not in _PRONOUNS), key=lambda s: s["start"])
    out: dict[int, dict[str, Any]] = {}
    for a in attributions:
        for s in a.get("source") or []:
            if s["text"].strip().lower() in _PRONOUNS:
                before = [n for n in named if n["start"] < s["start"]]
                if before:
                    out[s["start"]] = before[-1]
    return out


def _speaker_matches(q: Quote, sources: list[dict[str, Any]],
                     antecedents: dict[int, dict[str, Any]] | None = None) -> bool:
    """Our speaker is right when its mention overlaps the annotated source, or names it
    (for a pronoun source: names its nearest earlier named gold source)."""
    if q.speaker is None:
        return False
    antecedents = antecedents or {}
    sources = sources + [antecedents[s["start"]] for s in sources if s["start"] in antecedents]
    for s in sources:
        if _overlap(q.speaker.start, q.speaker.end, s["start"], s["end"]) > 0:
            return True
        words = {w.strip(".,").lower() for w in s["text"].split()}
        name = (q.speaker.name or q.speaker.text).lower().split()
        if name and name[-1] in words and len(name[-1]) > 2:
            return True
    return False


def _score_doc(quotes: list[Quote], attributions: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    """(gold with a content match, of those with the right speaker, our quotes matched, of
    those right) for one annotated document."""
    gold_hit = gold_ok = ours_hit = ours_ok = 0
    ante = _antecedents(attributions)
    for a in attributions:
        contents = a.get("content") or []
        best = max(((_overlap(q.start, q.end, c["start"], c["end"]), q) for q in quotes for c in contents),
                   key=lambda x: x[0], default=(0, None))
        if best[0] > 0 and best[1] is not None:
            gold_hit += 1
            gold_ok += _speaker_matches(best[1], a.get("source") or [], ante)
    for q in quotes:
        hits = [a for a in attributions for c in a.get("content") or []
                if _overlap(q.start, q.end, c["start"], c["end"]) > 0]
        if hits:
            ours_hit += 1
            ours_ok += any(_speaker_matches(q, a.get("source") or [], ante) for a in hits)
    return gold_hit, gold_ok, ours_hit, ours_ok


def eval_polnear(path: str | Path, pipeline: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Speaker precision/recall against PolNeAR attribution sources where contents overlap.

    recall: share of annotated attributions whose content one of our quotes overlaps and
    whose speaker is right; precision: share of our quotes overlapping an annotated content
    whose speaker is right; content_recall: share of attributions we overlap at all."""
    if pipeline is None:
        from powderkeg.pipeline import Pipeline

        pipeline = Pipeline()
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    cache: dict[str, list[Quote]] = {}
    totals = [0, 0, 0, 0, 0]
    for row in rows:
        if row["text"] not in cache:
            art = Article(id=row.get("doc", "polnear"), text=row["text"])
            cache[row["text"]] = pipeline.process(art).quotes
        quotes = cache[row["text"]]
        gh, go, oh, oo = _score_doc(quotes, row.get("attributions") or [])
        totals = [totals[0] + len(row.get("attributions") or []), totals[1] + gh, totals[2] + go,
                  totals[3] + oh, totals[4] + oo]
    n_gold, gold_hit, gold_ok, ours_hit, ours_ok = totals
    p = ours_ok / ours_hit if ours_hit else 0.0
    r = gold_ok / n_gold if n_gold else 0.0
    return {
        "annotations": n_gold,
        "documents": len(cache),
        "content_recall": gold_hit / n_gold if n_gold else 0.0,
        "speaker_precision": p,
        "speaker_recall": r,
        "speaker_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "speaker_accuracy_on_matched": gold_ok / gold_hit if gold_hit else 0.0,
    }
