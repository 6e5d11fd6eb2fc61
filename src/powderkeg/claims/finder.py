"""Placeholder claim finder, replaced by the real one."""

from __future__ import annotations

from powderkeg.config import Settings
from powderkeg.context import DocContext
from powderkeg.records import Claim, Quote


class ClaimFinder:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def find(self, ctx: DocContext, quotes: list[Quote] | None = None) -> list[Claim]:
        return []
