"""Behaviour of the resolver on small texts we wrote ourselves."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from powderkeg.actors import ActorResolver, actor_for_span
from powderkeg.records import Actor

D2024 = dt.date(2024, 10, 26)


def mentions(nlp, resolver, text: str, when: dt.date | None = D2024) -> list[Actor]:
    return resolver.resolve(nlp(text), when)


def find(actors: list[Actor], text: str) -> Actor:
    for a in actors:
        if a.text == text:
            return a
    raise AssertionError(f"no mention {text!r} in {[a.text for a in actors]}")


def test_sorted_non_overlapping_and_offsets(nlp, resolver):
    text = "Russian troops shelled Kharkiv on Monday, while NATO and the Kremlin traded accusations."
    actors = mentions(nlp, resolver, text)
    assert actors == sorted(actors, key=lambda a: a.start)
    for a, b in itertools.pairwise(actors):
        assert a.end <= b.start
    for a in actors:
        assert text[a.start:a.end] == a.text


@pytest.mark.parametrize(
    ("text", "mention", "code", "sector"),
    [
        ("North Korean soldiers were training in Russia.", "North Korean soldiers", "PRK", "MIL"),
        ("Moscow denied the report.", "Moscow", "RUS", "GOV"),
        ("The Kremlin said talks would go on.", "The Kremlin", "RUS", "GOV"),
        ("Pyongyang fired a missile on Friday.", "Pyongyang", "PRK", "GOV"),
        ("The Pentagon said it would send more jets.", "The Pentagon", "USA", "MIL"),
        ("Ukrainian lawmakers voted for the bill.", "Ukrainian lawmakers", "UKR", "LEG"),
        ("Iranian police arrested dozens of protesters.", "Iranian police", "IRN", "COP"),
        ("Hamas fighters crossed the border.", "Hamas fighters", "PSE", "REB"),
        ("The UN Security Council met on Tuesday.", "The UN Security Council", "IGO", "IGO"),
        ("Britain summoned the ambassador.", "Britain", "GBR", None),
        ("The Biden administration acknowledged the report.", "The Biden administration", "USA", "GOV"),
    ],
)
def test_single_mentions(nlp, resolver, text, mention, code, sector):
    a = find(mentions(nlp, resolver, text), mention)
    assert (a.code, a.sector) == (code, sector)


def test_possessive_and_role_compose(nlp, resolver):
    text = "Ukraine's military defense intelligence service said it had seen the troops."
    a = find(mentions(nlp, resolver, text), "Ukraine's military defense intelligence service")
    assert a.code == "UKR" and a.sector == "SPY"


def test_title_and_known_person(nlp, resolver):
    a = find(mentions(nlp, resolver, "Ukrainian President Volodymyr Zelensky spoke on Friday."),
             "Ukrainian President Volodymyr Zelensky")
    assert (a.code, a.sector, a.name, a.title) == ("UKR", "GOV", "Volodymyr Zelensky", "Ukrainian President")


def test_tenure_decides_short_alias(nlp, resolver):
    text = "Yoon said the army would respond."
    assert find(mentions(nlp, resolver, text, dt.date(2024, 10, 1)), "Yoon").code == "KOR"
    in_2026 = {a.text: a for a in mentions(nlp, resolver, text, dt.date(2026, 3, 1))}
    assert "Yoon" not in in_2026 or in_2026["Yoon"].sector != "GOV"


def test_unknown_person_keeps_null_code(nlp, resolver):
    a = find(mentions(nlp, resolver, "Maria Oberlander said the plan was sound."), "Maria Oberlander")
    assert a.code is None and a.name == "Maria Oberlander"


def test_nationality_introduces_person_and_surname_recalls_it(nlp, resolver):
    text = ("Ukrainian lawmaker Oleksandr Merezhko said the vote was close. "
            "Later, Merezhko said the bill would pass.")
    actors = mentions(nlp, resolver, text)
    first = find(actors, "Ukrainian lawmaker Oleksandr Merezhko")
    later = find(actors, "Merezhko")
    assert (first.code, first.sector) == ("UKR", "LEG")
    assert (later.code, later.name) == ("UKR", "Oleksandr Merezhko")


def test_appositive_gives_affiliation(nlp, resolver):
    text = ("\"It is serious,\" said Jane Doerfler, a senior fellow at the Brookings Institution. "
            "Doerfler said more.")
    actors = mentions(nlp, resolver, text)
    a = find(actors, "Jane Doerfler")
    assert (a.code, a.sector) == ("USA", "NGO")
    assert a.title and "senior fellow" in a.title
    assert find(actors, "Doerfler").code == "USA"


def test_party_state_tag(nlp, resolver):
    a = find(mentions(nlp, resolver, "Rep. Tom Holloway (D-Calif.) called for sanctions."), "Tom Holloway")
    assert (a.code, a.sector) == ("USA", "LEG")


def test_coordination_gives_two_mentions(nlp, resolver):
    actors = mentions(nlp, resolver, "U.S. and South Korean officials estimated the figure.")
    assert (find(actors, "U.S.").code, find(actors, "U.S.").sector) == ("USA", "GOV")
    assert find(actors, "South Korean officials").code == "KOR"


def test_pronoun_resolved_to_clause_subject(nlp, resolver):
    text = "South Korea said Thursday it might start arming Ukraine."
    actors = mentions(nlp, resolver, text)
    it = find(actors, "it")
    assert it.code == "KOR" and text[it.start:it.end] == "it"


def test_pronoun_after_quote(nlp, resolver):
    text = ("Kazimir Volgin, a researcher at Chatham House, spoke. "
            "\"We don't know,\" he said.")
    he = find(mentions(nlp, resolver, text), "he")
    assert he.name == "Kazimir Volgin" and he.code == "GBR"


def test_modifier_role_noun_is_not_an_actor(nlp, resolver):
    texts = [a.text for a in mentions(nlp, resolver, "They trained at Russian military bases.")]
    assert "Russian military" not in texts and "Russian" in texts


def test_place_words_are_not_countries(nlp, resolver):
    actors = mentions(nlp, resolver, "Tensions rose on the Korean Peninsula and in New Mexico.")
    assert all(a.code not in ("KOR", "MEX") for a in actors)


def test_lookup_out_of_context(resolver):
    a = resolver.lookup("the Kremlin", D2024)
    assert a is not None and (a.code, a.sector, a.start, a.end) == ("RUS", "GOV", 0, len("the Kremlin"))
    troops = resolver.lookup("North Korean troops", D2024)
    assert troops is not None and (troops.code, troops.sector) == ("PRK", "MIL")
    nato = resolver.lookup("NATO")
    assert nato is not None and (nato.code, nato.org) == ("IGO", "NATO")
    assert resolver.lookup("the weather", D2024) is None
    assert resolver.lookup("Center of Strategic and International Studies").code == "USA"


def test_lookup_office_holder_by_date(resolver):
    a = resolver.lookup("the Russian president", D2024)
    assert a is not None and a.name == "Vladimir Putin"
    assert resolver.lookup("Biden", dt.date(2024, 5, 1)).code == "USA"


def test_actor_for_span(nlp, resolver):
    text = "The Kremlin said North Korean troops had arrived."
    actors = mentions(nlp, resolver, text)
    start = text.index("Korean")
    assert actor_for_span(actors, start, start + 6).text == "North Korean troops"
    assert actor_for_span(actors, text.index("said"), text.index("said") + 4) is None


def test_headline_and_lowercase_words_do_not_match_cased_aliases(nlp, resolver):
    actors = mentions(nlp, resolver, "Tell us what you think about turkey and chad.")
    assert actors == [] or all(a.code is None for a in actors)


def test_empty_doc(nlp, resolver):
    assert resolver.resolve(nlp(""), None) == []


def test_resolver_without_settings_is_default():
    assert ActorResolver().kb is ActorResolver(None).kb


@pytest.mark.parametrize(
    "text, stance_word",
    [
        ("Pro-Russian separatists shelled Mariupol on Sunday.", "Russian"),
        ("Anti-Israel protesters marched in London.", "Israel"),
        ("A prominent anti-Syria journalist was killed in Beirut.", "Syria"),
        ("Pro-Kremlin bloggers praised the offensive.", "Kremlin"),
    ],
)
def test_pro_and_anti_name_a_stance_not_the_actor(nlp, resolver, text, stance_word):
    """ "pro-Russian separatists" are not Russia's and "anti-Israel protesters" not Israel's:
    the name after pro-/anti- makes no mention and gives no code."""
    actors = mentions(nlp, resolver, text)
    assert all(stance_word not in a.text for a in actors), [(a.text, a.code) for a in actors]


def test_a_name_after_a_plain_hyphen_still_counts(nlp, resolver):
    actors = mentions(nlp, resolver, "The Russia-Ukraine talks ended without a deal.")
    assert {a.code for a in actors} >= {"RUS", "UKR"}
