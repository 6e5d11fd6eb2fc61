"""Numeric claims: value, qualifier, unit, what is counted, who holds it; and groups.

    finder = ClaimFinder(settings)
    claims: list[Claim] = finder.find(ctx, quotes)
"""

from __future__ import annotations

from powderkeg.claims.finder import ClaimFinder

__all__ = ["ClaimFinder"]
