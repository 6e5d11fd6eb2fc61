"""End-to-end `powderkeg extract` with one worker and with all workers, same corpus, same run.

    .venv/bin/python bench/bench_workers.py [--articles 2000] [--workers 0]

Wall time of the real CLI (model loading included for both), articles/s and words/s, the
speed-up, and whether the two outputs are byte-for-byte identical.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, make_articles, write_jsonl

from powderkeg.run.parallel import resolve_workers


def run(corpus: Path, out: Path, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "powderkeg", "extract", "--no-progress", "--workers", str(workers),
         "-o", str(out), str(corpus)],
        check=True, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=0)
    args = ap.parse_args()
    workers = resolve_workers(args.workers)
    words = sum(len(a["text"].split()) for a in make_articles(args.articles))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", args.articles)
        one = run(corpus, Path(tmp) / "one.jsonl", 1)
        many = run(corpus, Path(tmp) / "many.jsonl", workers)
        identical = filecmp.cmp(Path(tmp) / "one.jsonl", Path(tmp) / "many.jsonl", shallow=False)
    print(json.dumps({
        "machine": machine(),
        "articles": args.articles,
        "words": words,
        "one_worker": {"seconds": round(one, 1), "articles_per_s": round(args.articles / one, 1),
                       "words_per_s": round(words / one)},
        f"{workers}_workers": {"seconds": round(many, 1), "articles_per_s": round(args.articles / many, 1),
                               "words_per_s": round(words / many)},
        "speedup": round(one / many, 3),
        "identical_output": identical,
    }, indent=2))


if __name__ == "__main__":
    main()
