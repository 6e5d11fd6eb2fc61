"""The dashboard (placeholder while it is written)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)


def register_filters(env: Any) -> None:
    pass
