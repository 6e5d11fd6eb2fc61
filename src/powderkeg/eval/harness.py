"""Run every evaluation whose code and data are present; skip the others with a note.

    metrics = run_all(Settings(), Path("../shared"))
    print(format_table(metrics, rich=False))

Evaluators of other stages are imported lazily by name (``powderkeg.actors.evaluate``,
...) and called with what their parameters ask for, matched by name: a path to the data
file, the seed's raw text and gold annotation, the seed's ``ArticleResult``, a ``Pipeline``,
the ``Settings`` or the spaCy ``nlp``. An evaluator that is missing, or whose data is absent,
becomes one skipped Metric with the reason.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powderkeg.config import Settings
from powderkeg.eval.metric import Metric, coerce, skipped
from powderkeg.eval.quad import DATASET as QUAD_DATASET
from powderkeg.eval.quad import eval_quad
from powderkeg.records import Article, ArticleResult

SEED_TEXT = "data/seed/north-korea-ukraine.txt"
SEED_GOLD = "data/seed/north-korea-ukraine.gold.json"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One row of the registry: a dataset, its file under shared/, and the function that scores it."""

    dataset: str
    data: str  # path relative to the shared folder
    module: str  # "" for evaluations that live here
    function: str


#: Every evaluation ``run_all`` knows about, in the order it runs them.
EVALUATIONS: tuple[Evaluation, ...] = (
    Evaluation(QUAD_DATASET, "data/dev/conflibert_cameo_class_train.tsv", "", "eval_quad"),
    Evaluation(
        "conflibert_ner",
        "data/dev/conflibert_cameo_ner_train.conll",
        "powderkeg.actors.evaluate",
        "eval_conll",
    ),
    Evaluation(
        "conflibert_roles",
        "data/dev/conflibert_cameo_ner_train.conll",
        "powderkeg.eval.roles",
        "eval_roles",
    ),
    Evaluation("seed_events", SEED_GOLD, "powderkeg.events.evaluate", "eval_seed"),
    Evaluation("plover_gsr", "data/dev/plover_gsr_dev.json", "powderkeg.events.evaluate", "eval_plover"),
    Evaluation("seed_quotes", SEED_GOLD, "powderkeg.quotes.evaluate", "eval_seed_quotes"),
    Evaluation(
        "polnear", "data/dev/polnear_annotator_training.jsonl", "powderkeg.quotes.evaluate", "eval_polnear"
    ),
    Evaluation("seed_claims", SEED_GOLD, "powderkeg.claims.evaluate", "eval_seed_claims"),
)


@dataclass
class EvalContext:
    """What evaluators may ask for; the pipeline and the seed's result are built once, on demand."""

    settings: Settings
    shared_dir: Path
    limit: int | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    def pipeline(self) -> Any:
        if "pipeline" not in self._cache:
            from powderkeg.pipeline import Pipeline

            self._cache["pipeline"] = Pipeline(self.settings)
        return self._cache["pipeline"]

    def seed_raw(self) -> str:
        return (self.shared_dir / SEED_TEXT).read_text(encoding="utf-8")

    def seed_gold(self) -> dict[str, Any]:
        gold: dict[str, Any] = json.loads((self.shared_dir / SEED_GOLD).read_text(encoding="utf-8"))
        return gold

    def seed_result(self) -> ArticleResult:
        if "seed" not in self._cache:
            self._cache["seed"] = self.pipeline().process(_seed_article(self.seed_raw(), self.seed_gold()))
        result: ArticleResult = self._cache["seed"]
        return result


def _seed_article(raw: str, gold: dict[str, Any]) -> Article:
    try:
        from powderkeg.quotes.evaluate import seed_article
    except ImportError:
        return Article(id="seed-north-korea-ukraine", published="2024-10-26", text=raw)
    article: Article = seed_article(raw, gold)
    return article


