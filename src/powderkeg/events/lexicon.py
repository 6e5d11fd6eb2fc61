"""The event coder's knowledge, loaded from the packaged data files and checked.

    lex = load_lexicon()            # verb and noun patterns by lemma
    lex.verb_entries("send")        # -> tuple[Entry, ...]
    cues = load_cues()              # factuality cues, reporting verbs, context keywords
    plover = load_plover()          # quad, base score and mode scores of each PLOVER type

Files: ``events/data/lexicon.yaml``, ``cues.yaml``, ``plover.yaml``. A malformed file
raises ``KnowledgeError`` naming the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from powderkeg.errors import KnowledgeError
from powderkeg.records import PLOVER_TYPES, QUADS


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon pattern: a verb (with optional particle and object lemmas) or a noun
    (with an optional modifier), and what it codes."""

    lemma: str
    type: str
    mode: str | None = None
    particle: tuple[str, ...] = ()  # verbs: prt/prep children that must be present
    objects: frozenset[str] = frozenset()  # verbs: allowed object head lemmas
    modifier: str | None = None  # nouns: compound/amod child that must be present
    theme_object: bool = False  # the direct object is what is moved, not the target
    strong: bool = False  # code even without an actor
    neg_required: bool = False  # counts only when negated
    content: bool = False  # its complement clause is its content, not a separate event
    passive_ok: bool = True
    obj_not: frozenset[str] = frozenset()
    between_target: bool = False  # "mediation between X and Y": X and Y are targets

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + len(self.particle) + (2 if self.modifier else 0)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]

    def verb_entries(self, lemma: str) -> tuple[Entry, ...]:
        return self.verbs.get(lemma.lower(), ())

    def noun_entries(self, lemma: str) -> tuple[Entry, ...]:
        return self.nouns.get(lemma.lower(), ())


@dataclass(frozen=True, slots=True)
class TypeInfo:
    quad: str
    score: float
    modes: dict[str, float]

    def intensity(self, mode: str | None) -> float:
        return float(self.modes.get(mode, self.score)) if mode else float(self.score)


def _read(name: str) -> Any:
    path = resources.files("powderkeg.events") / "data" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"events/data/{name}: cannot read: {exc}") from exc


