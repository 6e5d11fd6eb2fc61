"""Placeholder quote finder, replaced by the real one."""

from __future__ import annotations

from powderkeg.config import Settings
from powderkeg.context import DocContext
from powderkeg.records import Quote


class QuoteFinder:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def find(self, ctx: DocContext) -> list[Quote]:
        return []
