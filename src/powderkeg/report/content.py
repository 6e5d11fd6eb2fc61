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

from powderkeg.analysis.corpus import Corpus, Record, actor_key, date_interval, parse_day
from powderkeg.analysis.escalation import Alert, EscalationParams, EscalationPoint
from powderkeg.analysis.incidents import Incident, IncidentParams
from powderkeg.claims.measure import measure_of_record
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


#: How a claim group's measure (``powderkeg.claims.measure``) reads in a caption.
MEASURE_LABELS: Mapping[str, str] = {
    "deployed": "deployed, sent or present",
    "casualties": "killed, wounded or lost",
    "captured": "captured or surrendered",
    "total": "total size",
    "count": "",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportParams:
    """How much a report shows. Defaults in brackets.

    - ``headlines`` (10), ``timeline`` (200), ``quotes`` (12), ``claims`` (20): most lines
      per section; the rest is counted, not shown.
    - ``top_dyads`` (6): dyads in the dyad chart and escalation chart.
    - ``alert_links`` (5): incidents linked from each alert.
    - ``novelty_boost`` (2.0): headline score factor for incidents behind an alert.
    - ``background_days`` (30): incidents dated wholly more than this many days before the
      first article's publication go to "Background" (history the articles recall), not
      to headlines, timeline, charts or alerts; the charts start that many days early.
    - ``snippet_chars`` (150): length of the shortened evidence on timeline rows.
    - ``quote_min_words`` (5): shorter quotes are not key quotes.
    - ``claim_window_days`` (31): a group of claims spans at most this many days.
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
    background_days: int = 30
    snippet_chars: int = 150
    quote_min_words: int = 5
    claim_window_days: int = 31
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
    start: int = 0  # where in the article the sentence (or quote) starts


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentLine:
    incident: Incident
    score: float
    anchors: tuple[str, ...]  # one per mention, the representative's first
    novel: bool
    snippet: str = ""  # the evidence sentence, shortened
    date_label: str = ""  # the date as precise as known: "2024-10-23", "2024-10", "2024"
    when: str = "current"  # "current", "background" (dated well before the articles) or "planned"


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
    date: str = ""
    attributed: bool = True  # False: the article states it (``holder`` is the outlet)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGroup:
    about: str
    disagree: bool
    claims: tuple[ClaimLine, ...]
    measure: str = "count"

    @property
    def measure_label(self) -> str:
        return MEASURE_LABELS.get(self.measure, self.measure)


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
        start = record.get("start")
    else:
        sentence = str((record.get("evidence") or {}).get("text") or "")
        start = (record.get("evidence") or {}).get("start")
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
        start=start if isinstance(start, int) else 0,
    )


def _sentence_around(text: str, start: Any, end: Any) -> str:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return ""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0 : right].strip()


def headline_eligible(incident: Incident) -> bool:
    """A headline needs an actor on at least one side and a factuality of something that
    happened (asserted, reported): not a plan, a hypothesis or a denial."""
    has_actor = bool(incident.source or incident.target or incident.source_text or incident.target_text)
    return has_actor and incident.factuality in ("asserted", "reported")


def publication_span(corpus: Corpus, records: Iterable[Record] = ()) -> tuple[dt.date, dt.date] | None:
    """First and last publication date of the articles the records come from (all
    articles when no records are given); None when none is dated."""
    ids = {str(r.get("article_id")) for r in records}
    days = [
        d for aid in (ids or set(corpus.articles)) if (d := corpus.published(aid)) is not None
    ]
    return (min(days), max(days)) if days else None


def when_of(
    incident: Incident, corpus: Corpus, span: tuple[dt.date, dt.date] | None, params: ReportParams
) -> str:
    """"background" when the incident's date lies wholly more than ``background_days``
    before the first article; "planned" when it is future, or dated after every article
    that reports it (it was expected when written); else "current"."""
    if incident.factuality == "future":
        return "planned"
    if incident.day_from != "event" or incident.day is None:
        return "current"
    interval = date_interval(incident.date, incident.date_precision) or (incident.day, incident.day)
    if span is not None and interval[1] < span[0] - dt.timedelta(days=params.background_days):
        return "background"
    reported = [d for a in incident.article_ids if (d := corpus.published(a)) is not None]
    if reported and interval[0] > max(reported):
        return "planned"
    return "current"


def date_label(incident: Incident) -> str:
    """The incident's date at its precision; "reported <day>" when only the article dates it."""
    if incident.day is None:
        return "undated"
    if incident.day_from != "event":
        return f"rep. {incident.day}"
    if incident.date_precision == "year":
        return str(incident.day.year)
    if incident.date_precision == "month":
        return incident.day.strftime("%Y-%m")
    return incident.day.isoformat()


def timeline_day(incident: Incident) -> dt.date:
    """Where an incident sits in a timeline: its day, but a date coarser than a week
    (a month, a year) sits at its first report rather than on the 1st."""
    if incident.date_precision in ("month", "year") and incident.first_reported is not None:
        return incident.first_reported
    return incident.day or incident.first_reported or dt.date.max


def snippet(text: str, limit: int) -> str:
    """The sentence cut at a word boundary to about ``limit`` characters."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


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


def quote_lines(
    quotes: Sequence[Record], corpus: Corpus, limit: int, min_words: int = 5
) -> list[tuple[QuoteLine, Record]]:
    """Direct quotes with a named speaker first, then by length nearest 160 characters.
    Fragments (fewer than ``min_words`` words) and quotes with no speaker are left out."""

    def key(q: Record) -> tuple[Any, ...]:
        speaker = q.get("speaker") or {}
        return (
            not q.get("direct"),
            not speaker.get("name"),
            abs(len(str(q.get("text") or "")) - 160),
            str(q.get("id")),
        )

    def usable(q: Record) -> bool:
        speaker = q.get("speaker") or {}
        words = len(str(q.get("text") or "").split())
        return words >= min_words and bool(speaker.get("name") or speaker.get("text"))

    chosen = sorted((q for q in quotes if usable(q)), key=key)[:limit]
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


def claim_groups(
    claims: Sequence[Record], corpus: Corpus | None = None, window_days: int = 60
) -> list[tuple[ClaimGroup, list[Record]]]:
    """Claims about the same counted thing with the same measure (deployed, casualties,
    captured, total size, plain count; ``powderkeg.claims.measure``) and unit: joined by a
    shared ``group`` within an article, and by normalised ``about`` across articles; then
    split in time so that no group spans more than ``window_days`` from its first claim. Groups whose
    values differ (a disagreement) come first."""
    corpus = corpus or Corpus.from_records(())
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    measures = [measure_of_record(c) for c in claims]
    seen: dict[tuple[str, ...], int] = {}
    for i, c in enumerate(claims):
        unit, measure = str(c.get("unit") or ""), measures[i]
        about = normal_about(c.get("about"))
        keys = [("about", about, unit, measure)] if about else []
        if c.get("group"):
            keys.append(("group", str(c.get("article_id")), str(c["group"]), unit, measure))
        for k in keys:
            if k in seen:
                parent[find(i)] = find(seen[k])
            else:
                seen[k] = i
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        members[find(i)].append(i)
    groups = []
    for idxs in members.values():
        for part in _split_in_time(idxs, claims, corpus, window_days):
            groups.append(_claim_group([claims[i] for i in part], measures[part[0]], corpus))
    return sorted(groups, key=lambda g: (not g[0].disagree, -len(g[0].claims), g[0].about))


def _split_in_time(
    idxs: list[int], claims: Sequence[Record], corpus: Corpus, window_days: int
) -> list[list[int]]:
    days = {i: _record_day(claims[i], corpus) for i in idxs}
    dated = sorted((i for i in idxs if days[i] is not None), key=lambda i: (days[i], i))
    parts: list[list[int]] = []
    for i in dated:  # a part spans at most window_days from its first claim (no chaining)
        if parts and (days[i] - days[parts[-1][0]]).days <= window_days:  # type: ignore[operator]
            parts[-1].append(i)
        else:
            parts.append([i])
    undated = [i for i in idxs if days[i] is None]
    if undated and parts:
        parts[0].extend(undated)
    elif undated:
        parts.append(undated)
    return parts


def _claim_group(members: list[Record], measure: str, corpus: Corpus) -> tuple[ClaimGroup, list[Record]]:
    lines = []
    for c in members:
        holder = c.get("holder") or {}
        name = holder.get("name") or holder.get("text")
        outlet = str(corpus.article(c.get("article_id")).get("outlet") or "").strip()
        lines.append(
            ClaimLine(
                value=_value(c),
                about=str(c.get("about") or ""),
                holder=str(name or outlet or "(not attributed)"),
                anchor=anchor_for(str(c.get("id"))),
                date=str(_record_day(c, corpus) or ""),
                attributed=bool(name),
            )
        )
    order = sorted(range(len(lines)), key=lambda k: lines[k].date or "9999")
    values = {repr(c.get("value")) + str(c.get("unit")) for c in members}
    about = next((c.get("about") for c in members if c.get("about")), "") or "(unspecified)"
    group = ClaimGroup(
        about=str(about), disagree=len(values) > 1, claims=tuple(lines[k] for k in order), measure=measure
    )
    return group, [members[k] for k in order]


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
    published: str = ""  # "2024-10-07 to 2025-01-10": the articles' publication dates
    background: tuple[IncidentLine, ...] = ()
    planned: tuple[IncidentLine, ...] = ()
    chart_window: tuple[dt.date, dt.date] | None = None
    evidence: tuple[Evidence, ...]
    escalation: tuple[EscalationPoint, ...]
    dyad_totals: tuple[tuple[str, str, Mapping[str, int]], ...]


def collect_evidence(records: Iterable[Record], corpus: Corpus) -> tuple[Evidence, ...]:
    """Evidence items, once each, in reading order: by article date, article, then position."""
    seen: dict[str, Evidence] = {}
    for r in records:
        item = evidence_item(r, corpus)
        seen.setdefault(item.anchor, item)
    return tuple(sorted(seen.values(), key=_reading_order))


def _reading_order(e: Evidence) -> tuple[str, str, int, str]:
    return (e.published[:10] or "9999", e.article_id, e.start, e.record_id)
