"""Helpers shared by the benchmarks: a corpus we can make anywhere, machine facts, timing."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Our own sentences (written for the benchmarks), recombined into articles of ~150-400 words.
SENTENCES = [
    "The defence ministry said on Monday that its forces had repelled an attack near the border.",
    "Officials in the capital accused the neighbouring government of shelling three villages overnight.",
    "The foreign minister met his counterpart in Geneva to discuss a ceasefire proposal.",
    "Rebels seized two towns in the north after heavy fighting with government troops, a spokesman said.",
    "The United Nations called on both sides to allow humanitarian aid into the besieged city.",
    "Police fired tear gas at thousands of protesters who gathered outside parliament on Friday.",
    "The government announced new sanctions on five banks accused of financing the militia.",
    "Analysts warned that the talks could collapse if the fighting spread to the coastal provinces.",
    "According to local officials, at least 12 civilians were killed and 40 wounded in the strike.",
    "The president pledged to send 2,000 troops to support the peacekeeping mission next month.",
    "The army denied reports that it had used banned weapons against civilian areas.",
    "Both countries signed an agreement to reopen the main border crossing for trade.",
    "Lawmakers demanded an inquiry into the arms deal, which was worth about $1.2 billion.",
    "The ministry threatened to expel the ambassador unless the embassy apologised for the remarks.",
    "Aid agencies estimated that more than 300,000 people had fled their homes since the offensive began.",
]


def make_articles(n: int, seed: int = 7) -> Iterator[dict]:
    """n deterministic articles as JSON-ready dicts."""
    import random

    rng = random.Random(seed)
    for i in range(n):
        k = rng.randint(8, 20)
        body = " ".join(rng.choice(SENTENCES) for _ in range(k))
        paras = [body[j : j + 600] for j in range(0, len(body), 600)]
        yield {
            "id": f"bench-{i:07d}",
            "title": f"Bench article {i}",
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "text": "\n\n".join(p.strip() for p in paras),
        }


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for art in make_articles(n):
            fh.write(json.dumps(art) + "\n")
    return path


def machine() -> dict:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d"),
        "commit": commit or "unknown",
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
