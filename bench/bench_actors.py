"""Benchmark: actor resolution time against spaCy parse time on the same texts.

    .venv/bin/python bench/bench_actors.py [N_SENTENCES]

Parses texts with ``nlp.pipe`` (the baseline, measured in the same run), then resolves
actors over the resulting docs, and prints both times and their ratio. Target: resolution
under 10% of parse time. Texts: the ConfliBERT dev sentences and the seed article from
../shared when present, else a few paragraphs written here.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from powderkeg.actors import ActorResolver
from powderkeg.actors.evaluate import read_conll
from powderkeg.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FALLBACK = (
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on "
    "Wednesday, the Kremlin said. Ukrainian forces shelled positions near Donetsk, while "
    "NATO Secretary General Mark Rutte urged allies to send more air defences to Kyiv. "
    "The Pentagon said U.S. and South Korean officials would meet in Seoul next week. "
    "Hamas fighters and Israeli troops clashed in Gaza, according to the UN Security Council."
)


def texts(n: int) -> list[str]:
    out: list[str] = []
    seed = SHARED / "data" / "seed" / "north-korea-ukraine.txt"
    conll = SHARED / "data" / "dev" / "conflibert_cameo_ner_train.conll"
    if seed.is_file():
        out.append(seed.read_text(encoding="utf-8"))
    if conll.is_file():
        out.extend(t for t, _ in read_conll(conll))
    if not out:
        out = [FALLBACK] * 50
    return out[:n]


def main(n: int = 600) -> None:
    nlp = load_nlp()
    resolver = ActorResolver()
    sample = texts(n)
    nlp("warm up the pipeline")
    resolver.resolve(nlp(FALLBACK), None)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(sample, batch_size=32))
    parse = time.perf_counter() - t0
    when = dt.date(2024, 10, 26)
    t0 = time.perf_counter()
    mentions = sum(len(resolver.resolve(doc, when)) for doc in docs)
    resolve = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"texts: {len(docs)}  tokens: {words}  mentions: {mentions}")
    print(f"spaCy parse (nlp.pipe): {parse:.3f} s  ({words / parse:,.0f} tokens/s)")
    print(f"actor resolution:       {resolve:.3f} s  ({words / resolve:,.0f} tokens/s)")
    print(f"ratio resolve/parse:    {resolve / parse:.1%}  (target < 10%)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 600)