def _argument(name: str, ctx: EvalContext, data: Path) -> Any:
    """The value for an evaluator parameter, by its name; KeyError when we have none."""
    providers: dict[str, Callable[[], Any]] = {
        "raw": ctx.seed_raw,
        "text": ctx.seed_raw,
        "article_text": ctx.seed_raw,
        "seed_text": ctx.seed_raw,
        "article_text_path": lambda: ctx.shared_dir / SEED_TEXT,
        "text_path": lambda: ctx.shared_dir / SEED_TEXT,
        "gold": ctx.seed_gold,
        "result": ctx.seed_result,
        "settings": lambda: ctx.settings,
        "pipeline": ctx.pipeline,
        "pipe": ctx.pipeline,
        "components": ctx.pipeline,
        "nlp": lambda: ctx.pipeline().nlp,
        "resolver": lambda: ctx.pipeline().actors,
        "coder": lambda: ctx.pipeline().events,
        "limit": lambda: ctx.limit,
        "shared": lambda: ctx.shared_dir,
        "shared_dir": lambda: ctx.shared_dir,
    }
    if name in providers:
        return providers[name]()
    if "path" in name or "file" in name or name in ("data", "dataset"):
        return data
    raise KeyError(name)


def call_evaluator(fn: Callable[..., Any], ctx: EvalContext, data: Path) -> Any:
    """Call ``fn`` with arguments matched to its parameter names; unknown optional ones keep defaults."""
    kwargs: dict[str, Any] = {}
    for param in inspect.signature(fn).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        try:
            kwargs[param.name] = _argument(param.name, ctx, data)
        except KeyError:
            if param.default is param.empty:
                raise TypeError(f"{fn.__qualname__}: no value for its parameter {param.name!r}") from None
    return fn(**kwargs)


def run_one(ev: Evaluation, ctx: EvalContext) -> list[Metric]:
    """One evaluation's metrics, or one skipped Metric saying why it could not run."""
    data = ctx.shared_dir / ev.data
    if not data.is_file():
        return [skipped(ev.dataset, f"data absent: {data}")]
    if not ev.module:
        return eval_quad(data, dataset=ev.dataset)
    try:
        fn = getattr(importlib.import_module(ev.module), ev.function)
    except (ImportError, AttributeError) as exc:
        return [skipped(ev.dataset, f"{ev.module}.{ev.function} not available ({exc})")]
    try:
        return coerce(ev.dataset, call_evaluator(fn, ctx, data))
    except Exception as exc:
        return [skipped(ev.dataset, f"{ev.module}.{ev.function} failed: {type(exc).__name__}: {exc}")]


def run_all(
    settings: Settings | None,
    shared_dir: str | Path,
    *,
    only: Sequence[str] | None = None,
    limit: int | None = None,
    pipeline: Any = None,
) -> list[Metric]:
    """Every evaluation (or those whose dataset is in ``only``), in registry order.

    ``limit`` is passed to evaluators that take one (e.g. the number of PolNeAR documents);
    ``pipeline``: a ready ``Pipeline`` to use instead of building one from ``settings``.
    """
    ctx = EvalContext(settings or Settings(), Path(shared_dir), limit)
    if pipeline is not None:
        ctx._cache["pipeline"] = pipeline
    wanted = [ev for ev in EVALUATIONS if only is None or ev.dataset in only]
    return [m for ev in wanted for m in run_one(ev, ctx)]


def format_table(metrics: Iterable[Metric], *, rich: bool = True) -> Any:
    """A ``rich.table.Table`` (or, with ``rich=False``, plain text) of dataset, metric, value, n."""
    rows = [
        (
            m.dataset,
            m.name,
            "skipped" if m.value is None else f"{m.value:.4f}",
            str(m.n) if m.n else "",
            m.note,
        )
        for m in metrics
    ]
    header = ("dataset", "metric", "value", "n", "note")
    if rich:
        from rich.table import Table

        table = Table(*header, title="powderkeg evaluation")
        for row in rows:
            table.add_row(*row)
        return table
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    return "\n".join(lines)
