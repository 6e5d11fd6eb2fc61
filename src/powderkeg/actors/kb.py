"""The actor knowledge base: packaged data files (and the user's) loaded, checked and indexed.

Files (all in ``powderkeg/actors/data/``, written by us; sources in each header):

- ``countries.tsv``  code, name, aliases, adjectives/demonyms, capitals (``|``-separated)
- ``roles.tsv``      role nouns -> sector, with a strength (``strong`` heads a mention on
  its own; ``weak`` only helps: "chair", "director")
- ``*.yaml``         named actors (people with tenures, organisations, armed groups,
  seats of power), one schema, shared with user files (``Settings.actors_files``)::

      actors:
        - name: Vladimir Putin            # canonical name (required)
          kind: person                    # person | org | seat | place (default org)
          aliases: [Vladimir V. Putin]    # always valid
          short: [Putin]                  # surname-style aliases: valid only in tenure
          code: RUS                       # ISO3, IGO, NGO, MNC (or give roles)
          sector: GOV
          org: null                       # acronym for IGO/NGO ("NATO")
          roles:                          # optional, dated
            - {code: RUS, sector: GOV, title: President, start: 2012-05-07, end: null}

Any error raises KnowledgeError naming the file and the entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from powderkeg.errors import KnowledgeError
from powderkeg.records import SECTORS

KINDS: tuple[str, ...] = ("country", "demonym", "capital", "city", "seat", "place", "org", "person", "role",
                          "ellipsis")
SPECIAL_CODES: tuple[str, ...] = ("IGO", "NGO", "MNC")
_CODE_RE = re.compile(r"^[A-Z]{3}$")
_STOP = frozenset({"the", "of", "for", "and", "&", "on", "in", "to", "a", "an"})
_NO_PLURAL = frozenset({
    "police", "military", "media", "personnel", "staff", "people", "clergy", "press",
    "government", "administration", "opposition", "army", "navy", "congress", "parliament",
    "intelligence", "leadership", "cabinet", "junta", "security", "defense", "defence",
    "judiciary", "legislature", "senate", "public", "regime", "coast guard", "militia",
})


@dataclass(frozen=True, slots=True)
class Role:
    """One dated role of an entry: who it is (code, sector) and in what office."""

    code: str | None
    sector: str | None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, when: dt.date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor the knowledge base knows: a country, a person, an organisation, a role noun."""

    name: str
    kind: str
    roles: tuple[Role, ...]
    org: str | None = None
    strong: bool = True  # role nouns: does it head a mention on its own?
    origin: str = ""
    candidates: tuple[str, ...] = ()  # peoples: countries the article's context may pick

    def role_at(self, when: dt.date | None) -> Role | None:
        """The role active on ``when`` (the current one when None), else None."""
        active = [r for r in self.roles if r.active(when)]
        if active:
            return active[-1]
        return None

    def nearest_role(self, when: dt.date | None) -> Role | None:
        """The active role, else the one closest in time (for code only: a former office)."""
        found = self.role_at(when)
        if found or not self.roles:
            return found
        if when is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min)

        def distance(r: Role) -> int:
            if r.end and r.end < when:
                return (when - r.end).days
            if r.start and r.start > when:
                return (r.start - when).days
            return 0

        return min(self.roles, key=distance)

    def in_tenure(self, when: dt.date | None) -> bool:
        return self.role_at(when) is not None


@dataclass(frozen=True, slots=True)
class Alias:
    """One way of writing an entry, as tokens; ``cased`` tokens must not be all-lowercase."""

    tokens: tuple[str, ...]
    entry: Entry
    cased: tuple[bool, ...]
    exact: tuple[str | None, ...]  # short all-caps tokens ("US", "UN") must match exactly
    short: bool = False  # valid only while the entry holds a role
    priority: int = 0  # user files > named actors > countries > role nouns


