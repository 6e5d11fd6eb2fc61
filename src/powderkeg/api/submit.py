"""Processing an article POSTed to the API: read it, run the pipeline, store the records.

One submission at a time (the app's write lock): the pipeline is built on first use and
kept on ``app.state``; the store has one writer.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from powderkeg.api.errors import ApiError
from powderkeg.errors import InputError
from powderkeg.records import Article


def read(body: dict[str, Any], settings: Any) -> list[Article]:
    """The article(s) a request body describes; an unreadable one is a 422 ``bad_input``."""
    from powderkeg.ingest.formats import article_from_object
    from powderkeg.ingest.readers import fetch_url

    obj = {k: v for k, v in body.items() if v is not None}
    try:
        if obj.get("text") is not None or obj.get("html") is not None:
            return [article_from_object(obj, "api", settings)]
        if obj.get("url"):
            items = list(fetch_url(obj["url"], settings))
            bad = [i for i in items if isinstance(i, InputError)]
            if bad:
                raise bad[0]
            return [i for i in items if isinstance(i, Article)]
    except InputError as exc:
        raise ApiError(422, "bad_input", exc.reason, detail={"source": exc.source}) from exc
    raise ApiError(422, "bad_parameter", "send 'text', 'html' or 'url'", detail={"parameter": "body"})


def process(app: FastAPI, body: dict[str, Any]) -> dict[str, Any]:
    """Read, process and store; returns the ids written and the store's summary."""
    state = app.state
    articles = read(body, state.settings)
    with state.write_lock:
        if state.pipeline is None:
            state.pipeline = state.pipeline_factory(state.settings)
        results = [state.pipeline.process(a) for a in articles]
        summary = state.store.add(results, note="api")
    if summary.failed:
        reasons = [reason for _, reason in summary.failures]
        raise ApiError(422, "bad_input", "the article could not be stored", detail={"reasons": reasons})
    return {
        "articles": [r.article.id for r in results],
        "added": summary.added,
        "duplicates": summary.duplicates,
        "skipped": summary.skipped,
        "records": dict(summary.records),
        "links": [f"/api/v1/articles/{r.article.id}" for r in results],
    }
