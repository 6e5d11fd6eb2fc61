"""Peak memory of `powderkeg extract` at two corpus sizes (flat memory: streaming works).

    .venv/bin/python bench/bench_memory.py [--small 1000] [--large 20000] [--workers 1]

Runs the real CLI as a subprocess on generated JSON Lines corpora and samples the RSS of
the whole process tree (main process and workers) every 50 ms; prints peak RSS per
process and in total for each size, and the ratio large/small.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, write_jsonl


def peak_rss(cmd: list[str]) -> dict:
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = 0
    peak_single = 0
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            rss = [p.memory_info().rss for p in procs if p.is_running()]
        except psutil.Error:
            continue
        peak_total = max(peak_total, sum(rss))
        peak_single = max(peak_single, max(rss, default=0))
        time.sleep(0.05)
    err = proc.stderr.read().decode() if proc.stderr else ""
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "rc": proc.returncode,
        "peak_rss_total_mb": round(peak_total / 2**20),
        "peak_rss_per_process_mb": round(peak_single / 2**20),
        "summary": err.strip().splitlines()[-1] if err.strip() else "",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    out = {"machine": machine(), "workers": args.workers, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            corpus = write_jsonl(Path(tmp) / f"c{n}.jsonl", n)
            cmd = [sys.executable, "-m", "powderkeg", "extract", "--no-progress", "--workers",
                   str(args.workers), "-o", str(Path(tmp) / f"out{n}.jsonl"), str(corpus)]
            out["runs"][n] = peak_rss(cmd)
    small, large = out["runs"][args.small], out["runs"][args.large]
    out["ratio_peak_total_large_vs_small"] = round(large["peak_rss_total_mb"] / small["peak_rss_total_mb"], 3)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