def _words(value: Any, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: expected a list of words")
    return frozenset(v.lower() for v in value)


def _verb_entry(pattern: str, group: dict[str, Any], where: str) -> Entry:
    head, _, objs = pattern.partition(">")
    words = head.split()
    if not words:
        raise KnowledgeError(f"{where}: empty verb pattern {pattern!r}")
    return Entry(
        lemma=words[0].lower(), particle=tuple(w.lower() for w in words[1:]),
        objects=frozenset(o.strip().lower() for o in objs.split("|") if o.strip()),
        **_group_fields(group),
    )


def _noun_entry(pattern: str, group: dict[str, Any], where: str) -> Entry:
    words = pattern.lower().split()
    if not words or len(words) > 2:
        raise KnowledgeError(f"{where}: noun pattern must be 'lemma' or 'modifier lemma': {pattern!r}")
    return Entry(lemma=words[-1], modifier=words[0] if len(words) == 2 else None, **_group_fields(group))


def _group_fields(group: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": group["type"],
        "mode": group.get("mode"),
        "theme_object": group.get("obj", "target") == "theme",
        "strong": bool(group.get("strong", False)),
        "neg_required": group.get("neg") == "required",
        "content": bool(group.get("content", False)),
        "passive_ok": bool(group.get("passive", True)),
        "obj_not": frozenset(w.lower() for w in group.get("obj_not", []) or []),
        "between_target": group.get("between") == "target",
    }


def _check_group(group: Any, where: str, plover: dict[str, TypeInfo]) -> None:
    if not isinstance(group, dict) or group.get("type") not in PLOVER_TYPES:
        raise KnowledgeError(f"{where}: each group needs a PLOVER 'type' (one of {', '.join(PLOVER_TYPES)})")
    mode = group.get("mode")
    if mode is not None and mode not in plover[group["type"]].modes:
        raise KnowledgeError(f"{where}: mode {mode!r} is not a PLOVER mode of {group['type']}")
    if group.get("obj", "target") not in ("target", "theme"):
        raise KnowledgeError(f"{where}: obj must be 'target' or 'theme'")
    if group.get("between", "target") != "target":
        raise KnowledgeError(f"{where}: between can only be 'target'")


@lru_cache(maxsize=1)
def load_plover() -> dict[str, TypeInfo]:
    data = _read("plover.yaml")
    types = (data or {}).get("types") or {}
    out: dict[str, TypeInfo] = {}
    for name in PLOVER_TYPES:
        info = types.get(name)
        if not isinstance(info, dict) or info.get("quad") not in QUADS:
            raise KnowledgeError(f"events/data/plover.yaml: type {name} needs a quad in {QUADS}")
        out[name] = TypeInfo(quad=info["quad"], score=float(info["score"]),
                             modes={k: float(v) for k, v in (info.get("modes") or {}).items()})
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = _read("lexicon.yaml")
    plover = load_plover()
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for i, group in enumerate((data or {}).get("groups") or []):
        where = f"events/data/lexicon.yaml: group {i + 1}"
        _check_group(group, where, plover)
        for pattern in group.get("verbs", []) or []:
            entry = _verb_entry(str(pattern), group, where)
            verbs.setdefault(entry.lemma, []).append(entry)
        for pattern in group.get("nouns", []) or []:
            entry = _noun_entry(str(pattern), group, where)
            nouns.setdefault(entry.lemma, []).append(entry)
    if not verbs:
        raise KnowledgeError("events/data/lexicon.yaml: no verb patterns")
    return Lexicon(verbs={k: tuple(v) for k, v in verbs.items()},
                   nouns={k: tuple(v) for k, v in nouns.items()})


@dataclass(frozen=True, slots=True)
class Cues:
    reporting_verbs: frozenset[str]
    reported_adverbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    hypothetical_words: frozenset[str]
    hypothetical_heads: frozenset[str]
    future_modals: frozenset[str]
    future_heads: frozenset[str]
    future_words: frozenset[str]
    denial_verbs: frozenset[str]
    control_verbs: frozenset[str]
    accusation_nouns: frozenset[str]
    troop_nouns: frozenset[str]
    place_nouns: frozenset[str]
    intention_modals: frozenset[str]
    partitive_nouns: frozenset[str]
    light_nouns: frozenset[str]
    protest_nouns: frozenset[str]
    prediction_heads: frozenset[str]
    question_verbs: frozenset[str]
    falsity_words: frozenset[str]
    complement_nouns: frozenset[str]
    copulas: frozenset[str]
    claim_nouns: frozenset[str]
    natural_forces: frozenset[str]
    contexts: dict[str, frozenset[str]]
    future_types: dict[tuple[str, str | None], tuple[str, str | None]]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = _read("cues.yaml") or {}
    where = "events/data/cues.yaml"
    contexts = data.get("contexts") or {}
    if not isinstance(contexts, dict):
        raise KnowledgeError(f"{where}: 'contexts' must map a context to keywords")
    fields = {name: _words(data.get(name), f"{where}: {name}")
              for name in Cues.__slots__ if name not in ("contexts", "future_types")}  # type: ignore[attr-defined]
    return Cues(contexts={k: _words(v, f"{where}: contexts.{k}") for k, v in contexts.items()},
                future_types=_future_types(data.get("future_types"), f"{where}: future_types"), **fields)


def _type_mode(value: Any, where: str) -> tuple[str, str | None]:
    name, _, mode = str(value).partition("/")
    plover = load_plover()
    if name not in PLOVER_TYPES or (mode and mode not in plover[name].modes):
        raise KnowledgeError(f"{where}: {value!r} is not a PLOVER type or TYPE/mode")
    return name, mode or None


def _future_types(value: Any, where: str) -> dict[tuple[str, str | None], tuple[str, str | None]]:
    """``{"COERCE/seize": "THREATEN/territory"}`` -> ``{("COERCE", "seize"): ("THREATEN", "territory")}``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KnowledgeError(f"{where}: must map 'TYPE[/mode]' to 'TYPE[/mode]'")
    return {_type_mode(k, where): _type_mode(v, where) for k, v in value.items()}
