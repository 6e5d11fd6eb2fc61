"""Processing an article POSTed to the API: read it, run the pipeline, store the records.

One submission at a time (the app's write lock): the pipeline is built on first use and
kept on ``app.state``; the store has one writer.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

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
            allow = bool(getattr(settings, "api_allow_private_urls", False))
            check_url(obj["url"], allow_private=allow)
            # every redirect hop is checked too: a public page cannot bounce us inside
            items = list(fetch_url(obj["url"], settings, check=lambda u: check_url(u, allow_private=allow)))
            bad = [i for i in items if isinstance(i, InputError)]
            if bad:
                raise bad[0]
            return [i for i in items if isinstance(i, Article)]
    except InputError as exc:
        raise ApiError(422, "bad_input", exc.reason, detail={"source": exc.source}) from exc
    raise ApiError(422, "bad_parameter", "send 'text', 'html' or 'url'", detail={"parameter": "body"})


Resolver = Callable[[str, int], list[str]]


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def check_url(url: str, *, allow_private: bool = False, resolve: Resolver = _resolve) -> None:
    """Refuse (422 ``bad_url``) a URL the server should not fetch for a client: a scheme
    other than http(s), no host, or a host that resolves to a loopback, private,
    link-local, multicast, reserved or unspecified address (unless ``allow_private``)."""

    def refuse(reason: str) -> ApiError:
        return ApiError(422, "bad_url", f"cannot fetch {url!r}: {reason}", detail={"parameter": "url"})

    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise refuse("not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise refuse("only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise refuse("no host")
    if allow_private:
        return
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        raise refuse("the host name does not resolve") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            raise refuse(
                f"{host} resolves to {ip}, a loopback, private or reserved address "
                "(set api_allow_private_urls to allow)"
            )


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
