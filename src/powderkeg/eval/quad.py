"""Quad classifier scores on the held-out split of a labelled TSV (the training script's split)."""

from __future__ import annotations

from pathlib import Path

from powderkeg.eval.metric import Metric
from powderkeg.events.classifier import QUAD_LABELS, QuadClassifier
from powderkeg.events.training import macro_f1, per_class_f1, read_quad_tsv, stratified_split

DATASET = "conflibert_quad"


def eval_quad(
    tsv_path: str | Path, model_dir: str | Path | None = None, dataset: str = DATASET
) -> list[Metric]:
    """Macro-F1, accuracy and per-class F1 of the ONNX model on the held-out 20 %."""
    _, test = stratified_split(read_quad_tsv(tsv_path))
    clf = QuadClassifier.load(model_dir)
    pred = [QUAD_LABELS.index(label) for label, _ in clf.predict([e.text for e in test])]
    gold = [e.label for e in test]
    n = len(test)
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / n
    metrics = [
        Metric(dataset=dataset, name="macro_f1", value=macro_f1(gold, pred), n=n),
        Metric(dataset=dataset, name="accuracy", value=accuracy, n=n),
    ]
    for label, f1 in zip(QUAD_LABELS, per_class_f1(gold, pred), strict=True):
        support = sum(1 for g in gold if g == QUAD_LABELS.index(label))
        metrics.append(Metric(dataset=dataset, name=f"f1.{label}", value=f1, n=support))
    return metrics
