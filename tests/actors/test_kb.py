"""The packaged knowledge base loads, passes its schema check, and rejects bad data."""

from __future__ import annotations

import datetime as dt

import pytest

from powderkeg.actors.kb import build_kb, load_countries, load_roles, load_yaml_entries, packaged_entries
from powderkeg.errors import KnowledgeError


def test_packaged_data_loads():
    entries = packaged_entries()
    kinds = {e.kind for e, *_ in entries}
    assert {"country", "demonym", "capital", "person", "org", "seat", "role"} <= kinds
    codes = {e.roles[0].code for e, *_ in entries if e.kind == "country"}
    assert len(codes) >= 195 and {"TWN", "PSE", "XKX", "PRK", "KOR"} <= codes


def test_leaders_cover_many_states():
    entries = packaged_entries()
    states = {r.code for e, *_ in entries if e.kind == "person" for r in e.roles}
    assert len(states) >= 60


def test_holder_by_date():
    kb = build_kb()
    assert kb.holder("USA", "President", dt.date(2024, 1, 1)).name == "Joe Biden"
    assert kb.holder("USA", "President", dt.date(2025, 6, 1)).name == "Donald Trump"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors:\n  - code: USA\n", "has no name"),
        ("actors:\n  - {name: X, sector: ARMY}\n", "sector 'ARMY'"),
        ("actors:\n  - {name: X, colour: red}\n", "unknown key"),
        ("actors:\n  - {name: X, roles: [{code: USA, start: 2020-01-01, end: 2019-01-01}]}\n", "ends"),
        ("actors:\n  - {name: X, roles: [{code: USA, start: yesterday}]}\n", "date"),
        ("just a string\n", "top-level 'actors:'"),
        ("actors: [\n", "not valid YAML"),
    ],
)
def test_yaml_schema_errors(text, message):
    with pytest.raises(KnowledgeError, match=message) as info:
        load_yaml_entries(text, "user.yaml")
    assert "user.yaml" in str(info.value)


def test_tsv_errors():
    with pytest.raises(KnowledgeError, match=r"countries\.tsv: entry line 1"):
        load_countries("usa\tUnited States\n", "countries.tsv")
    with pytest.raises(KnowledgeError, match="strength"):
        load_roles("troops\tMIL\tvery\n", "roles.tsv")
