"""Actor resolution: every mention to a country code and sector, in context and in time.

Public interface (used by events, quotes and claims):

    resolver = ActorResolver(settings)
    mentions: list[Actor] = resolver.resolve(doc, published)   # sorted by start, no overlaps
    actor: Actor | None = resolver.lookup("the Kremlin", when)  # a phrase out of context
"""

from __future__ import annotations

from powderkeg.actors.resolver import ActorResolver, actor_for_span

__all__ = ["ActorResolver", "actor_for_span"]
