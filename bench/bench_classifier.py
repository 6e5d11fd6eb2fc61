"""Quad classifier throughput against spaCy's nlp.pipe on the same sentences, in the same run.

    .venv/bin/python bench/bench_classifier.py [--repeat 4] [--threads 1]

Sentences: the 270 held-out ConfliBERT sentences when ../shared is present, else the
benchmark's own sentences. Prints sentences/s for spaCy's full pipeline (the baseline) and
for the ONNX int8 quad classifier, and their ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SENTENCES, SHARED, Timer, machine

from powderkeg.events.classifier import QuadClassifier
from powderkeg.events.training import read_quad_tsv, stratified_split
from powderkeg.nlp import load_nlp


def sentences(repeat: int) -> tuple[str, list[str]]:
    tsv = SHARED / "data" / "dev" / "conflibert_cameo_class_train.tsv"
    if tsv.is_file():
        base, name = [e.text for e in stratified_split(read_quad_tsv(tsv))[1]], "conflibert held-out"
    else:
        base, name = list(SENTENCES) * 18, "bench sentences"
    return name, base * repeat


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=4, help="passes over the sentences")
    ap.add_argument("--threads", type=int, default=1, help="ONNX Runtime threads (0: all cores)")
    args = ap.parse_args()
    name, sents = sentences(args.repeat)
    words = sum(len(s.split()) for s in sents)
    nlp = load_nlp()
    clf = QuadClassifier.load(threads=args.threads)
    list(nlp.pipe(sents[:32]))
    clf.predict(sents[:32])  # warm-up

    with Timer() as t_spacy:
        for _ in nlp.pipe(sents, batch_size=32):
            pass
    with Timer() as t_quad:
        clf.predict(sents)

    figures = {
        **machine(),
        "sentences": len(sents),
        "source": name,
        "words": words,
        "spacy_sentences_per_s": round(len(sents) / t_spacy.seconds, 1),
        "quad_threads": args.threads,
        "quad_int8_sentences_per_s": round(len(sents) / t_quad.seconds, 1),
        "quad_over_spacy": round(t_spacy.seconds / t_quad.seconds, 2),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
