"""Historical office holders, places, peoples and in-article rules, on sentences we wrote."""

from __future__ import annotations

import datetime as dt

import pytest

from powderkeg.actors.kb import build_kb, fuzzy_entry, load_leaders
from powderkeg.errors import KnowledgeError

D1990 = dt.date(1990, 6, 1)
D2000 = dt.date(2000, 1, 1)


def codes(nlp, resolver, text: str, when: dt.date | None = D2000) -> dict[str, tuple[str | None, str | None]]:
    return {a.text: (a.code, a.sector) for a in resolver.resolve(nlp(text), when)}


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("President Reagan met reporters.", "President Reagan", "USA"),           # out of tenure, titled
        ("Prime Minister Ehud Barak flew home.", "Prime Minister Ehud Barak", "ISR"),
        ("President Omar Hassan al-Bashir spoke.", "President Omar Hassan al-Bashir", "SDN"),
        ("Mitterrand arrived in Bonn.", "Mitterrand", "FRA"),
        ("Vice-President Moody Awori declined to resign.", "Vice-President Moody Awori", "KEN"),
        ("U.N. Secretary-General Kofi Annan left.", "U.N. Secretary-General Kofi Annan", "IGO"),
    ],
)
def test_historical_leaders_keep_their_country(nlp, resolver, text, mention, code):
    assert codes(nlp, resolver, text)[mention][0] == code


def test_surname_alone_needs_tenure_or_title(nlp, resolver):
    assert codes(nlp, resolver, "Reagan said so.", dt.date(2020, 1, 1))["Reagan"][0] is None
    assert codes(nlp, resolver, "Reagan said so.", dt.date(1987, 1, 1))["Reagan"] == ("USA", "GOV")


def test_same_surname_picks_the_holder_nearest_in_time(resolver):
    bush_1990 = resolver.lookup("President Bush", D1990)
    bush_2004 = resolver.lookup("President Bush", dt.date(2004, 1, 1))
    assert bush_1990.name == "George H. W. Bush" and bush_2004.name == "George W. Bush"


@pytest.mark.parametrize(
    ("text", "mention", "code", "sector"),
    [
        ("Syria offered troops to Lebanon's new President Elias Hrawi.",
         "Lebanon's new President Elias Hrawi", "LBN", "GOV"),
        ("Israel's high court ruled on Sunday.", "Israel's high court", "ISR", "JUD"),
        ("The European Community imposed sanctions.", "The European Community", "IGO", "IGO"),
        ("The Warsaw Pact met in Prague.", "The Warsaw Pact", "IGO", "IGO"),
        ("The International Labour Office said so.", "The International Labour Office", "IGO", "IGO"),
        ("Israeli troops stayed in the West Bank.", "the West Bank", "PSE", None),
        ("A bomb exploded near Samarra.", "Samarra", "IRQ", None),
        ("UNITA attacked a convoy.", "UNITA", "AGO", "REB"),
        ("Jewish settlers blocked the road.", "Jewish settlers", "ISR", "CVL"),
        ("Tamil refugees fled.", "Tamil refugees", "LKA", "CVL"),
        ("Ethopia reopened its borders.", "Ethopia", "ETH", None),
    ],
)
def test_classes_of_actors(nlp, resolver, text, mention, code, sector):
    assert codes(nlp, resolver, text)[mention] == (code, sector)


def test_place_after_an_actor_gives_its_code(nlp, resolver):
    found = codes(nlp, resolver, "Government troops fought the rebels in Darfur.")
    assert found["the rebels"] == ("SDN", "REB")


def test_coordinated_demonyms_share_the_head_sector(nlp, resolver):
    found = codes(nlp, resolver, "Sierra Leonean and Liberian refugees crossed the border.")
    assert found["Sierra Leonean"] == ("SLE", "CVL") and found["Liberian refugees"] == ("LBR", "CVL")


def test_acronym_defined_in_the_article_wins(nlp, resolver):
    text = ("The main Hutu rebel group, Forces for the Liberation of Burundi (FLB), made demands "
            "of Burundi's government. The FLB said talks had failed.")
    found = codes(nlp, resolver, text)
    assert found["FLB"] == found["The FLB"] == ("BDI", "MIL")
    assert found["Hutu rebel group"][0] == "BDI"  # a people across borders: the article's country
    # a known group's acronym, not the think tank the knowledge base also calls "FDD"
    text = "Forces for Defence of Democracy (FDD) rebels attacked. The FDD denied it."
    found = codes(nlp, resolver, text)
    assert found["The FDD"] == ("BDI", "REB")


def test_ethnic_minority_takes_the_country_it_lives_in(nlp, resolver):
    assert codes(nlp, resolver, "Ethnic Albanians demonstrated in Serbia.")["Albanians"][0] == "SRB"


def test_fuzzy_country_words_are_safe():
    kb = build_kb()
    assert fuzzy_entry(kb, "Ethopia").roles[0].code == "ETH"
    assert fuzzy_entry(kb, "Quatar").roles[0].code == "QAT"
    for word in ("Roland", "Greene", "Indiana", "Frances", "Gambia", "ethopia"):
        entry = fuzzy_entry(kb, word)
        assert entry is None or word == "Gambia"


def test_leaders_tsv_schema():
    rows = load_leaders("USA\tPresident\tA B\t1990\t1994\tA. B.\tB\n"
                        "USA\tSenator\tA B\t1980\t1990\t\t\tLEG\n", "x.tsv")
    (entry, aliases, _shorts), = rows
    assert [r.title for r in entry.roles] == ["Senator", "President"] and aliases == ["A B", "A. B."]
    with pytest.raises(KnowledgeError, match="ends"):
        load_leaders("USA\tPresident\tA B\t1990\t1980\n", "x.tsv")
