"""The demo articles and run_demo through the real pipeline."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

from powderkeg.config import Settings
from powderkeg.demo import demo_articles, demo_path, run_demo
from powderkeg.ingest.dedup import jaccard, shingles
from powderkeg.store import Store


def test_demo_articles_are_complete_and_spread_over_weeks() -> None:
    articles = demo_articles()
    assert 8 <= len(articles) <= 12
    assert len({a.id for a in articles}) == len(articles)
    dates = sorted(a.published for a in articles if a.published)
    assert len(dates) == len(articles) and dates[0] < dates[-1]
    assert all(a.title and a.url and a.outlet and len(a.text) > 300 for a in articles)
    quoted = [a for a in articles if re.search(r'"[^"]{10,}"', a.text)]
    assert len(quoted) == len(articles)  # every report quotes somebody


def test_exactly_one_pair_of_demo_articles_is_the_same_story() -> None:
    articles = demo_articles()
    close = [(a.id, b.id) for a, b in combinations(articles, 2)
             if jaccard(shingles(a.text), shingles(b.text)) >= Settings().near_duplicate_threshold]
    assert close == [("demo-01-border-clash", "demo-02-border-clash-copy")]


def test_run_demo_fills_a_fresh_store(tmp_path: Path, pipeline) -> None:
    seen: list[tuple[int, int]] = []
    summary = run_demo(Settings(), data_dir=tmp_path, progress=lambda d, t: seen.append((d, t)),
                       pipeline=pipeline)
    total = len(demo_articles())
    assert summary.path == demo_path(tmp_path) == tmp_path / "demo.duckdb"
    assert summary.articles == total and seen[-1] == (total, total) and len(seen) == total
    assert summary.counts["articles"] == total and summary.counts["duplicates"] == 1
    assert summary.added.added == total and summary.added.failed == 0
    with Store(summary.path, read_only=True) as store:
        copy = store.article("demo-02-border-clash-copy")
        assert copy is not None and copy["duplicate_of"] == "demo-01-border-clash"
        assert store.counts() == summary.counts
    again = run_demo(Settings(), data_dir=tmp_path, pipeline=pipeline)
    assert again.counts == summary.counts  # replaced, not added to
