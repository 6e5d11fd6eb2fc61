"""Running the pipeline over batches: progress, summaries, failures, workers.

    summary = extract_batch(inputs, settings, write=sink.write)
"""

from __future__ import annotations

from powderkeg.run.batch import BatchSummary, Failure, extract_batch

__all__ = ["BatchSummary", "Failure", "extract_batch"]
