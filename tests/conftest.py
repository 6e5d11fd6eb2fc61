"""Shared fixtures: one spaCy model and one pipeline per test session; ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only shared folder beside the project; tests that need it skip without it."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); skipping tests that need its data")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from powderkeg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from powderkeg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return (shared / "data" / "seed" / "north-korea-ukraine.txt").read_text(encoding="utf-8")
