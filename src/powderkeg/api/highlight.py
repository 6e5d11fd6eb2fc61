"""An article's text cut into segments, each knowing which records' spans cover it, so
the template can wrap them in ``<mark>`` (escaping the text itself).

Spans may nest or overlap (a trigger inside its evidence sentence, a quote inside it):
the text is cut at every span boundary and each piece lists every span over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    ref: str  # anchor of the record: "e-<id>", "q-<id>", "c-<id>"
    kind: str  # event, trigger, quote, claim
    start: int
    end: int
    label: str


@dataclass(slots=True)
class Segment:
    text: str
    refs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    first_of: list[str] = field(default_factory=list)  # refs whose span starts here (anchor ids)
    labels: list[str] = field(default_factory=list)


def marks(
    events: list[dict[str, Any]], quotes: list[dict[str, Any]], claims: list[dict[str, Any]], text_len: int
) -> list[Mark]:
    """The spans to highlight: each event's evidence and trigger, each quote, each claim."""
    out: list[Mark] = []
    for e in events:
        ev, trig = e.get("evidence") or {}, e.get("trigger") or {}
        label = f"{e.get('type')} ({e.get('factuality')})"
        out.append(_mark(f"e-{e['id']}", "event", ev, label, text_len))
        out.append(_mark(f"e-{e['id']}", "trigger", trig, label, text_len))
    for q in quotes:
        speaker = (q.get("speaker") or {}).get("name") or (q.get("speaker") or {}).get("text") or "unknown"
        out.append(_mark(f"q-{q['id']}", "quote", q, f"quote: {speaker}", text_len))
    for c in claims:
        out.append(
            _mark(f"c-{c['id']}", "claim", c.get("evidence") or {}, f"claim: {c.get('about')}", text_len)
        )
    return [m for m in out if m is not None and m.start < m.end]


def _mark(ref: str, kind: str, span: dict[str, Any], label: str, text_len: int) -> Mark | None:
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(text_len, end)
    return Mark(ref, kind, start, end, label)


def segments(text: str, spans: list[Mark]) -> list[Segment]:
    """``text`` cut at every span boundary; pieces outside all spans have no refs."""
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        over = [m for m in spans if m.start <= a and b <= m.end]
        seg = Segment(text=text[a:b])
        for m in over:
            if m.ref not in seg.refs:
                seg.refs.append(m.ref)
                seg.labels.append(m.label)
            if m.kind not in seg.kinds:
                seg.kinds.append(m.kind)
            if m.start == a and m.kind != "trigger" and m.ref not in seg.first_of:
                seg.first_of.append(m.ref)
        out.append(seg)
    return out
