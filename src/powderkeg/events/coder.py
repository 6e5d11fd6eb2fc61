"""Placeholder event coder, replaced by the real one."""

from __future__ import annotations

from powderkeg.config import Settings
from powderkeg.context import DocContext
from powderkeg.records import Event


class EventCoder:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def code(self, ctx: DocContext) -> list[Event]:
        return []
