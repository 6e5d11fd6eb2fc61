"""Quotes (direct and indirect) and their speakers.

    finder = QuoteFinder(settings)
    quotes: list[Quote] = finder.find(ctx)
"""

from __future__ import annotations

from powderkeg.quotes.finder import QuoteFinder

__all__ = ["QuoteFinder"]
