"""The trained quad classifier: one sentence in, one of five CAMEO quad classes out.

    clf = QuadClassifier.load()                      # the packaged int8 ONNX model (cached)
    clf.predict(["Rebels shelled the city."])
    # [("material_conflict", {"statement": 0.01, ..., "material_conflict": 0.93})]

The model is all-MiniLM-L6-v2 fine-tuned by us on ConfliBERT's CAMEO quad sentences
(``scripts/train_quad.py``; scores in ``model/TRAINING.md``), exported to ONNX and
quantised to int8. Run time needs only ``onnxruntime`` and ``tokenizers``; no torch.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powderkeg.errors import ModelError

#: Class index -> name, in the order of the ConfliBERT TSV's labels 0-4.
QUAD_LABELS: tuple[str, ...] = (
    "statement",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)
#: The folder of the packaged model.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "meta.json"


def _import_runtime() -> tuple[Any, Any]:
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ModelError(
            f"the quad classifier needs onnxruntime and tokenizers ({exc.name} is missing); "
            "install them with: pip install onnxruntime tokenizers"
        ) from exc
    return onnxruntime, Tokenizer


def _read_meta(folder: Path) -> dict[str, Any]:
    path = folder / META_FILE
    if not path.is_file():
        return {"labels": list(QUAD_LABELS), "max_length": 128}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the model's metadata: {exc}") from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("labels"), list):
        raise ModelError(f"{path}: metadata must be a mapping with a 'labels' list")
    return meta


@dataclass(frozen=True, slots=True)
class QuadClassifier:
    """An ONNX sentence classifier with its tokenizer. Build it with :meth:`load`."""

    session: Any
    tokenizer: Any
    labels: tuple[str, ...]
    max_length: int = 128
    batch_size: int = 32

    @classmethod
    def load(cls, path: str | Path | None = None, *, threads: int = 1) -> QuadClassifier:
        """Load a model folder (``model.int8.onnx``, ``tokenizer.json``, ``meta.json``).

        ``path=None`` gives the packaged model, loaded once per process. ``threads``: ONNX
        Runtime intra-op threads; 1 (the default) suits powderkeg's one-process-per-core
        workers, 0 lets ONNX Runtime use every core. Raises ``ModelError`` when the folder,
        the model file or the runtime is missing.
        """
        if path is None and threads == 1:
            return _default_classifier()
        return _load(Path(path) if path is not None else DEFAULT_MODEL_DIR, threads)

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, dict[str, float]]]:
        """One ``(label, {label: probability})`` per sentence, in input order."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list[tuple[str, dict[str, float]] | None] = [None] * len(sentences)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            probs = self.probabilities([sentences[i] for i in idx])
            for i, row in zip(idx, probs, strict=True):
                scores = {lab: float(p) for lab, p in zip(self.labels, row, strict=True)}
                out[i] = (max(scores, key=scores.__getitem__), scores)
        return [r for r in out if r is not None]

    def probabilities(self, sentences: Sequence[str]) -> Any:
        """A (n, classes) numpy array of probabilities for one batch, unsorted."""
        import numpy as np

        if not sentences:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        encs = self.tokenizer.encode_batch([s or " " for s in sentences])
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        (probs,) = self.session.run(["probs"], {"input_ids": ids, "attention_mask": mask})
        return probs


def _load(folder: Path, threads: int) -> QuadClassifier:
    model = folder / MODEL_FILE
    tok_path = folder / TOKENIZER_FILE
    for needed in (model, tok_path):
        if not needed.is_file():
            raise ModelError(
                f"{needed}: quad classifier file missing; rebuild it with scripts/train_quad.py "
                "or reinstall powderkeg"
            )
    ort, tokenizer_cls = _import_runtime()
    meta = _read_meta(folder)
    max_length = int(meta.get("max_length", 128))
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.log_severity_level = 3
    try:
        session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        tokenizer = tokenizer_cls.from_file(str(tok_path))
    except Exception as exc:  # onnxruntime and tokenizers raise their own types
        raise ModelError(f"{folder}: cannot load the quad classifier: {exc}") from exc
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return QuadClassifier(session, tokenizer, tuple(meta["labels"]), max_length=max_length)


@functools.lru_cache(maxsize=1)
def _default_classifier() -> QuadClassifier:
    return _load(DEFAULT_MODEL_DIR, 1)
