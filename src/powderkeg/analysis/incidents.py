"""Consolidation: the mentions of one real-world event become one ``Incident``.

    corpus = Corpus.from_records(load_jsonl("out.jsonl"))
    incidents = consolidate(corpus)                # IncidentParams() defaults
    for inc in incidents:
        print(inc.id, inc.type, inc.source, inc.target, inc.mentions, inc.n_outlets)

Mentions are compared only where the gates in ``similarity`` pass; matching pairs are
joined strongest first, and two groups are joined only if every mention of one is
compatible with every mention of the other, so a chain of near matches cannot glue two
strikes in different cities together.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from powderkeg.analysis.corpus import (
    Corpus,
    Record,
    actor_codes,
    actor_key,
    date_interval,
    factuality_rank,
)
from powderkeg.analysis.similarity import IncidentParams, Mention, PairScore, compatible, mention, score_pair
from powderkeg.records import stable_id

__all__ = ["Incident", "IncidentParams", "consolidate", "pair_scores", "singletons"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """One real-world event and every mention of it.

    ``type``/``mode``/``quad``/``intensity``/``evidence_*`` come from the representative
    mention (strongest factuality, then highest confidence, then earliest report);
    ``source``/``target`` are the country codes of all mentions; ``date`` the most precise
    date any mention gives; ``day`` the first day of that date, or the earliest
    publication date where no mention is dated (``day_from`` says which).
    """

    id: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first_reported: dt.date | None
    factuality: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    quad: str
    intensity: float
    source: tuple[str, ...]
    target: tuple[str, ...]
    source_detail: tuple[str, ...]  # "RUS:MIL" where a sector is known, else "RUS"
    target_detail: tuple[str, ...]
    source_text: tuple[str, ...]
    target_text: tuple[str, ...]
    date: str | None
    date_precision: str | None
    day: dt.date | None
    day_from: str  # "event" or "published" or "none"
    location: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    evidence_event_id: str
    evidence_article_id: str
    evidence_text: str
    trigger_text: str
    confidence: float

    @property
    def mentions(self) -> int:
        return len(self.event_ids)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (dates as ISO strings, tuples as lists)."""
        out: dict[str, Any] = {"kind": "incident"}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = (
                value.isoformat()
                if isinstance(value, dt.date)
                else (list(value) if isinstance(value, tuple) else value)
            )
        out["mentions"] = self.mentions
        out["n_outlets"] = self.n_outlets
        return out


def _corpus(records: Corpus | Iterable[Record]) -> Corpus:
    return records if isinstance(records, Corpus) else Corpus.from_records(records)


def _mentions(corpus: Corpus, params: IncidentParams) -> list[Mention]:
    found = [mention(e, corpus, params) for e in corpus.events if e.get("id") is not None]
    far = dt.date.max
    return sorted(found, key=lambda m: (m.interval[0] if m.interval else far, m.id))


def _candidates(mentions: Sequence[Mention], params: IncidentParams) -> Iterable[tuple[int, int]]:
    """Index pairs whose date intervals may lie within the window (a sweep over starts)."""
    undated = [i for i, m in enumerate(mentions) if m.interval is None]
    dated = [i for i, m in enumerate(mentions) if m.interval is not None]
    window = dt.timedelta(days=params.date_window_days)
    for pos, i in enumerate(dated):
        end = mentions[i].interval[1] + window  # type: ignore[index]
        for j in dated[pos + 1 :]:
            if mentions[j].interval[0] > end:  # type: ignore[index]
                break
            yield i, j
    for i in undated:
        for j in range(len(mentions)):
            if j != i and (mentions[j].interval is not None or j > i):
                yield min(i, j), max(i, j)


def pair_scores(records: Corpus | Iterable[Record], params: IncidentParams | None = None) -> list[PairScore]:
    """Every compatible pair of mentions with its similarity, agreements and verdict."""
    params = params or IncidentParams()
    mentions = _mentions(_corpus(records), params)
    return [
        score_pair(mentions[i], mentions[j], params)
        for i, j in _candidates(mentions, params)
        if compatible(mentions[i], mentions[j], params)
    ]


def _cluster(mentions: Sequence[Mention], params: IncidentParams) -> list[list[int]]:
    """Greedy average-free agglomeration: strongest matches first, complete-link gates."""
    scored = []
    gate: dict[tuple[int, int], bool] = {}
    for i, j in _candidates(mentions, params):
        ok = compatible(mentions[i], mentions[j], params)
        gate[(i, j)] = ok
        if ok and (s := score_pair(mentions[i], mentions[j], params)).match:
            scored.append((-s.strength, i, j))
    group = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in group}
    for _, i, j in sorted(scored):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        pairs = ((min(x, y), max(x, y)) for x in members[gi] for y in members[gj])
        if all(gate.get(p, False) for p in pairs):
            for x in members[gj]:
                group[x] = gi
            members[gi].extend(members.pop(gj))
    return [sorted(m) for m in members.values()]


