"""Fixtures for the readers: settings, and a helper to read one input into a list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from powderkeg.config import Settings
from powderkeg.ingest.readers import read_inputs


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def read(settings: Settings) -> Callable[..., list]:
    """read(path_or_paths, **settings_changes) -> list of Article | InputError."""

    def _read(*inputs: str | Path, stdin=None, **changes) -> list:
        s = settings.replace(**changes) if changes else settings
        return list(read_inputs([str(i) for i in inputs], s, stdin=stdin))

    return _read


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """write(name, content) -> path of a file holding it under tmp_path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
