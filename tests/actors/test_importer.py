"""The TABARI importer on a snippet we wrote, and (with ../shared) on the real dictionaries."""

from __future__ import annotations

import datetime as dt

import pytest

from powderkeg.actors import ActorResolver
from powderkeg.actors.importer import import_tabari, parse_code, write_yaml
from powderkeg.config import Settings
from powderkeg.errors import KnowledgeError

SNIPPET = """\
# a made-up TABARI file
FREEDONIA_  [FRE]
+FREEDONIAN_
+REPUBLIC_OF_FREEDONIA

RUFUS_T_FIREFLY_  # invented leader
+FIREFLY_
\t[FREGOV 330101-331231]
\t[FREOPP >340101]

SYLVANIAN_LIBERATION_FRONT_ [SYLREB] # invented group
+SLF_
"""

AGENTS = """\
!PERSON! = MAN, MEN
PATROL!PERSON! [~COP]
POLICE {} [~COP]
GRAIN_FARMER [~AGR]
"""


def test_parse_code():
    assert parse_code("DZAGOVAGR 030101-080630") == {
        "code": "DZA", "sector": "GOV", "start": dt.date(2003, 1, 1), "end": dt.date(2008, 6, 30)}
    assert parse_code("IGOUNO >20070101") == {"code": "IGO", "sector": "IGO", "start": dt.date(2007, 1, 1)}
    assert parse_code("~MIL") == {"code": None, "sector": "MIL"}
    assert parse_code("IMGMUSALQ")["sector"] == "INS"


def test_import_snippet(tmp_path):
    src = tmp_path / "freedonia.actors.txt"
    src.write_text(SNIPPET, encoding="utf-8")
    entries = import_tabari(src)
    by_name = {e["name"]: e for e in entries}
    assert by_name["Freedonia"]["kind"] == "country"
    assert "Republic of Freedonia" in by_name["Freedonia"]["aliases"]
    firefly = by_name["Rufus T Firefly"]
    assert firefly["kind"] == "person"
    assert firefly["roles"][0] == {"code": "FRE", "sector": "GOV",
                                   "start": dt.date(1933, 1, 1), "end": dt.date(1933, 12, 31)}
    assert by_name["Sylvanian Liberation Front"]["roles"] == [{"code": "SYL", "sector": "REB"}]


def test_import_agents_expands_sets(tmp_path):
    src = tmp_path / "agents.txt"
    src.write_text(AGENTS, encoding="utf-8")
    entries = import_tabari(src)
    names = {e["name"]: e for e in entries}
    assert {"patrolman", "police", "grain farmer"} <= set(names)
    assert names["patrolman"]["aliases"] == ["patrolmen"]
    assert names["patrolman"]["kind"] == "role" and names["police"]["roles"][0]["sector"] == "COP"


def test_written_yaml_loads_as_user_actors(tmp_path, nlp):
    src = tmp_path / "freedonia.actors.txt"
    src.write_text(SNIPPET, encoding="utf-8")
    out = write_yaml(import_tabari(src), tmp_path / "freedonia.yaml", source="test snippet")
    resolver = ActorResolver(Settings(actors_files=(str(out),)))
    actors = resolver.resolve(nlp("Rufus T Firefly declared war on Sylvanian Liberation Front."),
                              dt.date(1933, 6, 1))
    firefly = next(a for a in actors if "Firefly" in a.text)
    assert (firefly.code, firefly.sector) == ("FRE", "GOV")


def test_bad_user_file_names_file_and_entry(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: Ruritania\n    code: RURITANIA\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml.*Ruritania"):
        ActorResolver(Settings(actors_files=(str(bad),)))


def test_missing_tabari_file(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        import_tabari(tmp_path / "nope.txt")


@pytest.mark.parametrize("name", ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                  "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"])
def test_real_dictionaries(shared, name):
    entries = import_tabari(shared / "reference" / "actors" / name)
    assert len(entries) > 500
    assert all(e["roles"] for e in entries)
