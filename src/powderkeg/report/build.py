"""``build_report``: records in, ``report.html`` (self-contained) and ``report.md`` out."""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader

from powderkeg.analysis.corpus import Corpus, Record, parse_day
from powderkeg.analysis.dyads import dyads_of
from powderkeg.analysis.escalation import escalation_alerts, escalation_index, is_self_dyad, new_actor_alerts
from powderkeg.analysis.incidents import Incident, consolidate
from powderkeg.report.charts import dyad_chart, escalation_chart
from powderkeg.report.content import (
    AlertLine,
    Filters,
    IncidentLine,
    ReportContent,
    ReportParams,
    anchor_for,
    claim_groups,
    collect_evidence,
    date_label,
    headline_eligible,
    keep,
    publication_span,
    quote_lines,
    rank_incidents,
    snippet,
    timeline_day,
    when_of,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportPaths:
    """What ``build_report`` wrote."""

    directory: Path
    html: Path
    markdown: Path
    charts: tuple[Path, ...]


def _day(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    day = parse_day(value)
    if day is None:
        raise ValueError(f"{name}={value!r} is not a date; use YYYY-MM-DD")
    return day


def build_content(
    records: Iterable[Record] | Corpus,
    filters: Filters | None = None,
    params: ReportParams | None = None,
    *,
    source: str = "records",
) -> ReportContent:
    """Filter, consolidate, rank and gather evidence: the report as data."""
    params, filters = params or ReportParams(), filters or Filters()
    full = records if isinstance(records, Corpus) else Corpus.from_records(records)
    corpus = Corpus(
        articles=full.articles,
        events=tuple(e for e in full.events if keep(e, full, filters)),
        quotes=tuple(q for q in full.quotes if keep(q, full, filters)),
        claims=tuple(c for c in full.claims if keep(c, full, filters)),
    )
    incidents = consolidate(corpus, params.incidents)
    span = publication_span(corpus, (*corpus.events, *corpus.quotes, *corpus.claims))
    when = {inc.id: when_of(inc, corpus, span, params) for inc in incidents}
    current = [inc for inc in incidents if when[inc.id] == "current"]
    points = escalation_index(current, params.escalation)
    found = tuple(
        sorted(
            escalation_alerts(points, current, params.escalation)
            + new_actor_alerts(current, params.escalation),
            key=lambda a: (a.window_start, a.kind, a.source, a.target),
        )
    )
    ranked = rank_incidents(incidents, found, params)
    lines = {
        inc.id: IncidentLine(
            incident=inc,
            score=round(score, 3),
            novel=novel,
            anchors=tuple(anchor_for(e) for e in _rep_first(inc)),
            snippet=snippet(inc.evidence_text, params.snippet_chars),
            when=when[inc.id],
            date_label=date_label(inc),
        )
        for score, inc, novel in ranked
    }

    def by_day(kind: str) -> list[IncidentLine]:
        chosen = [i for i in incidents if when[i.id] == kind]
        place = timeline_day if kind == "current" else (lambda i: i.day or dt.date.max)
        return [lines[i.id] for i in sorted(chosen, key=lambda i: (place(i), i.id))]

    current_lines = by_day("current")
    timeline = current_lines[: params.timeline]
    background = by_day("background")[: params.timeline]
    planned = by_day("planned")[: params.timeline]
    alert_lines = tuple(
        AlertLine(
            alert=a,
            anchors=tuple(lines[i].anchors[0] for i in a.incident_ids[: params.alert_links] if i in lines),
        )
        for a in found
    )
    quotes = quote_lines(corpus.quotes, corpus, params.quotes, params.quote_min_words)
    groups = claim_groups(corpus.claims, corpus, params.claim_window_days)
    shown_groups = groups[: params.claims]
    headline_lines = [
        lines[inc.id]
        for _, inc, _ in ranked
        if when[inc.id] == "current" and headline_eligible(inc)
    ][: params.headlines]
    events_by_id = {str(e.get("id")): e for e in corpus.events}
    shown_events = {
        e for line in (*headline_lines, *timeline, *background, *planned) for e in line.incident.event_ids
    }
    shown_events |= {
        lines[i].incident.evidence_event_id
        for a in alert_lines
        for i in a.alert.incident_ids
        if i in lines and lines[i].anchors[0] in a.anchors
    }
    cited = (
        [events_by_id[e] for e in sorted(shown_events) if e in events_by_id]
        + [q for _, q in quotes]
        + [c for _, members in shown_groups for c in members]
    )
    days = [i.day for i in current if i.day]
    if span is not None:
        period = f"articles published {span[0]} to {span[1]}"
    else:
        period = f"events {min(days)} to {max(days)}" if days else "no dated events"
    return ReportContent(
        title=params.title,
        generated_from=source,
        filters=filters.describe(),
        period=period,
        published=f"{span[0]} to {span[1]}" if span else "",
        chart_window=(span[0] - dt.timedelta(days=params.background_days), span[1]) if span else None,
        counts={
            "articles": len(
                {str(r.get("article_id")) for r in (*corpus.events, *corpus.quotes, *corpus.claims)}
            ),
            "events": len(corpus.events),
            "incidents": len(incidents),
            "quotes": len(corpus.quotes),
            "claims": len(corpus.claims),
            "alerts": len(found),
        },
        headlines=tuple(headline_lines),
        timeline=tuple(timeline),
        timeline_more=max(0, len(current_lines) - len(timeline)),
        background=tuple(background),
        planned=tuple(planned),
        alerts=alert_lines,
        quotes=tuple(q for q, _ in quotes),
        claim_groups=tuple(g for g, _ in shown_groups),
        claims_more=max(0, len(groups) - len(shown_groups)),
        evidence=collect_evidence(cited, corpus),
        escalation=tuple(points),
        dyad_totals=_dyad_totals(current, params.top_dyads),
    )


def _rep_first(incident: Incident) -> list[str]:
    return [incident.evidence_event_id, *(e for e in incident.event_ids if e != incident.evidence_event_id)]


def _dyad_totals(incidents: Iterable[Incident], n: int) -> tuple[tuple[str, str, dict[str, int]], ...]:
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for inc in incidents:
        for pair in dyads_of(inc, directed=False):
            if not is_self_dyad(pair):  # kept in the data, never charted
                totals[pair][inc.quad] += 1
    top = sorted(totals, key=lambda p: (-sum(totals[p].values()), p))[:n]
    return tuple((s, t, dict(totals[(s, t)])) for s, t in top)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("powderkeg.report", "templates"),
        autoescape=lambda name: bool(name and name.endswith(".html")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    return env


def _md(value: object) -> str:
    """Text safe inside Markdown (and the HTML a Markdown viewer may render)."""
    text = " ".join(str(value if value is not None else "").split())
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(raw, safe)
    for char in "\\`*_[]|#":
        text = text.replace(char, "\\" + char)
    return text


def build_report(
    records: Iterable[Record] | Corpus,
    out_dir: str | Path,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    actor: str | None = None,
    country: str | None = None,
    *,
    params: ReportParams | None = None,
    source: str = "records",
) -> ReportPaths:
    """Write ``report.html`` (self-contained: inline CSS, charts as data URIs) and
    ``report.md`` (charts as PNG files beside it) to ``out_dir``."""
    params = params or ReportParams()
    filters = Filters(since=_day(since, "since"), until=_day(until, "until"), actor=actor, country=country)
    content = build_content(records, filters, params, source=source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dyads = [(s, t) for s, t, _ in content.dyad_totals]
    charts = {
        "escalation.png": escalation_chart(content.escalation, dyads, content.chart_window),
        "dyads.png": dyad_chart(content.dyad_totals),
    }
    written = []
    for name, png in charts.items():
        path = out / name
        if png is None:
            path.unlink(missing_ok=True)
            continue
        path.write_bytes(png)
        written.append(path)
    uris = {
        name: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        for name, png in charts.items()
        if png is not None
    }
    env = _environment()
    html_path, md_path = out / "report.html", out / "report.md"
    html_path.write_text(env.get_template("report.html").render(c=content, charts=uris), encoding="utf-8")
    md_path.write_text(
        env.get_template("report.md").render(c=content, charts={p.name for p in written}), encoding="utf-8"
    )
    return ReportPaths(directory=out, html=html_path, markdown=md_path, charts=tuple(written))
