"""Readers: bytes from files, folders, feeds, archives and stdin -> Article records.

    for item in read_inputs(["news/", "feed.xml", "-"], settings):
        if isinstance(item, Article): ...
        else: item is an InputError naming the input and the reason

See docs/ingest.md for formats, how title and date are found, and the error messages.
"""

from __future__ import annotations

from powderkeg.ingest.articles import article_from_text, build_article
from powderkeg.ingest.readers import read_inputs, read_path

__all__ = ["article_from_text", "build_article", "read_inputs", "read_path"]
