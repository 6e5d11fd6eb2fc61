"""The quality gate: no stored score may drop below its floor, and no dataset may change unnoticed.

Floors live in tests/eval/floors.json as ``dataset -> {file, sha256, limit?, floors: {metric: floor}}``,
set a little below the measured value. A floor is only raised, never lowered without a
written reason in the commit that lowers it (and in floors.json's ``reason`` field).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from powderkeg.eval import run_all

FLOORS: dict[str, Any] = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))
DATASETS = sorted(k for k in FLOORS if not k.startswith("_"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("dataset", DATASETS)
def test_dataset_is_unchanged(shared: Path, dataset: str) -> None:
    entry = FLOORS[dataset]
    path = shared / entry["file"]
    assert path.is_file(), f"{path}: dataset named in floors.json is missing"
    assert _sha256(path) == entry["sha256"], (
        f"{path} changed since its floors were measured: re-run `powderkeg eval`, "
        "then update its sha256 and floors in tests/eval/floors.json with a written reason"
    )


@pytest.mark.parametrize("dataset", DATASETS)
def test_scores_stay_above_their_floors(shared: Path, dataset: str, request: pytest.FixtureRequest) -> None:
    if dataset == "conflibert_quad":
        pytest.importorskip("onnxruntime", reason="the quad classifier's runtime is not installed")
        pipe = None  # the quad evaluation needs no spaCy pipeline
    else:
        pipe = request.getfixturevalue("pipeline")  # one per test session, shared with other tests
    entry = FLOORS[dataset]
    found = run_all(None, shared, only=[dataset], limit=entry.get("limit"), pipeline=pipe)
    metrics = {m.name: m for m in found}
    skipped = [m.note for m in metrics.values() if m.value is None]
    assert not skipped, f"{dataset}: evaluation did not run: {skipped}"
    below = {
        name: (metrics[name].value if name in metrics else None, floor)
        for name, floor in entry["floors"].items()
        if name not in metrics or (metrics[name].value or 0.0) < floor
    }
    assert not below, f"{dataset}: scores (value, floor) below their floors or missing: {below}"
