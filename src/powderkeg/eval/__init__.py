"""The evaluation harness: every score powderkeg can measure on the shared dev data.

from powderkeg.eval import run_all, format_table
metrics = run_all(settings, "../shared")       # list[Metric]
print(format_table(metrics, rich=False))
"""

from __future__ import annotations

from powderkeg.eval.harness import EVALUATIONS, Evaluation, format_table, run_all, run_one
from powderkeg.eval.metric import Metric

__all__ = ["EVALUATIONS", "Evaluation", "Metric", "format_table", "run_all", "run_one"]
