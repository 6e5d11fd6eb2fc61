"""Scoring actor mention detection against BIO-tagged data (ConfliBERT CAMEO NER format).

    scores = eval_conll("conflibert_cameo_ner_train.conll")   # a dict of figures

The file holds one token and one tag per line, sentences separated by blank lines; tags
are ``B-S``/``I-S`` (source actor), ``B-T``/``I-T`` (target), ``B-R``/``I-R`` (reciprocal).
Gold spans are the union of S, T and R spans: which role an actor plays is the event
coder's business, so only detection is scored here. Sentences are rebuilt by joining
tokens with spaces, parsed and resolved; a predicted mention *overlap*-matches a gold span
when their characters overlap and *exact*-matches when the spans are equal (a leading
"the"/"a"/"an" ignored on both sides). Gold spans annotate only the event's participants,
so precision counts every other actor we find as an error: read it as a lower bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from powderkeg.errors import InputError

_DETS = ("the ", "a ", "an ", "The ", "A ", "An ")


def read_conll(path: str | Path) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """(sentence text, gold spans as (start, end, role)) for each sentence in the file."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(p), f"cannot read CoNLL file: {exc}") from exc
    tokens: list[tuple[str, str]] = []
    for lineno, line in enumerate([*lines, ""], 1):
        if line.strip():
            parts = line.rsplit(" ", 1) if "\t" not in line else line.rsplit("\t", 1)
            if len(parts) != 2:
                raise InputError(f"{p}:{lineno}", "expected 'token tag'")
            tokens.append((parts[0], parts[1].strip()))
            continue
        if tokens:
            yield _sentence(tokens)
            tokens = []


def _sentence(tokens: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    text_parts, spans = [], []
    pos, current = 0, None
    for word, tag in tokens:
        start, end = pos, pos + len(word)
        text_parts.append(word)
        pos = end + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            if current:
                spans.append(tuple(current))
            current = [start, end, tag[2:]]
        elif tag.startswith("I-") and current:
            current[1] = end
        else:
            if current:
                spans.append(tuple(current))
            current = None
    if current:
        spans.append(tuple(current))
    return " ".join(text_parts), spans  # type: ignore[return-value]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    for det in _DETS:
        if span.startswith(det):
            return start + len(det), end
    return start, end


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def eval_conll(path: str | Path, resolver: Any = None, nlp: Any = None, limit: int | None = None) -> dict:
    """Precision, recall and F1 of actor mentions against the file's S/T/R spans."""
    from powderkeg.actors import ActorResolver
    from powderkeg.nlp import load_nlp

    resolver = resolver or ActorResolver()
    nlp = nlp or load_nlp(resolver.settings.model)
    sentences = list(read_conll(path))[:limit]
    counts = {"gold": 0, "pred": 0, "ov_p": 0, "ov_g": 0, "ex": 0, "coded": 0}
    docs = nlp.pipe((t for t, _ in sentences), batch_size=64)
    for (text, gold), doc in zip(sentences, docs, strict=True):
        pred = [(a.start, a.end, a.code) for a in resolver.resolve(doc, None)]
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        counts["ov_p"] += sum(any(s < ge and gs < e for gs, ge, _ in gold) for s, e, _ in pred)
        counts["ov_g"] += sum(any(s < ge and gs < e for s, e, _ in pred) for gs, ge, _ in gold)
        gold_exact = {_strip(text, gs, ge) for gs, ge, _ in gold}
        counts["ex"] += sum(_strip(text, s, e) in gold_exact for s, e, _ in pred)
        counts["coded"] += sum(c is not None for s, e, c in pred
                               if any(s < ge and gs < e for gs, ge, _ in gold))
    return {
        "sentences": len(sentences),
        "gold_spans": counts["gold"],
        "predicted_mentions": counts["pred"],
        "overlap": _prf(counts["ov_p"], counts["pred"], counts["ov_g"], counts["gold"]),
        "exact": _prf(counts["ex"], counts["pred"], counts["ex"], counts["gold"]),
        "matched_with_code": round(counts["coded"] / counts["ov_p"], 4) if counts["ov_p"] else 0.0,
    }
