"""Helpers for quote and claim tests: an article of our own text through the pipeline."""

from __future__ import annotations

import pytest

from powderkeg.records import Article


@pytest.fixture(scope="session")
def run_text(pipeline):
    def run(text: str, published: str = "2024-10-26"):
        return pipeline.process(Article(id="t", text=text, published=published))

    return run
