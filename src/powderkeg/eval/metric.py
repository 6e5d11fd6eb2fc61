"""One score on one dataset, and turning an evaluator's dict of figures into scores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Keys an evaluator's dict may use for the number of items it scored.
COUNT_KEYS: tuple[str, ...] = (
    "n",
    "count",
    "required",
    "sentences",
    "annotations",
    "documents",
    "gold",
    "n_gold",
    "items",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric:
    """``value`` is None where the evaluation could not run; ``note`` then says why."""

    dataset: str
    name: str
    value: float | None
    n: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "name": self.name,
            "value": self.value,
            "n": self.n,
            "note": self.note,
        }


def skipped(dataset: str, why: str) -> Metric:
    return Metric(dataset=dataset, name="-", value=None, note=why)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _count(figures: Mapping[str, Any]) -> int:
    for key in COUNT_KEYS:
        val = figures.get(key)
        if isinstance(val, int) and not isinstance(val, bool):
            return val
    return 0


def from_figures(
    dataset: str, figures: Mapping[str, Any], prefix: str = "", n: int | None = None
) -> list[Metric]:
    """Every number in a (nested) dict of figures as a Metric named by its dotted key path.

    Counts (``n``, ``gold``, ...) become each metric's ``n`` rather than metrics of their own.
    """
    count = _count(figures) if n is None else n
    out: list[Metric] = []
    for key, val in figures.items():
        name = f"{prefix}{key}"
        if isinstance(val, Mapping):
            out += from_figures(dataset, val, prefix=f"{name}.", n=_count(val) or count)
        elif key not in COUNT_KEYS and (num := _number(val)) is not None:
            out.append(Metric(dataset=dataset, name=name, value=num, n=count))
    return out


def coerce(dataset: str, result: Any) -> list[Metric]:
    """An evaluator's return value (a dict of figures, a Metric, or a list of them) as Metrics."""
    if isinstance(result, Metric):
        return [result]
    if isinstance(result, Mapping):
        return from_figures(dataset, result)
    if isinstance(result, list | tuple):
        return [m for item in result for m in coerce(dataset, item)]
    num = _number(result)
    return [Metric(dataset=dataset, name="score", value=num)] if num is not None else []