@dataclass(slots=True)
class KnowledgeBase:
    """All aliases, indexed by their first lowercased token, longest first."""

    by_first: dict[str, list[Alias]] = field(default_factory=dict)
    by_norm: dict[str, Entry] = field(default_factory=dict)
    by_code: dict[str, Entry] = field(default_factory=dict)
    offices: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    fuzzy: dict[tuple[str, int], Entry | None] = field(default_factory=dict)  # misspelt country words

    def add(self, alias: Alias) -> None:
        bucket = self.by_first.setdefault(alias.tokens[0], [])
        bucket.append(alias)

    def finish(self) -> None:
        for bucket in self.by_first.values():
            bucket.sort(key=lambda a: (-len(a.tokens), -a.priority))

    def holder(self, code: str, title: str, when: dt.date | None) -> Entry | None:
        """The person holding office ``title`` ("president") for ``code`` on ``when``."""
        key = _office(title)
        for entry in self.offices.get((code, key), ()):
            role = entry.role_at(when)
            if role and role.code == code and _office(role.title or "") == key:
                return entry
        return None


def _office(title: str) -> str:
    return title.lower().replace("defence", "defense")


def norm_key(text: str) -> str:
    """An organisation name reduced to its content words: matches "Center of X" to "Center for X"."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return " ".join(w for w in words if w not in _STOP)


def _plurals(phrase: str) -> list[str]:
    if phrase in _NO_PLURAL or phrase.endswith(("s", "ese", "ish", "ch", "ff")):
        return []
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("man"):
        return [f"{prefix}{last[:-3]}men"]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return [f"{prefix}{last[:-1]}ies"]
    if last.endswith(("sh", "x", "z")):
        return [f"{prefix}{last}es"]
    return [f"{prefix}{last}s"]


# ---------------------------------------------------------------------------- checks


def _fail(origin: str, where: str, what: str) -> KnowledgeError:
    return KnowledgeError(f"{origin}: entry {where}: {what}; fix or remove the entry")


def _check_code(code: Any, origin: str, where: str) -> str | None:
    if code is None:
        return None
    if not isinstance(code, str) or not (_CODE_RE.match(code) or code in SPECIAL_CODES):
        raise _fail(origin, where, f"code {code!r} is not an ISO 3166-1 alpha-3 code, IGO, NGO or MNC")
    return code


def _check_sector(sector: Any, origin: str, where: str) -> str | None:
    if sector is None:
        return None
    if sector not in SECTORS:
        raise _fail(origin, where, f"sector {sector!r} is not one of {', '.join(SECTORS)}")
    return str(sector)


def _check_date(value: Any, origin: str, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date(int(text[:4]), int(text[5:]), 1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise _fail(origin, where, f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from exc


def _str_list(value: Any, origin: str, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(origin, where, f"{key} must be a list of non-empty strings")
    return list(value)


def _roles(item: dict[str, Any], origin: str, where: str) -> tuple[Role, ...]:
    raw = item.get("roles")
    if raw is None:
        return (Role(_check_code(item.get("code"), origin, where),
                     _check_sector(item.get("sector"), origin, where), item.get("title")),)
    if not isinstance(raw, list) or not raw:
        raise _fail(origin, where, "roles must be a non-empty list of mappings")
    out = []
    for r in raw:
        if not isinstance(r, dict):
            raise _fail(origin, where, "each role must be a mapping (code, sector, title, start, end)")
        unknown = set(r) - {"code", "sector", "title", "start", "end"}
        if unknown:
            raise _fail(origin, where, f"unknown role key(s) {', '.join(sorted(unknown))}")
        start = _check_date(r.get("start"), origin, where)
        end = _check_date(r.get("end"), origin, where)
        if start and end and end < start:
            raise _fail(origin, where, f"role ends ({end}) before it starts ({start})")
        out.append(Role(_check_code(r.get("code"), origin, where),
                        _check_sector(r.get("sector"), origin, where), r.get("title"), start, end))
    return tuple(sorted(out, key=lambda x: x.start or dt.date.min))


_ENTRY_KEYS = frozenset({"name", "kind", "aliases", "short", "code", "sector", "org", "title", "roles",
                         "candidates"})


def parse_entry(item: Any, origin: str, index: int) -> tuple[Entry, list[str], list[str]]:
    """One YAML entry checked: (entry, aliases incl. its name, short aliases)."""
    where = f"#{index + 1}"
    if not isinstance(item, dict):
        raise _fail(origin, where, "must be a mapping with at least a name")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(origin, where, "has no name")
    where = f"#{index + 1} ({name})"
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        raise _fail(origin, where, f"unknown key(s) {', '.join(sorted(unknown))}; known: "
                    f"{', '.join(sorted(_ENTRY_KEYS))}")
    kind = item.get("kind", "org")
    if kind not in KINDS:
        raise _fail(origin, where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    org = item.get("org")
    if org is not None and not isinstance(org, str):
        raise _fail(origin, where, "org must be a string")
    candidates = tuple(_check_code(c, origin, where) or "" for c in _str_list(item.get("candidates"), origin,
                                                                            where, "candidates"))
    entry = Entry(name=name, kind=kind, roles=_roles(item, origin, where), org=org, origin=origin,
                  candidates=candidates)
    aliases = [name, *_str_list(item.get("aliases"), origin, where, "aliases")]
    return entry, aliases, _str_list(item.get("short"), origin, where, "short")


def load_yaml_entries(text: str, origin: str) -> list[tuple[Entry, list[str], list[str]]]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{origin}: not valid YAML: {exc}") from exc
    if data is None:
        return []
    items = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise KnowledgeError(f"{origin}: expected a top-level 'actors:' list of entries")
    return [parse_entry(item, origin, i) for i, item in enumerate(items)]


def _tsv_rows(text: str, origin: str, width: int) -> Iterable[tuple[int, list[str]]]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or len(cols) > width:
            raise KnowledgeError(f"{origin}: line {lineno}: expected 2 to {width} tab-separated columns")
        yield lineno, cols + [""] * (width - len(cols))


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def load_countries(text: str, origin: str) -> list[tuple[Entry, list[str], list[str]]]:
    """countries.tsv: a country entry, a demonym entry and a capital entry per row."""
    out = []
    for lineno, (code, name, aliases, adjectives, capitals) in _tsv_rows(text, origin, 5):
        where = f"line {lineno} ({name})"
        _check_code(code, origin, where)
        if not name:
            raise _fail(origin, where, "has no name")
        out.append((Entry(name, "country", (Role(code, None),), origin=origin), [name, *_split(aliases)], []))
        adj = _split(adjectives)
        adj += [a + "s" for a in adj if a.endswith(("an", "i")) and not a.endswith("ani")]
        if adj:
            out.append((Entry(name, "demonym", (Role(code, None),), origin=origin), adj, []))
        for cap in _split(capitals):
            out.append((Entry(cap, "capital", (Role(code, "GOV"),), origin=origin), [cap], []))
    return out


def load_roles(text: str, origin: str) -> list[tuple[Entry, list[str], list[str]]]:
    """roles.tsv: phrase, sector, strength (strong|weak); plurals are generated."""
    out = []
    for lineno, (phrase, sector, strength) in _tsv_rows(text, origin, 3):
        where = f"line {lineno} ({phrase})"
        _check_sector(sector or None, origin, where)
        if strength not in ("", "strong", "weak"):
            raise _fail(origin, where, f"strength {strength!r} is not strong or weak")
        entry = Entry(phrase, "role", (Role(None, sector or None),), strong=strength != "weak", origin=origin)
        forms = [phrase, *_plurals(phrase)]
        if phrase.count(" ") == 1:  # "vice-president", "secretary-general"
            forms += [f.replace(" ", "-") for f in forms]
        out.append((entry, forms, []))
    return out


def load_leaders(text: str, origin: str) -> list[tuple[Entry, list[str], list[str]]]:
    """leaders_*.tsv: one dated office a row (code, title, name, start, end, aliases, short,
    sector); the rows of one name make one person entry."""
    rows: dict[str, tuple[list[Role], list[str], list[str]]] = {}
    for lineno, (code, title, name, start, end, aliases, short, sector) in _tsv_rows(text, origin, 8):
        where = f"line {lineno} ({name})"
        if not name:
            raise _fail(origin, where, "has no name")
        _check_code(code, origin, where)
        s, e = _check_date(start or None, origin, where), _check_date(end or None, origin, where)
        if s and e and e < s:
            raise _fail(origin, where, f"role ends ({e}) before it starts ({s})")
        sec = sector or ("IGO" if code == "IGO" else "GOV")
        _check_sector(sec, origin, where)
        roles, al, sh = rows.setdefault(name, ([], [name], []))
        roles.append(Role(code, sec, title or None, s, e))
        al.extend(a for a in _split(aliases) if a not in al)
        sh.extend(a for a in _split(short) if a not in sh)
    return [(Entry(name, "person", tuple(sorted(r, key=lambda x: x.start or dt.date.min)), origin=origin),
             a, s) for name, (r, a, s) in rows.items()]


def load_gazetteer(text: str, origin: str) -> list[tuple[Entry, list[str], list[str]]]:
    """gazetteer.tsv: code, then places ("|"-separated; "/" between spellings of one place).
    A place names its country (code, no sector): "Kirkuk" -> IRQ."""
    out = []
    for lineno, (code, places) in _tsv_rows(text, origin, 2):
        _check_code(code, origin, f"line {lineno}")
        for place in _split(places):
            names = [n.strip() for n in place.split("/") if n.strip()]
            out.append((Entry(names[0], "city", (Role(code, None),), origin=origin), names, []))
    return out


def _merge_people(rows: list[tuple[Entry, tuple[str, ...], tuple[str, ...], int]]) -> list[
        tuple[Entry, tuple[str, ...], tuple[str, ...], int]]:
    """One entry per person: dated rows of the TSV files join a YAML entry of the same name."""
    first: dict[str, int] = {}
    out: list[tuple[Entry, tuple[str, ...], tuple[str, ...], int]] = []
    for entry, aliases, shorts, prio in rows:
        if entry.kind != "person":
            out.append((entry, aliases, shorts, prio))
            continue
        if entry.name not in first:
            first[entry.name] = len(out)
            out.append((entry, aliases, shorts, prio))
            continue
        i = first[entry.name]
        old, old_al, old_sh, old_prio = out[i]
        roles = tuple(sorted({*old.roles, *entry.roles}, key=lambda x: x.start or dt.date.min))
        merged = Entry(old.name, "person", roles, org=old.org, origin=old.origin)
        out[i] = (merged, tuple(dict.fromkeys((*old_al, *aliases))), tuple(dict.fromkeys((*old_sh, *shorts))),
                  max(old_prio, prio))
    return out


@lru_cache(maxsize=1)
def packaged_entries() -> tuple[tuple[Entry, tuple[str, ...], tuple[str, ...], int], ...]:
    """Every packaged entry with its aliases, short aliases and priority (read once)."""
    base = resources.files("powderkeg.actors") / "data"
    out: list[tuple[Entry, tuple[str, ...], tuple[str, ...], int]] = []
    for res in sorted(base.iterdir(), key=lambda p: p.name):
        origin = f"powderkeg/actors/data/{res.name}"
        text = res.read_text(encoding="utf-8")
        if res.name == "countries.tsv":
            rows, prio = load_countries(text, origin), 1
        elif res.name == "roles.tsv":
            rows, prio = load_roles(text, origin), 0
        elif res.name == "gazetteer.tsv":
            rows, prio = load_gazetteer(text, origin), 1
        elif res.name.startswith("leaders") and res.name.endswith(".tsv"):
            rows, prio = load_leaders(text, origin), 2
        elif res.name.endswith((".yaml", ".yml")):
            rows, prio = load_yaml_entries(text, origin), 2
        else:
            continue
        out.extend((e, tuple(a), tuple(s), prio) for e, a, s in rows)
    return tuple(_merge_people(out))


def user_entries(paths: Iterable[str]) -> list[tuple[Entry, tuple[str, ...], tuple[str, ...], int]]:
    out = []
    for path in paths:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{p}: cannot read actors file: {exc}") from exc
        out.extend((e, tuple(a), tuple(s), 3) for e, a, s in load_yaml_entries(text, str(p)))
    return out


# ---------------------------------------------------------------------------- index


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def alias_tokens(text: str) -> list[str]:
    """How spaCy's English tokenizer splits an alias (the same split as the parsed article)."""
    return [t.text for t in _tokenizer()(text.replace("’", "'"))]


