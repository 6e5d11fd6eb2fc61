"""The evaluation harness: turning evaluators' figures into metrics, skipping, tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from powderkeg.config import Settings
from powderkeg.eval import EVALUATIONS, Evaluation, Metric, format_table, run_all, run_one
from powderkeg.eval.harness import EvalContext, call_evaluator
from powderkeg.eval.metric import coerce, from_figures


def test_nested_figures_become_dotted_metrics_with_counts() -> None:
    figures = {"n": 10, "precision": 0.5, "ok": True, "label": "x", "speaker": {"gold": 4, "recall": 0.25}}
    assert from_figures("d", figures) == [
        Metric(dataset="d", name="precision", value=0.5, n=10),
        Metric(dataset="d", name="speaker.recall", value=0.25, n=4),
    ]


def test_coerce_accepts_metrics_lists_and_numbers() -> None:
    m = Metric(dataset="d", name="f1", value=0.9, n=3)
    assert coerce("d", m) == [m]
    assert coerce("d", [m, {"recall": 1}]) == [m, Metric(dataset="d", name="recall", value=1.0)]
    assert coerce("d", 0.5) == [Metric(dataset="d", name="score", value=0.5)]
    assert coerce("d", "nonsense") == []


def test_arguments_are_matched_by_name(tmp_path: Path) -> None:
    ctx = EvalContext(Settings(), tmp_path, limit=7)
    data = tmp_path / "x.json"

    def evaluator(path: Path, settings: Settings, limit: int | None = None, other: int = 3) -> dict[str, Any]:
        return {"path": str(path), "batch": settings.batch_size, "limit": limit, "other": other}

    assert call_evaluator(evaluator, ctx, data) == {"path": str(data), "batch": 32, "limit": 7, "other": 3}

    def needs_unknown(mystery: int) -> None: ...

    with pytest.raises(TypeError, match="mystery"):
        call_evaluator(needs_unknown, ctx, data)


def test_absent_data_and_missing_module_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text("{}", encoding="utf-8")
    ctx = EvalContext(Settings(), tmp_path)
    (absent,) = run_one(Evaluation("a", "nope.json", "json", "loads"), ctx)
    assert absent.value is None and "data absent" in absent.note
    (missing,) = run_one(Evaluation("b", "d.json", "powderkeg.no_such_module", "f"), ctx)
    assert missing.value is None and "not available" in missing.note


def test_a_failing_evaluator_is_skipped_not_raised(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text("{}", encoding="utf-8")
    (m,) = run_one(Evaluation("c", "d.json", "json", "loads"), EvalContext(Settings(), tmp_path))
    assert m.value is None and "failed" in m.note


def test_every_dataset_is_named_once() -> None:
    names = [ev.dataset for ev in EVALUATIONS]
    assert len(names) == len(set(names))


def test_tables() -> None:
    metrics = [
        Metric(dataset="d", name="f1", value=0.91234, n=5),
        Metric(dataset="e", name="-", value=None, note="why"),
    ]
    text = format_table(metrics, rich=False)
    assert text.splitlines()[0].split() == ["dataset", "metric", "value", "n", "note"]
    assert "0.9123" in text and "skipped" in text and "why" in text
    table = format_table(metrics)
    assert table.row_count == 2


def test_quad_evaluation_on_shared(shared: Path) -> None:
    pytest.importorskip("onnxruntime")
    metrics = {m.name: m for m in run_all(None, shared, only=["conflibert_quad"])}
    assert metrics["macro_f1"].n == 270
    assert 0.0 < metrics["macro_f1"].value <= 1.0
    assert (
        sum(
            metrics[f"f1.{q}"].n
            for q in (
                "statement",
                "verbal_cooperation",
                "material_cooperation",
                "verbal_conflict",
                "material_conflict",
            )
        )
        == 270
    )
