"""Extraction throughput against spaCy's own nlp.pipe on the same texts, in the same run.

    .venv/bin/python bench/bench_extract.py [--articles 300] [--workers 0]
    .venv/bin/python bench/bench_extract.py --input news.jsonl --times 3   # your own articles

Prints articles/s and words/s for: spaCy nlp.pipe alone (the baseline), powderkeg's
pipeline in one process (both the median of three alternating runs), the pipeline with the
classifier as a second opinion, and with all workers; and the ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Timer, machine, make_articles

from powderkeg.config import Settings
from powderkeg.nlp import load_nlp
from powderkeg.pipeline import Pipeline
from powderkeg.records import Article
from powderkeg.run.batch import BatchSummary, process_articles
from powderkeg.run.parallel import resolve_workers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--input", type=Path, help="JSON Lines articles (id, text, published) instead of synthetic ones")
    ap.add_argument("--times", type=int, default=1, help="with --input: use the file this many times over")
    args = ap.parse_args()
    if args.input:
        rows = [json.loads(line) for line in args.input.read_text(encoding="utf-8").splitlines() if line.strip()]
        arts = [Article(id=f"{r['id']}-{k}", text=r["text"], published=r.get("published"))
                for k in range(args.times) for r in rows]
    else:
        arts = [Article(id=a["id"], text=a["text"], published=a["published"]) for a in make_articles(args.articles)]
    words = sum(len(a.text.split()) for a in arts)
    settings = Settings()
    nlp = load_nlp()
    pipe = Pipeline(settings)
    list(pipe.process_many(arts[:20]))  # warm-up

    # spaCy alone and powderkeg alternate, three times each; the median of each is kept,
    # so drift of the machine's speed hits both alike
    spacy_times, pk_times = [], []
    for _ in range(args.repeat):
        with Timer() as t:
            for _ in nlp.pipe([a.text for a in arts], batch_size=settings.batch_size):
                pass
        spacy_times.append(t.seconds)
        with Timer() as t:
            for _ in pipe.process_many(arts):
                pass
        pk_times.append(t.seconds)
    t_spacy = Timer()
    t_spacy.seconds = statistics.median(spacy_times)
    t_one = Timer()
    t_one.seconds = statistics.median(pk_times)
    with_classifier = Pipeline(settings.replace(use_classifier=True))
    with Timer() as t_rules:
        for _ in with_classifier.process_many(arts):
            pass
    workers = resolve_workers(args.workers)
    with Timer() as t_all:
        n = sum(1 for _ in process_articles(arts, settings.replace(workers=workers), BatchSummary()))
    assert n == len(arts)
    rows = {
        "spacy_pipe": t_spacy.seconds,
        "powderkeg_1_worker": t_one.seconds,
        "powderkeg_1_worker_with_classifier": t_rules.seconds,
        f"powderkeg_{workers}_workers": t_all.seconds,
    }
    out = {"machine": machine(), "articles": len(arts), "words": words, "results": {}}
    for name, secs in rows.items():
        out["results"][name] = {
            "seconds": round(secs, 2),
            "articles_per_s": round(len(arts) / secs, 1),
            "words_per_s": round(words / secs),
        }
    out["ratio_1_worker_vs_spacy"] = round(t_spacy.seconds / t_one.seconds, 3)
    out["ratio_1_worker_with_classifier_vs_spacy"] = round(t_spacy.seconds / t_rules.seconds, 3)
    out["runs"] = {"spacy_pipe": [round(x, 2) for x in spacy_times], "powderkeg": [round(x, 2) for x in pk_times]}
    out["ratio_all_vs_1_worker"] = round(t_one.seconds / t_all.seconds, 3)
    out["ratio_all_vs_spacy"] = round(t_spacy.seconds / t_all.seconds, 3)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
