"""Readers: bytes from files, folders, feeds, archives and stdin -> Article records.

    for item in read_inputs(["news/", "feed.xml", "-"], settings):
        if isinstance(item, Article): ...
        else: item is an InputError naming the input and the reason
"""

from __future__ import annotations

from powderkeg.ingest.readers import read_inputs

__all__ = ["read_inputs"]
