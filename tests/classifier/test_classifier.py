"""The packaged quad classifier: loading, predictions, and its errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from powderkeg.errors import ModelError
from powderkeg.events.classifier import DEFAULT_MODEL_DIR, QUAD_LABELS, QuadClassifier

pytest.importorskip("onnxruntime", reason="the quad classifier's runtime is not installed")


@pytest.fixture(scope="module")
def clf() -> QuadClassifier:
    return QuadClassifier.load()


def test_default_model_is_loaded_once() -> None:
    assert QuadClassifier.load() is QuadClassifier.load()


def test_labels_are_the_five_quads(clf: QuadClassifier) -> None:
    assert clf.labels == QUAD_LABELS


def test_predict_returns_a_label_and_probabilities_per_sentence(clf: QuadClassifier) -> None:
    sentences = [
        "Rebels shelled the city overnight, killing twelve civilians.",
        "The two ministers signed a trade agreement.",
    ]
    out = clf.predict(sentences)
    assert len(out) == 2
    for label, probs in out:
        assert set(probs) == set(QUAD_LABELS)
        assert math.isclose(sum(probs.values()), 1.0, abs_tol=1e-4)
        assert label == max(probs, key=probs.__getitem__)


def test_clear_cases(clf: QuadClassifier) -> None:
    labels = [
        lab
        for lab, _ in clf.predict(
            [
                "Troops opened fire on protesters, killing at least 20 people.",
                "Government forces launched air strikes on rebel positions near the border.",
            ]
        )
    ]
    assert labels == ["material_conflict", "material_conflict"]


def test_order_is_kept_across_batches(clf: QuadClassifier) -> None:
    short, long_ = (
        "Police arrested 40 protesters.",
        "The president " + "very " * 60 + "warmly praised the deal.",
    )
    sentences = [long_, short] * 40  # more than one batch, lengths interleaved
    out = clf.predict(sentences)
    alone = dict(zip([long_, short], clf.predict([long_, short]), strict=True))
    for s, (label, probs) in zip(sentences, out, strict=True):
        assert label == alone[s][0]
        # int8 activations are quantised per batch, so batch-mates move probabilities a little
        assert probs[label] == pytest.approx(alone[s][1][label], abs=0.02)


def test_empty_input_and_empty_sentence(clf: QuadClassifier) -> None:
    assert clf.predict([]) == []
    ((label, _),) = clf.predict([""])
    assert label in QUAD_LABELS


def test_very_long_sentence_is_truncated(clf: QuadClassifier) -> None:
    ((label, _),) = clf.predict(["Soldiers attacked the village. " * 300])
    assert label in QUAD_LABELS


def test_missing_folder_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model\.int8\.onnx.*train_quad"):
        QuadClassifier.load(tmp_path)


def test_corrupt_model_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "model.int8.onnx").write_bytes(b"not a model")
    (tmp_path / "tokenizer.json").write_bytes((DEFAULT_MODEL_DIR / "tokenizer.json").read_bytes())
    with pytest.raises(ModelError, match="cannot load"):
        QuadClassifier.load(tmp_path)


def test_missing_runtime_is_a_model_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_onnxruntime(name: str, *args: object, **kwargs: object):
        if name == "onnxruntime":
            raise ImportError("no onnxruntime", name="onnxruntime")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    with pytest.raises(ModelError, match="pip install onnxruntime"):
        QuadClassifier.load(DEFAULT_MODEL_DIR, threads=2)
