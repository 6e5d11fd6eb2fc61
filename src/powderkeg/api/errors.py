"""One error shape for every error the API returns, and the handlers that make it.

    {"error": {"status": 422, "code": "bad_parameter", "message": "...", "detail": ...}}

API paths (``/api/...``, and any client that does not ask for HTML) get that JSON; a
browser on a dashboard page gets the same facts as a small HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("powderkeg.api")

#: The ``code`` for each HTTP status we return.
CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "bad_parameter",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error the API reports to its client, in the one error shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over {limit:,} bytes")
        self.limit = limit


def error_body(status: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "detail": detail}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def respond(request: Request, err: ApiError) -> Response:
    """The error as JSON, or as an HTML page for a browser on a dashboard page."""
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"err": err}, status_code=err.status, headers=err.headers
        )
    body = error_body(err.status, err.code, err.message, err.detail)
    return JSONResponse(body, status_code=err.status, headers=err.headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for item in exc.errors():
        loc = [str(p) for p in item.get("loc", ())]
        out.append(
            {
                "where": loc[0] if loc else None,
                "parameter": ".".join(loc[1:]) or None,
                "message": item.get("msg"),
                "type": item.get("type"),
            }
        )
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /openapi.json for the routes"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        headers = dict(exc.headers) if exc.headers else None
        return respond(request, ApiError(exc.status_code, code, message, headers=headers))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        detail = _validation_detail(exc)
        names = ", ".join(d["parameter"] or d["where"] or "?" for d in detail)
        return respond(request, ApiError(422, "bad_parameter", f"invalid value for: {names}", detail=detail))

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
        return respond(request, ApiError(413, "too_large", str(exc), detail={"limit": exc.limit}))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        err = ApiError(500, "internal_error", "internal error; the server log has the details")
        if _wants_html(request):
            return HTMLResponse(f"<h1>500</h1><p>{err.message}</p>", status_code=500)
        return JSONResponse(error_body(500, err.code, err.message), status_code=500)
