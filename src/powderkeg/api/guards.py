"""Middleware that keeps one client or one slow request from taking the server down.

    RateLimitMiddleware   a token bucket per client address: 429 with Retry-After
    TimeoutMiddleware     a time budget per read request: 503 ``timeout`` when it runs out

Both answer in the API's one error shape (``errors.error_body``). Their state (buckets,
running requests) lives on the middleware instance, i.e. on the app, never in a module.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from powderkeg.api import errors

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: how long after its budget a timed-out request's cursors are still interrupted
INTERRUPT_AFTER_S = 5.0
#: scope key under which the ``connection`` dependency lists the request's DuckDB cursors,
#: so that a request over its time budget can have its query interrupted.
CURSORS = "powderkeg.cursors"


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    detail: Any = None,
    headers: list[tuple[bytes, bytes]] = (),  # type: ignore[assignment]
) -> None:
    """A complete JSON error response in the one shape, sent straight from middleware."""
    data = json.dumps(errors.error_body(status, code, message, detail)).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


# -- rate limits ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rate:
    """``per_second`` tokens refill a bucket of ``burst``; ``per_second`` 0 means no limit."""

    per_second: float
    burst: int

    @property
    def enabled(self) -> bool:
        return self.per_second > 0 and self.burst > 0


class Buckets:
    """Token buckets keyed by client, bounded: idle (full) buckets are dropped first."""

    def __init__(self, rate: Rate, clock: Callable[[], float], max_clients: int = 10_000) -> None:
        self.rate = rate
        self.clock = clock
        self.max_clients = max_clients
        self._state: dict[str, tuple[float, float]] = {}  # client -> (tokens, time)

    def take(self, client: str) -> float:
        """0.0 if the client may go on (a token taken), else the seconds until it may."""
        now = self.clock()
        tokens, then = self._state.get(client, (float(self.rate.burst), now))
        tokens = min(float(self.rate.burst), tokens + (now - then) * self.rate.per_second)
        if tokens >= 1.0:
            self._state[client] = (tokens - 1.0, now)
            if len(self._state) > self.max_clients:
                self._prune(now)
            return 0.0
        self._state[client] = (tokens, now)
        return (1.0 - tokens) / self.rate.per_second

    def _prune(self, now: float) -> None:
        full = self.rate.burst / self.rate.per_second  # seconds for an empty bucket to refill
        for client, (_, then) in list(self._state.items()):
            if now - then >= full:
                del self._state[client]
        while len(self._state) > self.max_clients:  # all busy: forget the oldest
            del self._state[next(iter(self._state))]

    def __len__(self) -> int:
        return len(self._state)


class RateLimitMiddleware:
    """Per client address (the socket's peer: ``serve`` trusts no proxy headers), reads and
    writes counted in separate buckets. Over the limit: 429 ``too_many_requests`` with
    ``Retry-After`` (whole seconds)."""

    def __init__(
        self,
        app: ASGIApp,
        read: Rate,
        write: Rate,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.buckets = {"read": Buckets(read, clock), "write": Buckets(write, clock)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        kind = "read" if scope["method"] in READ_METHODS else "write"
        buckets = self.buckets[kind]
        if buckets.rate.enabled:
            client = scope.get("client")
            wait = buckets.take(client[0] if client else "?")
            if wait > 0:
                retry = max(1, math.ceil(wait))
                rate = buckets.rate
                await send_error(
                    send,
                    429,
                    "too_many_requests",
                    f"over {rate.per_second:g} {kind} requests per second (burst {rate.burst}); retry in {retry} s",
                    {"retry_after": retry, "per_second": rate.per_second, "burst": rate.burst},
                    [(b"retry-after", str(retry).encode())],
                )
                return
        await self.app(scope, receive, send)


# -- time budget ------------------------------------------------------------------------


class TimeoutMiddleware:
    """Answers 503 ``timeout`` when a read request runs past ``seconds``.

    A sync route runs in a worker thread, which Python cannot stop: the route's DuckDB
    queries are interrupted (the ``connection`` dependency lists its cursors in the
    scope), its later output is dropped, and its thread finishes on its own. Work in
    Python (consolidating incidents) runs to its end. Writes are not limited here: the
    pipeline has its own per-article budget (``doc_time_budget``) and a write that was
    answered 503 would still be stored. A response already started when the time runs
    out is cut short (the connection closes), as its status is already sent."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self._orphans: set[asyncio.Task[None]] = set()  # timed-out requests still running

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0 or scope["method"] not in READ_METHODS:
            await self.app(scope, receive, send)
            return
        cursors: list[Any] = []
        scope[CURSORS] = cursors
        started = False
        timed_out = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:  # the server gave up on the request: so do we
            task.cancel()
            raise
        if done:
            task.result()  # re-raises the route's error for the error handlers
            return
        timed_out = True
        _interrupt(cursors)
        task.cancel()
        self._orphans.add(task)
        task.add_done_callback(self._forget)
        # a query the route starts a little later (it waited for a lock, or was between
        # queries) would miss that interrupt and run to its end: keep interrupting a while
        nagger = asyncio.create_task(_keep_interrupting(cursors, self.seconds))
        self._orphans.add(nagger)
        nagger.add_done_callback(self._forget)
        if started:
            raise TimeoutError(f"{scope['path']}: over the time budget of {self.seconds:g} s mid-response")
        await send_error(
            send,
            503,
            "timeout",
            f"the request took over {self.seconds:g} s; narrow it (filters, a smaller limit) and retry",
            {"budget_seconds": self.seconds},
        )

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._orphans.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved, so asyncio does not log it as never retrieved

    @property
    def running_after_timeout(self) -> int:
        """Requests answered 503 whose work has not finished yet."""
        return len(self._orphans)


def _interrupt(cursors: list) -> None:
    for cur in list(cursors):
        with contextlib.suppress(Exception):  # a cursor closed meanwhile has nothing to stop
            cur.interrupt()


async def _keep_interrupting(cursors: list, budget: float) -> None:
    """Interrupt a timed-out request's cursors every quarter second for ``INTERRUPT_AFTER_S``."""
    step = 0.25
    for _ in range(int(max(INTERRUPT_AFTER_S, budget) / step)):
        await asyncio.sleep(step)
        _interrupt(cursors)
