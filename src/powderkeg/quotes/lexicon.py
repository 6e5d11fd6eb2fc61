"""Loading the speech-cue lexicon (``data/cues.yaml``) with a schema check."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from powderkeg.errors import KnowledgeError


@dataclass(frozen=True, slots=True)
class CueLexicon:
    verbs: frozenset[str]
    weak_verbs: frozenset[str]
    prepositional: tuple[str, ...]
    pronouns: dict[str, str]
    titles: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()

    def is_cue(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs


def _strings(data: dict, key: str, origin: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{origin}: '{key}' must be a list of strings; fix the file")
    return [v.strip().lower() for v in value]


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """Read the cue lexicon from ``path`` or the packaged file."""
    if path is None:
        text = resources.files("powderkeg.quotes").joinpath("data/cues.yaml").read_text("utf-8")
        origin = "powderkeg/quotes/data/cues.yaml"
    else:
        origin = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{origin}: cannot read cue lexicon: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{origin}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{origin}: the cue lexicon must be a mapping")
    pronouns = data.get("pronouns") or {}
    if not isinstance(pronouns, dict):
        raise KnowledgeError(f"{origin}: 'pronouns' must map words to person/group")
    return CueLexicon(
        verbs=frozenset(_strings(data, "verbs", origin)),
        weak_verbs=frozenset(_strings(data, "weak_verbs", origin)),
        prepositional=tuple(_strings(data, "prepositional", origin)),
        pronouns={str(k).lower(): str(v) for k, v in pronouns.items()},
        titles=frozenset(_strings(data, "titles", origin)) if "titles" in data else frozenset(),
        abbreviations=frozenset(_strings(data, "abbreviations", origin)) if "abbreviations" in data else frozenset(),
    )
