"""The dashboard: server-rendered pages over the same queries as the API.

Pages: overview (/), events table (/events), article with highlighted evidence
(/articles/{id}), dyad with escalation chart and incidents (/dyads/{a}/{b}), actor network
(/network), claim groups and disagreements (/claims). Templates are autoescaped; the only
markup made in Python is the SVG of ``charts`` (whose labels are escaped there).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from powderkeg.api import charts, highlight, insights, queries
from powderkeg.api.errors import ApiError
from powderkeg.api.params import Filters, Page, filters
from powderkeg.api.routes import Con, next_url
from powderkeg.records import FACTUALITIES, PLOVER_TYPES, QUADS

router = APIRouter(include_in_schema=False)
F = Annotated[Filters, Depends(filters)]


def register_filters(env: Any) -> None:
    """Jinja filters the templates use."""
    env.filters["q"] = lambda value: quote(str(value), safe="")  # one path segment or query value
    env.filters["actors"] = _actors_text
    env.filters["http_url"] = _http_url
    env.filters["signed"] = lambda v: "" if v is None else f"{v:+g}"


def _http_url(value: Any) -> str:
    """The URL if it is http(s), else "" (no javascript: or data: links from article metadata)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def _actors_text(actors: list[dict[str, Any]] | None) -> str:
    names = [
        f"{a.get('name') or a.get('text')}" + (f" ({a['code']})" if a.get("code") else "")
        for a in actors or ()
    ]
    return ", ".join(names) or "—"


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, con: Con) -> Response:
    alerts = overview_alerts(request.app.state, con)
    latest = queries.list_rows(con, queries.EVENTS, Filters(), Page(limit=12)).data
    dyads = queries.list_rows(con, queries.DYADS, Filters(), Page(limit=10)).data
    return render(
        request, "overview.html", counts=queries.counts(con), alerts=alerts[:20], latest=latest, dyads=dyads
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    con: Con,
    f: F,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
    sort: str | None = None,
) -> Response:
    listing = queries.list_rows(con, queries.EVENTS, f, Page(limit=limit, cursor=cursor, sort=sort))
    args = request.query_params
    return render(
        request,
        "events.html",
        events=listing.data,
        next=next_url(request, listing.next_cursor),
        args=args,
        types=PLOVER_TYPES,
        quads=QUADS,
        factualities=FACTUALITIES,
        sorts=sorted(queries.EVENTS.sorts),
        sort=listing.sort,
        csv_url=_with(request, format="csv").replace("/events?", "/api/v1/events?", 1),
    )


def overview_alerts(state: Any, con: Any) -> list[Any]:
    """The overview's alerts (last twelve weeks), from the derived cache or computed into it;
    the server also calls this at startup so the first visitor does not wait."""
    recent = _recent(con)
    return insights.cached(
        state, con, ("alerts", recent),
        lambda: insights.alerts(insights.consolidated(con, insights.load_events(con, recent))),
    )


def _recent(con: Any) -> Filters:
    """Filters for the overview's alerts: the last twelve weeks of the data."""
    import datetime as dt

    row = con.execute("SELECT max(date_start) FROM events").fetchone()
    last = row[0] if row else None
    return Filters(since=last - dt.timedelta(days=84)) if last else Filters()


def _with(request: Request, **changes: str) -> str:
    from urllib.parse import urlencode

    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "cursor"]
    return f"{request.url.path}?{urlencode([*items, *changes.items()])}"


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, con: Con, article_id: str) -> Response:
    article = queries.one(con, "article", article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r} in this store")
    events = queries.of_article(con, "event", article_id)
    quotes = queries.of_article(con, "quote", article_id)
    claims = queries.of_article(con, "claim", article_id)
    text = article.get("text") or ""
    segs = highlight.segments(text, highlight.marks(events, quotes, claims, len(text)))
    return render(
        request, "article.html", article=article, events=events, quotes=quotes, claims=claims, segments=segs
    )


Code = Annotated[str, Path(pattern=r"^[A-Za-z]{2,3}$")]


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    con: Con,
    f: F,
    a: Code,
    b: Code,
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
) -> Response:
    pair = (a.upper(), b.upper())
    events = insights.load_events(con, f, pair=pair)
    found = insights.consolidated(con, events)
    series = insights.series(events, interval, insights.escalation_points(found, interval, pair))
    alerts = [x for x in insights.alerts(found) if sorted(x["dyad"]) == sorted(pair)]
    return render(
        request,
        "dyad.html",
        pair=pair,
        events=list(reversed(events))[:100],
        total=len(events),
        series=series,
        chart=charts.escalation_chart(series),
        interval=interval,
        net_conflict=insights.net_conflict(events),
        incidents=insights.incident_dicts(found, events),
        alerts=alerts,
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request, con: Con, f: F, limit: Annotated[int, Query(ge=1, le=200)] = 40
) -> Response:
    dyads = queries.list_rows(con, queries.DYADS, f, Page(limit=limit)).data
    actors = queries.list_rows(con, queries.ACTORS, f, Page(limit=20)).data
    return render(request, "network.html", svg=charts.network(dyads), dyads=dyads, actors=actors)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, con: Con, f: F, disagreements: bool = False) -> Response:
    claims = queries.list_rows(con, queries.CLAIMS, f, Page(limit=insights.MAX_EVENTS)).data
    groups = insights.claim_groups(claims)
    if disagreements:
        groups = [g for g in groups if g["disagreement"]]
    return render(request, "claims.html", groups=groups[:100], disagreements=disagreements)