def _make_alias(text: str, entry: Entry, short: bool, priority: int) -> Alias | None:
    toks = alias_tokens(text)
    if not toks:
        return None
    cased = tuple(t != t.lower() for t in toks)
    exact = tuple(t if (t.isupper() and len(t.replace(".", "")) <= 3) else None for t in toks)
    return Alias(tuple(t.lower() for t in toks), entry, cased, exact, short, priority)


_SWAPS = ((" for ", " of "), (" of ", " for "), ("Center", "Centre"), ("Centre", "Center"),
          ("Organization", "Organisation"), ("Organisation", "Organization"),
          ("Defense", "Defence"), ("Defence", "Defense"))


def _variants(aliases: Iterable[str]) -> list[str]:
    """Spellings news writers use for the same name: "Center of ..." for "Center for ..."."""
    out = []
    for alias in aliases:
        for old, new in _SWAPS:
            if old in alias:
                out.append(alias.replace(old, new))
        if alias.startswith("the "):
            out.append(alias[4:])
    return out


_FUZZY_MIN = 6  # a misspelt word must have this many letters ("Ethopia", "Quatar")
#: real words one letter away from a country word ("Roland" is not "Poland")
FUZZY_STOP = frozenset({
    "roland", "greene", "frances", "indiana", "kenyon", "nigerien", "guiana", "servia", "malaya",
    "indians", "indies", "canadien", "canadiens", "jordans", "island", "mexica", "persian", "persians",
    "bolivar", "israels", "koreans", "russell", "bosnian", "tibetan",
})


