"""PLOVER event coding: triggers, arguments, factuality, dates, locations.

    coder = EventCoder(settings)
    events: list[Event] = coder.code(ctx)   # ctx: powderkeg.context.DocContext
"""

from __future__ import annotations

from powderkeg.events.coder import EventCoder

__all__ = ["EventCoder"]
