"""Reading labelled TSVs and the deterministic split (no torch needed)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from powderkeg.errors import FormatError, ModelError
from powderkeg.events.training import (
    Example,
    macro_f1,
    per_class_f1,
    read_quad_tsv,
    stratified_split,
)


def test_read_tsv_accepts_indices_names_and_a_header(tmp_path: Path) -> None:
    p = tmp_path / "x.tsv"
    p.write_text(
        "sentence\tlabel\nTroops fired.\t4\nThey agreed, happily.\tverbal_cooperation\n\n", encoding="utf-8"
    )
    assert read_quad_tsv(p) == [Example("Troops fired.", 4), Example("They agreed, happily.", 1)]


def test_read_tsv_names_the_bad_line(tmp_path: Path) -> None:
    p = tmp_path / "x.tsv"
    p.write_text("Troops fired.\t4\nno label here\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"x\.tsv:2"):
        read_quad_tsv(p)


def test_read_tsv_refuses_an_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "x.tsv"
    p.write_text("", encoding="utf-8")
    with pytest.raises(FormatError, match="no labelled sentences"):
        read_quad_tsv(p)


def test_split_is_stratified_deterministic_and_disjoint() -> None:
    data = [Example(f"s{i}", i % 5) for i in range(500)]
    train, test = stratified_split(data)
    assert (train, test) == stratified_split(list(data))
    assert len(test) == 100 and Counter(e.label for e in test) == dict.fromkeys(range(5), 20)
    assert not {e.text for e in train} & {e.text for e in test}
    assert stratified_split(data, seed=14)[1] != test


def test_split_of_the_shared_data_is_the_documented_one(shared: Path) -> None:
    train, test = stratified_split(read_quad_tsv(shared / "data/dev/conflibert_cameo_class_train.tsv"))
    assert (len(train), len(test)) == (1079, 270)
    assert Counter(e.label for e in test) == {0: 48, 1: 50, 2: 61, 3: 67, 4: 44}


def test_f1_by_hand() -> None:
    gold, pred = [0, 0, 1, 1], [0, 1, 1, 1]
    assert per_class_f1(gold, pred, 2) == pytest.approx([2 / 3, 0.8])
    assert macro_f1(gold, pred, 2) == pytest.approx((2 / 3 + 0.8) / 2)
    assert per_class_f1([0], [0], 3) == [1.0, 0.0, 0.0]


def test_training_without_torch_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from powderkeg.events import training

    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ModelError, match=r"powderkeg\[train\]"):
        training._import_train_deps()