def consolidate(records: Corpus | Iterable[Record], params: IncidentParams | None = None) -> list[Incident]:
    """Group event mentions into incidents; sorted by day (undated last), then id."""
    params = params or IncidentParams()
    corpus = _corpus(records)
    mentions = _mentions(corpus, params)
    incidents = [build_incident([mentions[i] for i in group]) for group in _cluster(mentions, params)]
    return _sorted(incidents)


def singletons(records: Corpus | Iterable[Record], params: IncidentParams | None = None) -> list[Incident]:
    """Every event mention as an incident of its own (for counting mentions, not events)."""
    params = params or IncidentParams()
    return _sorted([build_incident([m]) for m in _mentions(_corpus(records), params)])


def _sorted(incidents: list[Incident]) -> list[Incident]:
    return sorted(incidents, key=lambda inc: (inc.day or dt.date.max, inc.id))


def _report_key(m: Mention) -> tuple[Any, ...]:
    return (m.published or dt.date.max, m.article_id, m.id)


def _representative(mentions: Sequence[Mention]) -> Mention:
    def key(m: Mention) -> tuple[Any, ...]:
        return (
            factuality_rank(m.event.get("factuality")),
            -float(m.event.get("confidence") or 0.0),
            *_report_key(m),
        )

    return min(mentions, key=key)


def _best_date(mentions: Sequence[Mention]) -> tuple[str | None, str | None, dt.date | None]:
    dated = [(m.event.get("date"), m.event.get("date_precision")) for m in mentions if m.event.get("date")]
    spans = [(d, p, date_interval(d, p)) for d, p in dated]
    spans = [s for s in spans if s[2] is not None]
    if not spans:
        return None, None, None
    counts = Counter((d, p) for d, p, _ in spans)
    date, precision, interval = min(
        spans, key=lambda s: ((s[2][1] - s[2][0]).days, -counts[(s[0], s[1])], str(s[0]))
    )  # type: ignore[index]
    return str(date), precision, interval[0]  # type: ignore[index]


def _place(mentions: Sequence[Mention], rep: Mention) -> Mapping[str, Any]:
    located = [m.event.get("location") for m in mentions if (m.event.get("location") or {}).get("text")]
    if not located:
        return {}
    counts = Counter(str(loc["text"]) for loc in located)  # type: ignore[index]
    own = (rep.event.get("location") or {}).get("text")
    best = max(counts, key=lambda t: (counts[t], t == own, t))
    return next(loc for loc in located if loc["text"] == best)  # type: ignore[index]


def _codes(mentions: Sequence[Mention], role: str, level: str) -> tuple[str, ...]:
    keys: set[str] = set()
    for m in mentions:
        for actor in m.event.get(role) or ():
            if (k := actor_key(actor, level)) is not None:
                keys.add(k)
    return tuple(sorted(keys))


def _texts(event: Mapping[str, Any], role: str) -> tuple[str, ...]:
    return tuple(str(a.get("name") or a.get("text") or "") for a in event.get(role) or ())


def build_incident(mentions: Sequence[Mention]) -> Incident:
    """One incident from its mentions (at least one)."""
    rep = _representative(mentions)
    first = min(mentions, key=_report_key)
    ev = rep.event
    date, precision, day = _best_date(mentions)
    published = [m.published for m in mentions if m.published]
    first_reported = min(published) if published else None
    place = _place(mentions, rep)
    return Incident(
        id=stable_id("incident", first.id, prefix="inc-"),
        event_ids=tuple(m.id for m in sorted(mentions, key=_report_key)),
        article_ids=tuple(dict.fromkeys(m.article_id for m in sorted(mentions, key=_report_key))),
        outlets=tuple(sorted({m.outlet for m in mentions})),
        first_reported=first_reported,
        factuality=min((str(m.event.get("factuality") or "asserted") for m in mentions), key=factuality_rank),
        type=str(ev.get("type") or ""),
        mode=ev.get("mode"),
        context=tuple(sorted({str(c) for m in mentions for c in m.event.get("context") or ()})),
        quad=str(ev.get("quad") or ""),
        intensity=float(ev.get("intensity") or 0.0),
        source=_codes(mentions, "source", "country"),
        target=_codes(mentions, "target", "country"),
        source_detail=_codes(mentions, "source", "sector"),
        target_detail=_codes(mentions, "target", "sector"),
        source_text=_texts(ev, "source"),
        target_text=_texts(ev, "target"),
        date=date,
        date_precision=precision,
        day=day or first_reported,
        day_from="event" if day else "published" if first_reported else "none",
        location=place.get("text"),
        location_country=place.get("country"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        evidence_event_id=rep.id,
        evidence_article_id=rep.article_id,
        evidence_text=str((ev.get("evidence") or {}).get("text") or ""),
        trigger_text=str((ev.get("trigger") or {}).get("text") or ""),
        confidence=max(float(m.event.get("confidence") or 0.0) for m in mentions),
    )


def event_codes(event: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Source and target country codes of one event record."""
    return actor_codes(event.get("source")), actor_codes(event.get("target"))
