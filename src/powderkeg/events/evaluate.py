"""Scoring the event coder against annotated data.

    from powderkeg.pipeline import Pipeline
    pipe = Pipeline()
    eval_seed(pipe, "shared/data/seed/north-korea-ukraine.gold.json",
              "shared/data/seed/north-korea-ukraine.txt")            # -> dict of metrics
    eval_plover(pipe.nlp, pipe.actors, pipe.events, "shared/data/dev/plover_gsr_dev.json")

Seed matching (as the gold file's ``about`` says): an extracted event matches an
annotation when its evidence overlaps the sentence holding the anchor, its type is in the
annotation's type list, and its source and target codes fit: every code we give is in
the gold list (actors without a code are ignored), and an empty side needs ``null`` in
the gold list. Recall is over required annotations; precision counts an event right when
it matches any annotation, ignores it when it matches only an optional one, and wrong
otherwise. Factuality and date are scored on matched required annotations (date: only
those whose annotation gives a date).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from powderkeg.context import DocContext, parse_published
from powderkeg.records import Article, Event


def seed_article(gold: dict[str, Any], text: str) -> Article:
    """The seed article: the body after the date line the gold file names."""
    meta = gold.get("article", {})
    marker = meta.get("body_starts_after")
    body = text
    if marker and marker in text:
        body = text[text.index(marker) + len(marker):]
    body = body.lstrip("\n")
    return Article(id="seed", title=meta.get("title"), published=meta.get("published"), text=body)


def _codes(actors: tuple[Any, ...]) -> set[str]:
    return {a.code for a in actors if a.code}


def _fits(ours: set[str], gold: list[str | None]) -> bool:
    if not ours:
        return None in gold
    return ours <= {g for g in gold if g}


def _matches(event: Event, ann: dict[str, Any], sent: tuple[int, int]) -> bool:
    ev = event.evidence
    return (
        ev.start < sent[1] and sent[0] < ev.end
        and event.type in ann["type"]
        and _fits(_codes(event.source), ann.get("source", [None]))
        and _fits(_codes(event.target), ann.get("target", [None]))
    )


def _run(components: Any, article: Article) -> tuple[Any, list[Event]]:
    doc = components.nlp(article.text)
    published = parse_published(article.published)
    ctx = DocContext(article=article, doc=doc, published=published)
    ctx.actors = components.actors.resolve(doc, published)
    return doc, components.events.code(ctx)


def _anchor_sentence(doc: Any, text: str, anchor: str) -> tuple[int, int] | None:
    pos = text.find(anchor)
    if pos < 0:
        return None
    for sent in doc.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent.start_char, sent.end_char
    return None


def eval_seed(components: Any, gold_path: str | Path, article_text_path: str | Path) -> dict[str, Any]:
    """Score events on the seed article. ``components`` has ``nlp``, ``actors`` (a
    resolver) and ``events`` (an EventCoder), as a Pipeline does."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    article = seed_article(gold, Path(article_text_path).read_text(encoding="utf-8"))
    doc, events = _run(components, article)
    anns = [(a, _anchor_sentence(doc, article.text, a["anchor"])) for a in gold["events"]]
    anns = [(a, s) for a, s in anns if s is not None]
    required = [(a, s) for a, s in anns if not a.get("optional")]
    matched, fact_ok, date_ok, dated, missed = 0, 0, 0, 0, []
    for ann, sent in required:
        hits = [e for e in events if _matches(e, ann, sent)]
        if not hits:
            missed.append(ann["id"])
            continue
        matched += 1
        fact_ok += any(e.factuality in ann.get("factuality", [e.factuality]) for e in hits)
        if ann.get("date"):
            dated += 1
            date_ok += any(e.date == ann["date"] for e in hits)
    right = wrong = 0
    false_positives = []
    for event in events:
        req = any(_matches(event, a, s) for a, s in required)
        opt = any(_matches(event, a, s) for a, s in anns if a.get("optional"))
        if req:
            right += 1
        elif not opt:
            wrong += 1
            false_positives.append(f"{event.type} {event.trigger.text!r} {sorted(_codes(event.source))}"
                                   f"->{sorted(_codes(event.target))}")
    return {
        "annotations": len(required), "events": len(events), "matched": matched,
        "recall": matched / len(required) if required else 0.0,
        "precision": right / (right + wrong) if right + wrong else 0.0,
        "factuality_accuracy": fact_ok / matched if matched else 0.0,
        "date_accuracy": date_ok / dated if dated else 0.0,
        "missed": missed, "false_positives": false_positives,
    }


# The PLOVER gold file writes a few states with old non-ISO codes; ours are ISO 3166-1.
_GOLD_ALIASES = {"JAP": "JPN", "ITL": "ITA"}


def _gold_codes(side: Any) -> set[str]:
    if not isinstance(side, list):
        return set()
    codes = {a.get("code") for a in side if isinstance(a, dict) and a.get("code")}
    return {_GOLD_ALIASES.get(c, c) for c in codes}


def _side_ok(ours: set[str], gold: set[str]) -> bool:
    return not gold or bool(ours & gold)


def eval_plover(nlp: Any, resolver: Any, coder: Any, path: str | Path) -> dict[str, Any]:
    """Score on PLOVER gold sentences (one event each; ``event_v08`` is today's type).
    type_recall: some event of the sentence has the gold type; type_actor_recall: and its
    source and target codes meet the gold codes (a side the gold leaves empty is free);
    events_per_sentence shows over-generation."""
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    n = type_hits = actor_hits = total_events = 0
    per_type: dict[str, list[int]] = {}
    texts = [item["text"] for item in items]
    for item, doc in zip(items, nlp.pipe(texts, batch_size=32), strict=True):
        article = Article(id=item["id"], text=item["text"], published=item.get("date"))
        published = parse_published(item.get("date")) or dt.date(2000, 1, 1)
        ctx = DocContext(article=article, doc=doc, published=published)
        ctx.actors = resolver.resolve(doc, published)
        events = coder.code(ctx)
        gold_type = item.get("event_v08") or item.get("event")
        typed = [e for e in events if e.type == gold_type]
        hit_actor = any(_side_ok(_codes(e.source), _gold_codes(item.get("source")))
                        and _side_ok(_codes(e.target), _gold_codes(item.get("target"))) for e in typed)
        n += 1
        total_events += len(events)
        type_hits += bool(typed)
        actor_hits += hit_actor
        stats = per_type.setdefault(gold_type, [0, 0])
        stats[0] += 1
        stats[1] += bool(typed)
    return {
        "sentences": n,
        "type_recall": type_hits / n if n else 0.0,
        "type_actor_recall": actor_hits / n if n else 0.0,
        "events_per_sentence": total_events / n if n else 0.0,
        "per_type_recall": {k: v[1] / v[0] for k, v in sorted(per_type.items())},
    }
