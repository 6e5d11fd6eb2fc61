"""Mutational fuzzing of powderkeg's parsers of untrusted input.

    python fuzz/run_fuzz.py PARSER [--n 100000] [--seed 0] [--out fuzz/failures] [--timeout 10]
    python fuzz/run_fuzz.py all --n 100000

PARSER is one of the targets in ``fuzz/targets.py`` (text, furniture, html, json, jsonl,
feed, warc, sniff, dateline, published, resolve_date, numbers, quotes) or ``all``. Inputs
are seeded random mutations of hand-written seeds (``fuzz/seeds.py``), so a run is
reproducible from its ``--seed``. Each failing input (an exception, a broken invariant,
or one input over ``--timeout`` seconds) is written to ``OUT/PARSER/<n>.bin`` with the
traceback beside it; the run goes on. Prints inputs/s and the failure count; exits 1
when anything failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeds import mutate, seeds
from targets import TARGETS


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Timeout


def fuzz(name: str, n: int, seed: int, out: Path, timeout: float, report_every: int = 10_000) -> dict:
    target = TARGETS[name]
    rng = random.Random(f"{name}:{seed}")
    pool = list(seeds(name, rng))
    corpus = list(pool)
    failures, seen = 0, set()
    slowest = 0.0
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    for i in range(n):
        data = pool[i] if i < len(pool) else mutate(rng.choice(corpus), rng, corpus)
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            target.run(data)
            error = None
        except _Timeout:
            error = f"timeout: over {timeout} s\n"
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            error = traceback.format_exc()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.perf_counter() - t0
        slowest = max(slowest, took)
        if error is not None:
            failures += 1
            key = error.strip().splitlines()[-1][:200]
            if key not in seen:  # keep one example per distinct error
                seen.add(key)
                _save(out / name, i, data, error)
        elif rng.random() < 0.02 and len(corpus) < 2000:
            corpus.append(data)  # grow the corpus with inputs that passed
        if report_every and (i + 1) % report_every == 0:
            rate = (i + 1) / (time.perf_counter() - start)
            print(
                f"  {name}: {i + 1:,} inputs, {failures} failures, {rate:,.0f}/s", file=sys.stderr, flush=True
            )
    seconds = time.perf_counter() - start
    return {
        "parser": name,
        "inputs": n,
        "failures": failures,
        "distinct": len(seen),
        "seconds": round(seconds, 1),
        "per_second": round(n / seconds),
        "slowest_s": round(slowest, 3),
        "date": dt.date.today().isoformat(),
    }


def _save(folder: Path, i: int, data: bytes | str, error: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    stem = f"{i:07d}-{hashlib.sha1(raw).hexdigest()[:8]}"
    (folder / f"{stem}.bin").write_bytes(raw)
    (folder / f"{stem}.txt").write_text(error, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("parser", choices=[*TARGETS, "all"])
    ap.add_argument("--n", type=int, default=100_000, help="inputs per parser")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "failures")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds one input may take")
    args = ap.parse_args(argv)
    names = list(TARGETS) if args.parser == "all" else [args.parser]
    failed = 0
    for name in names:
        r = fuzz(name, args.n, args.seed, args.out, args.timeout)
        failed += r["failures"]
        print(
            f"{r['parser']}\t{r['inputs']}\t{r['failures']}\t{r['distinct']}\t{r['seconds']}\t"
            f"{r['per_second']}/s\tslowest {r['slowest_s']} s\t{r['date']}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
