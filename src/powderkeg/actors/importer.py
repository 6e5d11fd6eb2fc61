"""Import TABARI/PETRARCH actor and agent dictionaries into powderkeg's YAML schema.

    entries = import_tabari("Phoenix.Countries.actors.txt")   # list of plain dicts
    write_yaml(entries, "my-actors.yaml", source="Phoenix.Countries.actors.txt")

then ``Settings(actors_files=("my-actors.yaml",))``. The TABARI format, as read here:

- ``NAME_ [CODE] # comment`` starts an entry; words are joined by ``_``;
- ``+ALIAS_`` lines add aliases to the entry above;
- indented ``[CODE 030101-080630]`` lines give dated codes (``>date`` from, ``<date``
  until; dates YYMMDD, years up to 30 read as 20xx, or YYYYMMDD);
- agents files (``FARMER [~AGR]``) map role nouns to agent codes; ``!SET! = A, B``
  defines a substitution set used as ``CATTLE!PERSON!``; ``{...}`` plural hints are dropped.

CAMEO codes are read as a three-letter country (or IGO/NGO/MNC) followed by three-letter
agent codes; the first agent code we can map gives the sector.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

from powderkeg.actors.kb import parse_entry
from powderkeg.errors import KnowledgeError

#: CAMEO agent codes -> our sectors (None: no sector of ours fits)
AGENT_SECTORS: dict[str, str | None] = {
    "GOV": "GOV", "MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "COP": "COP", "SPY": "SPY",
    "OPP": "OPP", "PTY": "PTY", "REB": "REB", "INS": "INS", "CVL": "CVL", "MED": "MED",
    "BUS": "BUS", "EDU": "EDU", "REL": "REL", "NGO": "NGO", "IGO": "IGO", "UAF": "REB",
    "SEP": "REB", "RAD": "INS", "LAB": "CVL", "AGR": "CVL", "REF": "CVL", "PPL": "CVL",
    "ENV": "NGO", "HRI": "NGO", "MUS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL",
    "HIN": "REL", "ELI": "GOV", "HLH": "GOV", "MOD": None, "CRM": None, "IMG": "INS",
}
_NON_STATE = {"IGO", "NGO", "MNC", "IMG", "NGM", "UIS"}
_SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "al", "de", "du", "la", "el", "bin", "van",
          "von"}
_CODE = re.compile(r"\[([^\]]*)\]")
_SETDEF = re.compile(r"^(![A-Za-z]+!)\s*=\s*(.+)$")


def _date(text: str) -> dt.date | None:
    digits = text.strip()
    try:
        if len(digits) == 6:
            yy = int(digits[:2])
            return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return None


def parse_code(raw: str) -> dict[str, Any] | None:
    """"DZAGOVAGR 030101-080630" -> {code: DZA, sector: GOV, start, end}; None if unusable."""
    parts = raw.strip().split()
    if not parts:
        return None
    code_str = parts[0].lstrip("~").upper()
    country = None
    if not parts[0].startswith("~"):
        country, code_str = code_str[:3], code_str[3:]
        if country in _NON_STATE:
            code_str = country + code_str if country not in ("IGO", "NGO", "MNC") else code_str
            country = country if country in ("IGO", "NGO", "MNC") else None
        elif not re.fullmatch(r"[A-Z]{3}", country):
            return None
    sector = next((AGENT_SECTORS[code_str[i:i + 3]] for i in range(0, len(code_str), 3)
                   if AGENT_SECTORS.get(code_str[i:i + 3])), None)
    if country in ("IGO", "NGO") and sector is None:
        sector = country
    if country == "MNC" and sector is None:
        sector = "BUS"
    role: dict[str, Any] = {"code": country, "sector": sector}
    span = parts[1] if len(parts) > 1 else ""
    if span.startswith(">"):
        role["start"] = _date(span[1:])
    elif span.startswith("<"):
        role["end"] = _date(span[1:])
    elif "-" in span:
        a, _, b = span.partition("-")
        role["start"], role["end"] = _date(a), _date(b)
    if role.get("start") and role.get("end") and role["end"] < role["start"]:
        role.pop("end")
    return role if (country or sector) else None


def phrase(raw: str, lower: bool = False) -> str:
    """"THE_UNITED_NATIONS_" -> "the United Nations"; one short word stays an acronym."""
    text = re.sub(r"\{[^}]*\}", "", raw).replace("_", " ").strip(" +")
    text = re.sub(r"\s+", " ", text)
    if lower:
        return text.lower()
    words = text.split(" ")
    if len(words) == 1 and len(text) <= 3:
        return text
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if (lw in _SMALL and i > 0) or (lw == "the" and i == 0) else
                   "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def _expand(text: str, sets: dict[str, list[str]]) -> list[str]:
    names = re.findall(r"![A-Za-z]+!", text)
    if not names:
        return [text]
    choices = [sets.get(n, [n.strip("!")]) for n in names]
    out = []
    for combo in itertools.product(*choices):
        t = text
        for name, value in zip(names, combo, strict=True):
            t = t.replace(name, value, 1)
        out.append(t)
    return out


def _finish(entry: dict[str, Any] | None, out: list[dict[str, Any]]) -> None:
    if not entry or not entry["roles"]:
        return
    roles = entry["roles"]
    dated = any(r.get("start") or r.get("end") for r in roles)
    codes_only = all(r["sector"] is None for r in roles)
    state = roles[0]["code"] not in (None, "IGO", "NGO", "MNC")
    entry["kind"] = "person" if dated else ("country" if codes_only and state else "org")
    if not entry["aliases"]:
        del entry["aliases"]
    out.append(entry)


def import_tabari(path: str | Path) -> list[dict[str, Any]]:
    """Read a TABARI actors or agents file into entries of powderkeg's YAML schema."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"{p}: cannot read TABARI file: {exc}") from exc
    sets: dict[str, list[str]] = {}
    out: list[dict[str, Any]] = []
    entry: dict[str, Any] | None = None
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        setdef = _SETDEF.match(body.strip())
        if setdef:
            sets[setdef.group(1)] = [w.strip() for w in setdef.group(2).split(",") if w.strip()]
            continue
        codes = [c for c in (parse_code(m) for m in _CODE.findall(body)) if c]
        text = _CODE.sub("", body).strip()
        if body[:1] in (" ", "\t") and not text:
            if entry is not None:
                entry["roles"].extend(codes)
        elif body.startswith("+"):
            if entry is not None:
                entry["aliases"].extend(phrase(t) for t in _expand(text, sets) if phrase(t))
        elif text:
            _finish(entry, out)
            agent = any(m.strip().startswith("~") for m in _CODE.findall(body))
            names = [phrase(t, lower=agent) for t in _expand(text, sets)]
            names = [n for n in names if n]
            if not names:
                entry = None
                continue
            entry = {"name": names[0], "aliases": names[1:], "roles": codes}
            if agent:
                entry["kind_hint"] = "role"
    _finish(entry, out)
    for e in out:
        if e.pop("kind_hint", None):
            e["kind"] = "role"
    for i, e in enumerate(out):
        parse_entry(e, str(p), i)  # schema check: raises KnowledgeError naming the entry
    return out


def write_yaml(entries: list[dict[str, Any]], path: str | Path, source: str = "") -> Path:
    """Write entries as a powderkeg actors file (loadable via ``Settings.actors_files``)."""
    import yaml

    p = Path(path)
    header = (f"# powderkeg actors file imported from {source or 'a TABARI dictionary'}\n"
              "# by powderkeg.actors.importer; schema: docs/actors.md\n")
    clean = [{k: v for k, v in e.items() if v not in (None, [], "")} for e in entries]
    for e in clean:
        e["roles"] = [{k: v for k, v in r.items() if v is not None} for r in e.get("roles", [])]
    body = yaml.safe_dump({"actors": clean}, allow_unicode=True, sort_keys=False, width=110)
    p.write_text(header + body, encoding="utf-8")
    return p
