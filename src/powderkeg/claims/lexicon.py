"""Loading the number lexicon (``data/numbers.yaml``) with a schema check."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from powderkeg.errors import KnowledgeError
from powderkeg.records import QUALIFIERS

_MAPS = ("units_words", "tens_words", "scales", "qualifiers_before", "qualifiers_after",
         "currency_signs", "currency_words", "units", "synonyms")
_LISTS = ("reference_words", "definite")


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    units_words: dict[str, float]
    tens_words: dict[str, float]
    scales: dict[str, float]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    currency_signs: dict[str, str]
    currency_words: dict[str, str]
    units: dict[str, str]
    synonyms: dict[str, str]
    reference_words: frozenset[str]
    definite: frozenset[str]

    def word_value(self, word: str) -> float | None:
        w = word.lower()
        if w in self.units_words:
            return self.units_words[w]
        if w in self.tens_words:
            return self.tens_words[w]
        if "-" in w:
            a, _, b = w.partition("-")
            if a in self.tens_words and b in self.units_words and 0 < self.units_words[b] < 10:
                return self.tens_words[a] + self.units_words[b]
        return None


def _check(data: Any, origin: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise KnowledgeError(f"{origin}: the number lexicon must be a mapping")
    for key in _MAPS:
        if not isinstance(data.get(key), dict):
            raise KnowledgeError(f"{origin}: '{key}' must be a mapping; fix the file")
    for key in _LISTS:
        if not isinstance(data.get(key), list):
            raise KnowledgeError(f"{origin}: '{key}' must be a list; fix the file")
    for phrase, qual in {**data["qualifiers_before"], **data["qualifiers_after"]}.items():
        if qual not in QUALIFIERS:
            raise KnowledgeError(f"{origin}: qualifier {qual!r} for {phrase!r} is not one of {QUALIFIERS}")
    return data


def load_numbers(path: str | Path | None = None) -> NumberLexicon:
    """Read the number lexicon from ``path`` or the packaged file."""
    if path is None:
        text = resources.files("powderkeg.claims").joinpath("data/numbers.yaml").read_text("utf-8")
        origin = "powderkeg/claims/data/numbers.yaml"
    else:
        origin = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{origin}: cannot read number lexicon: {exc}") from exc
    try:
        data = _check(yaml.safe_load(text), origin)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{origin}: invalid YAML: {exc}") from exc

    def low(key: str) -> dict[str, Any]:
        return {str(k).lower(): v for k, v in data[key].items()}

    return NumberLexicon(
        units_words={k: float(v) for k, v in low("units_words").items()},
        tens_words={k: float(v) for k, v in low("tens_words").items()},
        scales={k: float(v) for k, v in low("scales").items()},
        qualifiers_before=low("qualifiers_before"),
        qualifiers_after=low("qualifiers_after"),
        currency_signs={str(k): str(v) for k, v in data["currency_signs"].items()},
        currency_words=low("currency_words"),
        units=low("units"),
        synonyms=low("synonyms"),
        reference_words=frozenset(str(w).lower() for w in data["reference_words"]),
        definite=frozenset(str(w).lower() for w in data["definite"]),
    )
