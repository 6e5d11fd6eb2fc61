"""Run every benchmark in turn with its default size and print its JSON (`make bench`).

Each benchmark measures against a baseline taken in the same run; see bench/README.md
for the figures recorded so far and the machine they came from.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    ("extract throughput vs spaCy", ["bench_extract.py", "--articles", "300"]),
    ("actor resolution vs parse", ["bench_actors.py"]),
    ("classifier vs spaCy", ["bench_classifier.py"]),
    ("memory 1k vs 20k articles", ["bench_memory.py", "--small", "1000", "--large", "20000", "--workers", "0"]),
    ("dask scaling", ["bench_dask.py"]),
    ("consolidation thresholds", ["bench_consolidation.py"]),
    ("API latency", ["bench_api.py"]),
    ("server load", ["bench_load.py"]),
    ("server memory", ["bench_server_memory.py"]),
]


def main() -> int:
    failed = 0
    for title, args in BENCHMARKS:
        print(f"\n=== {title}: {' '.join(args)}", flush=True)
        rc = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], check=False).returncode
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
