"""The CoNLL scorer on a file we wrote, and a quality floor on the dev data."""

from __future__ import annotations

from powderkeg.actors.evaluate import eval_conll, read_conll

SNIPPET = """\
Russian B-S
troops I-S
attacked O
Ukrainian B-T
positions O
. O

The B-S
Kremlin I-S
met O
NATO B-R
. O
"""


def test_read_conll(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(SNIPPET, encoding="utf-8")
    sents = list(read_conll(path))
    assert sents[0][0] == "Russian troops attacked Ukrainian positions ."
    assert sents[0][1] == [(0, 14, "S"), (24, 33, "T")]
    assert sents[1][1] == [(0, 11, "S"), (16, 20, "R")]


def test_eval_tiny(tmp_path, nlp, resolver):
    path = tmp_path / "tiny.conll"
    path.write_text(SNIPPET, encoding="utf-8")
    scores = eval_conll(path, resolver, nlp)
    assert scores["gold_spans"] == 4
    assert scores["overlap"]["recall"] == 1.0
    assert scores["exact"]["recall"] >= 0.75


def test_dev_floor(shared, nlp, resolver):
    """Floor on the first 200 dev sentences (measured 2025: overlap F1 0.76 on all 1,153)."""
    path = shared / "data" / "dev" / "conflibert_cameo_ner_train.conll"
    scores = eval_conll(path, resolver, nlp, limit=200)
    assert scores["overlap"]["recall"] >= 0.85
    assert scores["overlap"]["f1"] >= 0.70