def _add_fuzzy(kb: KnowledgeBase, text: str, entry: Entry) -> None:
    """Index a one-word country name or demonym for one-letter misspellings: the word with
    one letter deleted at position i (key (word, i)) and the whole word (key (word, -1))."""
    if " " in text or not text.isalpha() or len(text) < _FUZZY_MIN - 1:
        return
    low = text.lower()
    keys = [(low, -1)] + [(low[:i] + low[i + 1:], i) for i in range(len(low))]
    for key in keys:
        old = kb.fuzzy.get(key, entry)
        kb.fuzzy[key] = entry if old is entry or (old and old.roles[0].code == entry.roles[0].code) else None


def fuzzy_entry(kb: KnowledgeBase, word: str) -> Entry | None:
    """The country or people one typing slip away from ``word`` (capitalised, >= 6 letters),
    when only one is."""
    low = word.lower()
    if len(low) < _FUZZY_MIN or not word[:1].isupper() or not word.isalpha() or low in FUZZY_STOP:
        return None
    found: set[int] = set()
    hits: list[Entry] = []
    for i in range(len(low)):
        cut = low[:i] + low[i + 1:]
        for key in ((cut, -1), (cut, i)):  # an extra letter; a wrong letter
            e = kb.fuzzy.get(key)
            if e is not None and id(e) not in found:
                found.add(id(e))
                hits.append(e)
    for i in range(len(low) + 1):  # a missing letter: word == alias minus letter i
        e = kb.fuzzy.get((low, i))
        if e is not None and id(e) not in found:
            found.add(id(e))
            hits.append(e)
    codes = {h.roles[0].code for h in hits}
    return hits[0] if len(codes) == 1 else None


@lru_cache(maxsize=8)
def build_kb(user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The index over packaged entries plus the user's files (which win ties)."""
    kb = KnowledgeBase()
    for entry, aliases, shorts, prio in (*packaged_entries(), *user_entries(user_files)):
        if entry.kind in ("org", "seat"):
            aliases = (*aliases, *_variants(aliases))
        for text, short in [*((a, False) for a in aliases), *((s, True) for s in shorts)]:
            alias = _make_alias(text, entry, short, prio)
            if alias:
                kb.add(alias)
        if entry.kind in ("org", "seat", "person"):
            for text in aliases:
                kb.by_norm.setdefault(norm_key(text), entry)
        if entry.kind == "country":
            kb.by_code.setdefault(entry.roles[0].code or "", entry)
        if entry.kind in ("country", "demonym") and (entry.roles[0].code or entry.candidates):
            for text in aliases:
                _add_fuzzy(kb, text, entry)
        for role in entry.roles:
            if entry.kind == "person" and role.code and role.title:
                kb.offices.setdefault((role.code, _office(role.title)), []).append(entry)
    kb.finish()
    return kb
