"""The web app: the HTTP API under /api/v1 and the dashboard, over one store.

    app = create_app("news.duckdb", Settings(api_token="..."))
    serve("news.duckdb", "127.0.0.1", 8000, settings)     # what `powderkeg serve` runs

Everything the app holds lives on ``app.state`` (no module globals): the open store, the
templates, a lock that serialises writes, and the pipeline, built on the first POST.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from powderkeg import __version__
from powderkeg.api import errors
from powderkeg.api.guards import Rate, RateLimitMiddleware, TimeoutMiddleware, send_error
from powderkeg.config import Settings

PipelineFactory = Callable[[Settings], Any]  # Settings -> object with .process(Article)

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
]


class LimitsMiddleware:
    """Refuses request bodies over ``max_body`` bytes (413) and adds security headers."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(send)
            return
        seen = 0
        over = False

        async def limited_receive() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    over = True
                    raise errors.BodyTooLarge(self.max_body)
            return message

        async def checked_send(message: Message) -> None:
            # a body found too large while streaming becomes a 413, whatever the route made of it
            if over:
                if message["type"] == "http.response.start":
                    await self._too_large(send)
                return
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        await self.app(scope, limited_receive, checked_send)

    async def _too_large(self, send: Send) -> None:
        await send_error(
            send, 413, "too_large", f"request body over {self.max_body:,} bytes",
            {"limit": self.max_body}, headers=_SECURITY_HEADERS,
        )


def _open_store(db_path: str | Path, settings: Settings, read_only: bool):
    try:
        from powderkeg.store import Store
    except ImportError:  # the store package before its __init__ exports Store
        from powderkeg.store.store import Store
    return Store(db_path, settings=settings, read_only=read_only)


def create_app(
    db_path: str | Path,
    settings: Settings | None = None,
    *,
    read_only: bool | None = None,
    max_body: int | None = None,
    cors_origins: Sequence[str] = (),
    pipeline_factory: PipelineFactory | None = None,
) -> FastAPI:
    """The API and dashboard over the store at ``db_path``.

    ``read_only``: None opens the store read-only unless ``settings.api_token`` enables the
    write route. ``max_body``: largest request body in bytes (default ``settings.max_bytes``).
    ``cors_origins``: origins allowed to read the API from a browser (none by default).
    ``pipeline_factory``: builds the pipeline for POSTed articles (default ``Pipeline``).
    Raises StoreError if the store cannot be opened."""
    settings = settings or Settings()
    if read_only is None:
        read_only = not settings.api_token
    store = _open_store(db_path, settings, read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm = threading.Thread(target=_warm_overview, args=(app,), name="powderkeg-warm", daemon=True)
        warm.start()  # the dashboard's first page needs incidents and alerts: compute them now
        yield
        warm.join(timeout=5)
        store.close()

    app = FastAPI(
        title="powderkeg",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Events, quotes and claims extracted from news, each tied to its evidence. "
        "Records have the shape of the records contract (docs/records.md).",
    )
    app.state.store = store
    app.state.settings = settings
    app.state.write_lock = threading.Lock()
    app.state.pipeline = None
    app.state.derived_cache = {}  # incidents and alerts, keyed by query and store state
    app.state.cache_lock = threading.Lock()
    app.state.pipeline_factory = pipeline_factory or _default_pipeline
    app.state.templates = _templates()
    errors.install(app)
    _mount(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    # outermost last: body limit and security headers, then rate limits, then time budget
    app.add_middleware(TimeoutMiddleware, seconds=float(_setting(settings, "api_time_budget")))
    app.add_middleware(
        RateLimitMiddleware,
        read=Rate(float(_setting(settings, "api_rate_limit")), int(_setting(settings, "api_rate_burst"))),
        write=Rate(float(_setting(settings, "api_write_rate_limit")), int(_setting(settings, "api_write_burst"))),
    )
    app.add_middleware(LimitsMiddleware, max_body=max_body if max_body is not None else settings.max_bytes)
    return app


#: Defaults of the API's hardening settings, read with ``getattr`` so that a ``Settings``
#: without them (or a stand-in object) still works. Documented in docs/api.md.
API_DEFAULTS: dict[str, Any] = {
    "api_rate_limit": 20.0,  # read requests per second per client address; 0: no limit
    "api_rate_burst": 40,  # read requests a client may send at once
    "api_write_rate_limit": 0.5,  # write requests per second per client address; 0: no limit
    "api_write_burst": 5,
    "api_time_budget": 30.0,  # seconds per read request before a 503 timeout; 0: no limit
    "api_allow_private_urls": False,  # let POST /articles fetch loopback/private addresses
}


def _warm_overview(app: FastAPI) -> None:
    """Fill the derived cache with the overview's alerts (consolidation of the last twelve
    weeks: seconds on a large store) so that the first visitor does not wait for them.
    Best effort: a failure here only means the first request computes them itself."""
    from powderkeg.api import web

    try:
        con = app.state.store.connection.cursor()
    except Exception:  # the store may be closing already
        return
    try:
        web.overview_alerts(app.state, con)
    except Exception:  # best effort, see above
        pass
    finally:
        con.close()


def _setting(settings: Any, name: str) -> Any:
    return getattr(settings, name, API_DEFAULTS[name])


def _default_pipeline(settings: Settings) -> Any:
    from powderkeg.pipeline import Pipeline

    return Pipeline(settings)


def _templates() -> Jinja2Templates:
    from powderkeg.api import web

    folder = Path(str(resources.files("powderkeg.api").joinpath("templates")))
    templates = Jinja2Templates(directory=folder)  # .html templates are autoescaped
    templates.env.autoescape = True
    web.register_filters(templates.env)
    return templates


def _mount(app: FastAPI) -> None:
    from powderkeg.api import routes, web

    static = Path(str(resources.files("powderkeg.api").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static, follow_symlink=False), name="static")
    app.include_router(routes.router)
    app.include_router(web.router)


#: Connection limits of ``serve``: seconds an idle keep-alive connection stays open, most
#: bytes of an incomplete request head (headers), most connections and requests at once
#: (more are answered 503 by uvicorn).
KEEP_ALIVE_S = 5
MAX_HEAD_BYTES = 16 * 1024
MAX_CONCURRENCY = 256


def server_config(app: ASGIApp, host: str = "127.0.0.1", port: int = 8000) -> Any:
    """The uvicorn configuration ``serve`` runs: loopback by default, no proxy headers
    trusted (rate limits key on the socket's peer), bounded keep-alive and header size."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=KEEP_ALIVE_S,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        limit_concurrency=MAX_CONCURRENCY,
        timeout_graceful_shutdown=10,
    )


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Serve the API and dashboard with uvicorn until interrupted (``powderkeg serve``)."""
    import uvicorn

    uvicorn.Server(server_config(create_app(db, settings), host, port)).run()
