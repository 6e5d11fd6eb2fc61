"""What a situation report says, as plain data: filtered records, ranked lines, evidence.

Nothing here renders; ``render`` turns a ``ReportContent`` into HTML and Markdown. Every
line (headline, timeline entry, quote, claim) names the ``anchor`` of its evidence item.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from powderkeg.analysis.corpus import Corpus, Record, actor_key, parse_day
from powderkeg.analysis.escalation import Alert, EscalationParams, EscalationPoint
from powderkeg.analysis.incidents import Incident, IncidentParams
from powderkeg.records import stable_id

#: Factuality weights in headline ranking (the escalation index's, with small non-zero
#: weights so that denials and hypotheticals still rank, last).
RANK_WEIGHTS: Mapping[str, float] = {
    "asserted": 1.0,
    "reported": 0.6,
    "future": 0.3,
    "hypothetical": 0.1,
    "negated": 0.05,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportParams:
    """How much a report shows. Defaults in brackets.

    - ``headlines`` (10), ``timeline`` (200), ``quotes`` (12), ``claims`` (20): most lines
      per section; the rest is counted, not shown.
    - ``top_dyads`` (6): dyads in the dyad chart and escalation chart.
    - ``alert_links`` (5): incidents linked from each alert.
    - ``novelty_boost`` (2.0): headline score factor for incidents behind an alert.
    - ``incidents``, ``escalation``: the analysis settings used.
    """

    title: str = "Situation report"
    headlines: int = 10
    timeline: int = 200
    quotes: int = 12
    claims: int = 20
    top_dyads: int = 6
    novelty_boost: float = 2.0
    alert_links: int = 5
    incidents: IncidentParams = field(default_factory=IncidentParams)
    escalation: EscalationParams = field(default_factory=EscalationParams)


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    country: str | None = None

    def describe(self) -> str:
        parts = [
            f"since {self.since}" if self.since else "",
            f"until {self.until}" if self.until else "",
            f"actor {self.actor}" if self.actor else "",
            f"country {self.country}" if self.country else "",
        ]
        return ", ".join(p for p in parts if p) or "none"


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One evidence item: the sentence and the article it comes from."""

    anchor: str
    record_id: str
    kind: str
    sentence: str
    article_id: str
    title: str
    url: str | None  # only http(s) URLs are kept
    outlet: str
    published: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentLine:
    incident: Incident
    score: float
    anchors: tuple[str, ...]  # one per mention, the representative's first
    novel: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertLine:
    alert: Alert
    anchors: tuple[str, ...]  # evidence of the incidents behind it (the first few)


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteLine:
    text: str
    speaker: str
    title: str | None
    date: str
    anchor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimLine:
    value: str
    about: str
    holder: str
    anchor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGroup:
    about: str
    disagree: bool
    claims: tuple[ClaimLine, ...]


def anchor_for(record_id: str) -> str:
    """An HTML id for a record: readable part plus a hash, so any id string is safe."""
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", record_id)[:40].strip("-")
    return f"ev-{readable}-{stable_id(record_id, length=6)}"


def _http(url: Any) -> str | None:
    return url if isinstance(url, str) and re.match(r"https?://", url, re.IGNORECASE) else None


def _record_day(record: Record, corpus: Corpus) -> dt.date | None:
    return parse_day(record.get("date")) or corpus.published(record.get("article_id"))


def _actor_matches(actor: Mapping[str, Any] | None, needle: str) -> bool:
    if not actor:
        return False
    values = (
        actor.get("code"),
        actor_key(actor, "sector"),
        actor.get("name"),
        actor.get("text"),
        actor.get("org"),
    )
    return any(v and str(v).casefold() == needle for v in values)


def _actors(record: Record) -> list[Mapping[str, Any]]:
    kind = record.get("kind")
    if kind == "event":
        return [*(record.get("source") or ()), *(record.get("target") or ())]
    one = record.get("speaker") if kind == "quote" else record.get("holder")
    return [one] if one else []


def keep(record: Record, corpus: Corpus, filters: Filters) -> bool:
    """Whether a record passes the date, actor and country filters."""
    day = _record_day(record, corpus)
    if filters.since and (day is None or day < filters.since):
        return False
    if filters.until and (day is None or day > filters.until):
        return False
    actors = _actors(record)
    if filters.actor and not any(_actor_matches(a, filters.actor.casefold()) for a in actors):
        return False
    if filters.country:
        code = filters.country.upper()
        place = (record.get("location") or {}).get("country") if record.get("kind") == "event" else None
        if place != code and not any(a.get("code") == code for a in actors):
            return False
    return True


def evidence_item(record: Record, corpus: Corpus) -> Evidence:
    article = corpus.article(record.get("article_id"))
    if record.get("kind") == "quote":
        sentence = _sentence_around(
            str(article.get("text") or ""), record.get("start"), record.get("end")
        ) or str(record.get("text") or "")
    else:
        sentence = str((record.get("evidence") or {}).get("text") or "")
    return Evidence(
        anchor=anchor_for(str(record.get("id"))),
        record_id=str(record.get("id")),
        kind=str(record.get("kind")),
        sentence=sentence,
        article_id=str(record.get("article_id")),
        title=str(article.get("title") or record.get("article_id") or ""),
        url=_http(article.get("url")),
        outlet=str(article.get("outlet") or ""),
        published=str(article.get("published") or ""),
    )


