"""Elliptic country names, regions, non-actor names, role-noun anaphora and 2024-25
office holders, on sentences we wrote ourselves."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date(2024, 11, 20)


def resolve(nlp, resolver, text, when=D):
    return {a.text: a for a in resolver.resolve(nlp(text), when)}


def test_abbreviated_korea_names(nlp, resolver):
    got = resolve(nlp, resolver, "N. Korea sent envoys while S. Korea and S. Korean diplomats protested.")
    assert got["N. Korea"].code == "PRK"
    assert got["S. Korea"].code == "KOR"
    assert (got["S. Korean diplomats"].code, got["S. Korean diplomats"].sector) == ("KOR", "GOV")


def test_the_north_needs_the_country_in_the_article(nlp, resolver):
    got = resolve(nlp, resolver, "Pyongyang denied the report. Officials in Seoul said the North would pay "
                                 "and the South would respond.")
    assert got["the North"].code == "PRK"
    assert got["the South"].code == "KOR"
    got = resolve(nlp, resolver, "Farmers in the North harvested wheat while the South Atlantic stayed calm.")
    assert "the North" not in got and "the South" not in got


@pytest.mark.parametrize(("phrase", "code"), [
    ("the Kursk region", "RUS"), ("Kursk Oblast", "RUS"), ("the Kursk border region", "RUS"),
    ("the Donetsk region", "UKR"), ("the Zaporizhzhia region", "UKR"),
])
def test_regions_are_places_of_their_country(nlp, resolver, phrase, code):
    got = resolve(nlp, resolver, f"Heavy fighting was reported in {phrase} on Sunday.")
    assert got[phrase].code == code and got[phrase].sector is None


def test_weapons_and_treaties_are_not_actors(nlp, resolver):
    text = ("Kyiv fired Army Tactical Missile Systems (ATACMS) and Storm Shadow missiles at Russia, and later "
            "ATACMS again, while Moscow ratified the Mutual Defence and Friendship Treaty with Pyongyang.")
    got = resolve(nlp, resolver, text)
    assert {"Kyiv", "Russia", "Moscow", "Pyongyang"} <= set(got)
    assert not any(w in t for t in got for w in ("ATACMS", "Missile", "Storm", "Treaty", "Army"))


def test_role_nouns_take_their_group(nlp, resolver):
    text = ("North Korea has sent 10,000 soldiers to Russia, officials said. The soldiers wear Russian uniforms. "
            "Moscow said its forces were advancing.")
    got = resolve(nlp, resolver, text)
    assert (got["soldiers"].code, got["soldiers"].sector) == ("PRK", "MIL")
    assert got["The soldiers"].code == "PRK"
    assert got["forces"].code is None  # someone else's forces: left to the possessive


def test_bare_role_noun_without_any_country_stays_uncoded(nlp, resolver):
    got = resolve(nlp, resolver, "Authorities said troops clashed with party members.")
    assert (got["Authorities"].code, got["Authorities"].sector) == (None, "GOV")
    assert (got["troops"].code, got["troops"].sector) == (None, "MIL")


@pytest.mark.parametrize(("name", "when", "code", "sector", "org"), [
    ("Mark Rutte", "2024-06-01", "NLD", "GOV", None),
    ("Mark Rutte", "2024-11-20", "IGO", "IGO", "NATO"),
    ("Jens Stoltenberg", "2024-06-01", "IGO", "IGO", "NATO"),
    ("Kaja Kallas", "2025-01-10", "IGO", "IGO", "EU"),
    ("Donald Trump", "2024-12-01", "USA", "GOV", None),
    ("Choi Sang-mok", "2025-01-10", "KOR", "GOV", None),
    ("Shin Won-sik", "2024-11-20", "KOR", "GOV", None),
    ("No Kwang Chol", "2024-11-30", "PRK", "GOV", None),
    ("Andrii Sybiha", "2024-11-20", "UKR", "GOV", None),
])
def test_office_holders(resolver, name, when, code, sector, org):
    a = resolver.lookup(name, dt.date.fromisoformat(when))
    assert (a.code, a.sector, a.org) == (code, sector, org)
