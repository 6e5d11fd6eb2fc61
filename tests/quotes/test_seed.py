"""Acceptance on the seed article's annotation (skips without ../shared)."""

from __future__ import annotations

import json

import pytest

from powderkeg.quotes.evaluate import eval_seed_quotes, run_seed


@pytest.fixture(scope="module")
def seed_result(shared, pipeline):
    raw = (shared / "data" / "seed" / "north-korea-ukraine.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "data" / "seed" / "north-korea-ukraine.gold.json").read_text(encoding="utf-8"))
    return run_seed(raw, gold, pipeline), gold


def test_every_required_quote_has_the_right_speaker(seed_result) -> None:
    result, gold = seed_result
    scores = eval_seed_quotes(result, gold)
    bad = [r for r in scores["rows"] if not r["optional"] and not (r["found"] and r["speaker_ok"])]
    assert bad == []
    assert scores["titles"] and all(scores["titles"])


def test_kazianis_quotes_carry_his_title(seed_result) -> None:
    result, _ = seed_result
    kaz = [q for q in result.quotes if q.direct and q.speaker and q.speaker.name == "Harry Kazianis"]
    assert len(kaz) >= 5
    assert all(q.speaker_title and "senior director of national security affairs" in q.speaker_title for q in kaz)


def test_seed_offsets_exact(seed_result) -> None:
    result, _ = seed_result
    for q in result.quotes:
        assert result.article.text[q.start : q.end] == q.text


def test_eval_polnear_reports_scores(shared, pipeline) -> None:
    from powderkeg.quotes.evaluate import eval_polnear

    scores = eval_polnear(shared / "data" / "dev" / "polnear_annotator_training.jsonl", pipeline, limit=1)
    assert scores["documents"] == 1 and scores["annotations"] > 0
    assert 0.0 <= scores["speaker_precision"] <= 1.0 and 0.0 < scores["content_recall"] <= 1.0
