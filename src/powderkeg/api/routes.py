"""The HTTP API under /api/v1: thin routes over ``queries`` and ``insights``.

List routes answer ``{"data": [...], "next": "<url of the next page>" | null, "sort": ...,
"limit": n}`` (or CSV with a ``Link: <...>; rel="next"`` header); detail routes answer
``{"data": {...}}``; errors have the one shape of ``errors``.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from powderkeg.api import guards, insights, queries
from powderkeg.api.errors import ApiError
from powderkeg.api.params import Filters, Page, decode_cursor, encode_cursor, filters, page

router = APIRouter(prefix="/api/v1", tags=["records"])


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own for one request (DuckDB connections are not shared across threads)."""
    cur = request.app.state.store.connection.cursor()
    running = request.scope.get(guards.CURSORS)
    if running is not None:  # so that a request over its time budget can be interrupted
        running.append(cur)
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[duckdb.DuckDBPyConnection, Depends(connection)]
F = Annotated[Filters, Depends(filters)]
P = Annotated[Page, Depends(page)]
Code = Annotated[str, Path(pattern=r"^[A-Za-z]{2,3}$", description="Country code (RUS, UKR, IGO...)")]


# -- responses -----------------------------------------------------------------------


def next_url(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    from urllib.parse import urlencode

    return f"{request.url.path}?{urlencode([*items, ('cursor', cursor)])}"


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Records as CSV: one column per field, nested values (actors, spans) as JSON text."""
    names: list[str] = []
    for row in rows:
        names.extend(k for k in row if k not in names)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def listed(
    request: Request,
    data: list[dict[str, Any]],
    cursor: str | None,
    pg: Page,
    sort: str | None = None,
    **extra: Any,
) -> Response:
    nxt = next_url(request, cursor)
    headers = {"Link": f'<{nxt}>; rel="next"'} if nxt else {}
    if pg.format == "csv":
        return Response(to_csv(data), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(
        {"data": data, "next": nxt, "sort": sort, "limit": pg.limit, **extra}, headers=headers
    )


def _list(request: Request, con: duckdb.DuckDBPyConnection, name: str, f: Filters, pg: Page) -> Response:
    listing = queries.list_rows(con, queries.RESOURCES[name], f, pg)
    return listed(request, listing.data, listing.next_cursor, pg, listing.sort)


def _missing(kind: str, record_id: str) -> ApiError:
    return ApiError(
        404,
        "not_found",
        f"no {kind} with id {record_id!r} in this store",
        detail={"kind": kind, "id": record_id},
    )


# -- records ---------------------------------------------------------------------------


@router.get("/articles", summary="List articles")
def list_articles(request: Request, con: Con, f: F, pg: P) -> Response:
    """Articles; sort by published (default -published), title or added. Filters on events
    (actor, country, type, quad, factuality) keep articles with at least one such event."""
    return _list(request, con, "articles", f, pg)


@router.get("/articles/{article_id:path}", summary="One article with its events, quotes and claims")
def get_article(con: Con, article_id: str) -> dict[str, Any]:
    article = queries.one(con, "article", article_id)
    if article is None:
        raise _missing("article", article_id)
    return {
        "data": article,
        "events": queries.of_article(con, "event", article_id),
        "quotes": queries.of_article(con, "quote", article_id),
        "claims": queries.of_article(con, "claim", article_id),
    }


@router.get("/events", summary="List events")
def list_events(request: Request, con: Con, f: F, pg: P) -> Response:
    """Events; sort by date (default -date), intensity, confidence, type, published or added."""
    return _list(request, con, "events", f, pg)


@router.get("/events/{event_id}", summary="One event")
def get_event(
    con: Con,
    event_id: str,
    article_id: Annotated[str | None, Query(description="Where event ids repeat across articles")] = None,
) -> dict[str, Any]:
    event = queries.one(con, "event", event_id, article_id)
    if event is None:
        raise _missing("event", event_id)
    return {"data": event}


@router.get("/quotes", summary="List quotes")
def list_quotes(request: Request, con: Con, f: F, pg: P) -> Response:
    """Quotes; actor and country match the speaker; q searches the quoted words."""
    return _list(request, con, "quotes", f, pg)


@router.get("/claims", summary="List numeric claims")
def list_claims(request: Request, con: Con, f: F, pg: P) -> Response:
    """Claims; actor and country match the holder; q searches the evidence and what is counted."""
    return _list(request, con, "claims", f, pg)


@router.get("/actors", summary="Actors with event counts")
def list_actors(request: Request, con: Con, f: F, pg: P) -> Response:
    """Distinct actors (canonical name, else mention text, with country code) in events, with
    counts; sort by events (default -events), name or last."""
    return _list(request, con, "actors", f, pg)


@router.get("/dyads", summary="Top dyads")
def list_dyads(request: Request, con: Con, f: F, pg: P) -> Response:
    """Directed pairs of source and target country codes with event counts; sort by events
    (default -events), conflict, intensity or last."""
    return _list(request, con, "dyads", f, pg)


Interval = Annotated[Literal["day", "week", "month"], Query(description="Width of one period")]


@router.get("/dyads/{a}/{b}", summary="One dyad: time series, escalation, incidents")
def get_dyad(
    request: Request,
    con: Con,
    f: F,
    a: Code,
    b: Code,
    interval: Interval = "week",
    directed: Annotated[bool, Query(description="Only events from a to b")] = False,
) -> dict[str, Any]:
    """Per period: event counts, net conflict and the escalation index (material conflict,
    both directions pooled) with its baseline; and the dyad's incidents."""
    pair = (a.upper(), b.upper())

    def compute() -> dict[str, Any]:
        events = insights.load_events(con, f, pair=pair, directed=directed)
        found = insights.consolidated(con, events)
        points = insights.escalation_points(found, interval, pair)
        return {
            "dyad": list(pair),
            "directed": directed,
            "interval": interval,
            "events": len(events),
            "net_conflict": insights.net_conflict(events),
            "series": insights.series(events, interval, points),
            "incidents": insights.incident_dicts(found, events),
        }

    return {"data": insights.cached(request.app.state, con, ("dyad", pair, directed, interval, f), compute)}


def _paged_list(request: Request, items: list[dict[str, Any]], name: str, pg: Page, **extra: Any) -> Response:
    """A page of an already ordered list computed in Python; the cursor holds the last id."""
    start = 0
    if pg.cursor:
        _, last_id = decode_cursor(pg.cursor, name, "default")
        ids = [i["id"] for i in items]
        if last_id not in ids:
            raise ApiError(
                422,
                "bad_cursor",
                "'cursor' no longer matches this list; start again without it",
                detail={"parameter": "cursor"},
            )
        start = ids.index(last_id) + 1
    chunk = items[start : start + pg.limit]
    more = start + pg.limit < len(items)
    cursor = encode_cursor(name, "default", None, chunk[-1]["id"]) if more and chunk else None
    return listed(request, chunk, cursor, pg, None, **extra)


def _no_sort(pg: Page, name: str) -> None:
    if pg.sort:
        raise ApiError(
            422,
            "bad_parameter",
            f"{name} come in one fixed order; leave out 'sort'",
            detail={"parameter": "sort"},
        )


@router.get("/incidents", summary="Incidents: nearby events of one dyad grouped")
def list_incidents(request: Request, con: Con, f: F, pg: P) -> Response:
    """Incidents: the mentions of one real-world event (across articles and outlets) as one
    record, from ``powderkeg.analysis.consolidate``; newest first."""
    _no_sort(pg, "incidents")

    def compute() -> list[dict[str, Any]]:
        events = insights.load_events(con, f)
        return insights.incident_dicts(insights.consolidated(con, events), events)

    items = insights.cached(request.app.state, con, ("incidents", f), compute)
    if pg.format == "csv":
        items = [{k: v for k, v in i.items() if k != "events"} for i in items]
    return _paged_list(request, items, "incidents", pg)


@router.get("/alerts", summary="Alerts: dyads escalating in the latest week of the data")
def list_alerts(request: Request, con: Con, f: F, pg: P) -> Response:
    _no_sort(pg, "alerts")
    """Escalation alerts (a dyad's index well above its baseline) and new-actor alerts (a
    country joining a known conflict dyad), from ``powderkeg.analysis``; newest first."""
    items = insights.cached(
        request.app.state,
        con,
        ("alerts", f),
        lambda: insights.alerts(insights.consolidated(con, insights.load_events(con, f))),
    )
    return _paged_list(request, items, "alerts", pg)


@router.get("/claims/groups", summary="Claims about the same thing, and disagreements")
def list_claim_groups(
    request: Request,
    con: Con,
    f: F,
    pg: P,
    disagreements: Annotated[bool, Query(description="Only groups whose values disagree")] = False,
) -> Response:
    _no_sort(pg, "claim groups")
    claims = queries.list_rows(con, queries.CLAIMS, f, Page(limit=insights.MAX_EVENTS)).data
    groups = insights.claim_groups(claims)
    if disagreements:
        groups = [g for g in groups if g["disagreement"]]
    if pg.format == "csv":
        groups = [{k: v for k, v in g.items() if k != "members"} for g in groups]
    return _paged_list(request, groups, "claim-groups", pg)


@router.get("/stats", summary="Record counts")
def stats(con: Con) -> dict[str, Any]:
    return {"data": queries.counts(con)}


# -- writing ---------------------------------------------------------------------------


class ArticleIn(BaseModel):
    """An article to process: ``text`` (kept verbatim), ``html`` (boilerplate removed) or
    ``url`` (fetched), with optional metadata."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    html: str | None = None
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    id: str | None = Field(None, max_length=200)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


def check_token(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one or when no token is configured."""
    expected = request.app.state.settings.api_token
    if not expected:
        raise ApiError(403, "forbidden", "writing is disabled: this server has no api_token set")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401,
            "unauthorized",
            "send 'Authorization: Bearer <token>' to write",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(403, "forbidden", "the token is not valid for this server")


@router.post(
    "/articles",
    status_code=201,
    summary="Submit an article for processing",
    dependencies=[Depends(check_token)],
)
def post_article(request: Request, body: ArticleIn) -> JSONResponse:
    """Run the pipeline on one article (or every article of a fetched URL) and store the
    records. Needs ``Authorization: Bearer <api_token>``."""
    from powderkeg.api import submit

    result = submit.process(request.app, body.model_dump())
    return JSONResponse({"data": result}, status_code=201)
