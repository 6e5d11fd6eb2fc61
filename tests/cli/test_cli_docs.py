"""Every CLI command and every setting is documented (a missing entry fails the build)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer.main

from powderkeg.cli import app
from powderkeg.config import Settings

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _command_names() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            names.extend(f"{name} {s}" for s in sub)
        else:
            names.append(name)
    return names


def test_every_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in _command_names() if f"powderkeg {n}" not in text]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(Settings) if f"`{f.name}`" not in text]
    assert not missing, f"settings missing from docs/configuration.md: {missing}"
