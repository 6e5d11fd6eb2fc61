"""Query parameters shared by the list routes, checked into plain values.

Every user value that reaches SQL goes through here first and then into SQL only as a
bound parameter; names of columns and sort keys come from the fixed tables in
``queries``. A bad value raises ``ApiError`` (422, ``bad_parameter``) naming the parameter.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import json
from dataclasses import dataclass, field, fields
from typing import Annotated, Any, Literal

from fastapi import Query

from powderkeg.api.errors import ApiError
from powderkeg.records import FACTUALITIES, PLOVER_TYPES, QUADS

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters a list request asked for; ``None``/empty means not asked."""

    since: dt.date | None = None
    until: dt.date | None = None  # exclusive: the day after the last day asked for
    actor: str | None = None
    country: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    quad: tuple[str, ...] = ()
    factuality: tuple[str, ...] = ()
    q: str | None = None
    article_id: str | None = None

    def given(self) -> list[str]:
        """Names of the filters that were set."""
        return [f.name for f in fields(self) if getattr(self, f.name) not in (None, ())]


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None
    sort: str | None = None
    format: Literal["json", "csv"] = "json"
    extra: dict[str, Any] = field(default_factory=dict)


def parse_date(value: str | None, name: str, *, end: bool = False) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY -> its first day, or (``end``) the day after its last."""
    if value is None or value == "":
        return None
    parts = value.strip().split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1 and len(parts[0]) == 4:
            first, last = dt.date(nums[0], 1, 1), dt.date(nums[0], 12, 31)
        elif len(nums) == 2:
            first = dt.date(nums[0], nums[1], 1)
            last = first.replace(day=calendar.monthrange(nums[0], nums[1])[1])
        elif len(nums) == 3:
            first = last = dt.date(nums[0], nums[1], nums[2])
        else:
            raise ValueError(value)
    except (ValueError, OverflowError):
        raise ApiError(
            422,
            "bad_parameter",
            f"'{name}' must be a date: YYYY-MM-DD, YYYY-MM or YYYY",
            detail={"parameter": name, "value": value},
        ) from None
    if not end:
        return first
    return last + dt.timedelta(days=1) if last < dt.date.max else last


def _choices(
    values: list[str] | None, allowed: tuple[str, ...], name: str, *, upper: bool = False
) -> tuple[str, ...]:
    out = []
    for raw in values or ():
        for part in raw.split(","):
            value = part.strip().upper() if upper else part.strip().lower()
            if not value:
                continue
            if value not in allowed:
                raise ApiError(
                    422,
                    "bad_parameter",
                    f"'{name}' must be one of: {', '.join(allowed)}",
                    detail={"parameter": name, "value": part},
                )
            out.append(value)
    return tuple(dict.fromkeys(out))


def _codes(values: list[str] | None) -> tuple[str, ...]:
    out = []
    for raw in values or ():
        for part in raw.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not (2 <= len(code) <= 3 and code.isalpha()):
                raise ApiError(
                    422,
                    "bad_parameter",
                    "'country' takes codes such as RUS, UKR, IGO",
                    detail={"parameter": "country", "value": part},
                )
            out.append(code)
    return tuple(dict.fromkeys(out))


def _text(value: str | None, name: str, max_len: int = 200) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > max_len:
        raise ApiError(
            422, "bad_parameter", f"'{name}' is longer than {max_len} characters", detail={"parameter": name}
        )
    return value.strip()


def filters(
    since: Annotated[
        str | None, Query(description="From this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
    ] = None,
    until: Annotated[
        str | None, Query(description="Up to this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
    ] = None,
    actor: Annotated[
        str | None, Query(description="An actor's mention text or canonical name (any case)")
    ] = None,
    country: Annotated[
        list[str] | None, Query(description="Country code of a source or target actor (repeatable)")
    ] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER event type (repeatable)")] = None,
    quad: Annotated[list[str] | None, Query(description="PLOVER quad class (repeatable)")] = None,
    factuality: Annotated[list[str] | None, Query(description="Factuality (repeatable)")] = None,
    q: Annotated[str | None, Query(description="Words to find in the evidence or text (any case)")] = None,
    article_id: Annotated[str | None, Query(description="Only records of this article")] = None,
) -> Filters:
    """The filter parameters of every list route (a FastAPI dependency)."""
    return Filters(
        since=parse_date(since, "since"),
        until=parse_date(until, "until", end=True),
        actor=_text(actor, "actor"),
        country=_codes(country),
        type=_choices(type, PLOVER_TYPES, "type", upper=True),
        quad=_choices(quad, QUADS, "quad"),
        factuality=_choices(factuality, FACTUALITIES, "factuality"),
        q=_text(q, "q"),
        article_id=_text(article_id, "article_id"),
    )


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Records per page")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="The `next` cursor of the previous page")] = None,
    sort: Annotated[str | None, Query(description="Sort key; a leading '-' sorts descending")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Page:
    """Paging parameters of every list route (a FastAPI dependency)."""
    return Page(limit=limit, cursor=cursor, sort=sort, format=format)


# -- cursors -------------------------------------------------------------------------


def encode_cursor(resource: str, sort: str, key: Any, tiebreak: Any) -> str:
    """An opaque cursor: where the next page starts for this resource and sort."""
    raw = json.dumps([resource, sort, key, tiebreak], separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, resource: str, sort: str) -> tuple[Any, Any]:
    """(sort key, tiebreak) from a cursor made by ``encode_cursor`` for the same resource and sort."""
    bad = ApiError(
        422,
        "bad_cursor",
        "'cursor' is not a cursor this list gave out (or the sort changed); start again without it",
        detail={"parameter": "cursor"},
    )
    if len(cursor) > 2000:
        raise bad
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        raise bad from None
    if not (isinstance(data, list) and len(data) == 4 and data[0] == resource and data[1] == sort):
        raise bad
    return data[2], data[3]