def _sentence_around(text: str, start: Any, end: Any) -> str:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return ""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0 : right].strip()


def rank_incidents(
    incidents: Sequence[Incident], found: Sequence[Alert], params: ReportParams
) -> list[tuple[float, Incident, bool]]:
    """Score = |intensity| x factuality weight x (1 + log2 outlets) x novelty boost."""
    behind = {i for a in found for i in a.incident_ids}
    scored = []
    for inc in incidents:
        novel = inc.id in behind
        score = (
            abs(inc.intensity)
            * RANK_WEIGHTS.get(inc.factuality, 0.0)
            * (1 + math.log2(max(1, inc.n_outlets)))
        )
        scored.append((score * (params.novelty_boost if novel else 1.0), inc, novel))
    return sorted(scored, key=lambda s: (-s[0], s[1].day or dt.date.max, s[1].id))


def quote_lines(quotes: Sequence[Record], corpus: Corpus, limit: int) -> list[tuple[QuoteLine, Record]]:
    """Direct quotes with a named speaker first, then by length nearest 160 characters."""

    def key(q: Record) -> tuple[Any, ...]:
        speaker = q.get("speaker") or {}
        return (
            not q.get("direct"),
            not speaker.get("name"),
            abs(len(str(q.get("text") or "")) - 160),
            str(q.get("id")),
        )

    chosen = sorted(quotes, key=key)[:limit]
    out = []
    for q in sorted(chosen, key=lambda q: (str(_record_day(q, corpus) or ""), str(q.get("id")))):
        speaker = q.get("speaker") or {}
        out.append(
            (
                QuoteLine(
                    text=str(q.get("text") or ""),
                    speaker=str(speaker.get("name") or speaker.get("text") or "unattributed"),
                    title=q.get("speaker_title"),
                    date=str(_record_day(q, corpus) or ""),
                    anchor=anchor_for(str(q.get("id"))),
                ),
                q,
            )
        )
    return out


def _value(claim: Record) -> str:
    value = claim.get("value")
    shown = (
        f"{_num(value[0])}–{_num(value[1])}"
        if isinstance(value, list | tuple) and len(value) == 2
        else _num(value)
    )
    qualifier = claim.get("qualifier")
    unit = claim.get("unit")
    return " ".join(
        p for p in (qualifier if qualifier not in (None, "exact") else "", shown, unit or "") if p
    )


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def normal_about(about: Any) -> str:
    """'North Korean soldiers' and 'north korean soldier' alike: casefold, words, no plural s."""
    words = re.findall(r"[^\W_]+", str(about or "").casefold())
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def claim_groups(claims: Sequence[Record]) -> list[tuple[ClaimGroup, list[Record]]]:
    """Claims joined by shared ``group`` within an article and by normalised ``about``
    across articles; groups whose values differ (a disagreement) first."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, str], int] = {}
    for i, c in enumerate(claims):
        keys = [("about", normal_about(c.get("about")))] if normal_about(c.get("about")) else []
        if c.get("group"):
            keys.append(("group", f"{c.get('article_id')}\x1f{c['group']}"))
        for k in keys:
            if k in seen:
                parent[find(i)] = find(seen[k])
            else:
                seen[k] = i
    members: dict[int, list[Record]] = defaultdict(list)
    for i, c in enumerate(claims):
        members[find(i)].append(c)
    groups = [_claim_group(m) for m in members.values()]
    return sorted(groups, key=lambda g: (not g[0].disagree, -len(g[0].claims), g[0].about))


def _claim_group(members: list[Record]) -> tuple[ClaimGroup, list[Record]]:
    lines = tuple(
        ClaimLine(
            value=_value(c),
            about=str(c.get("about") or ""),
            holder=str(
                (c.get("holder") or {}).get("name") or (c.get("holder") or {}).get("text") or "the article"
            ),
            anchor=anchor_for(str(c.get("id"))),
        )
        for c in members
    )
    values = {repr(c.get("value")) + str(c.get("unit")) for c in members}
    about = next((c.get("about") for c in members if c.get("about")), "") or "(unspecified)"
    return ClaimGroup(about=str(about), disagree=len(values) > 1, claims=lines), members


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportContent:
    """Everything a report shows, ready to render."""

    title: str
    generated_from: str
    filters: str
    period: str
    counts: Mapping[str, int]
    headlines: tuple[IncidentLine, ...]
    timeline: tuple[IncidentLine, ...]
    timeline_more: int
    alerts: tuple[AlertLine, ...]
    quotes: tuple[QuoteLine, ...]
    claim_groups: tuple[ClaimGroup, ...]
    claims_more: int
    evidence: tuple[Evidence, ...]
    escalation: tuple[EscalationPoint, ...]
    dyad_totals: tuple[tuple[str, str, Mapping[str, int]], ...]


def collect_evidence(records: Iterable[Record], corpus: Corpus) -> tuple[Evidence, ...]:
    seen: dict[str, Evidence] = {}
    for r in records:
        item = evidence_item(r, corpus)
        seen.setdefault(item.anchor, item)
    return tuple(seen.values())
