"""Claims on texts written for these tests: about, holder, non-claims, groups."""

from __future__ import annotations


def _claim(result, value):
    hits = [c for c in result.claims if c.value == value]
    assert hits, [(c.value, c.about) for c in result.claims]
    return hits[0]


def test_about_and_holder_from_reporting_verb(run_text) -> None:
    result = run_text("Officials in Kyiv estimated that about 1,200 Russian soldiers were wounded.")
    c = _claim(result, 1200)
    assert c.qualifier == "approximately" and c.about == "Russian soldiers"
    assert c.holder is not None and "Officials" in c.holder.text
    assert result.article.text[c.evidence.start : c.evidence.end] == c.evidence.text


def test_number_in_direct_quote_is_held_by_the_speaker(run_text) -> None:
    result = run_text("“We lost 40 percent of our tanks,” said General Anna Kovacs.")
    c = _claim(result, 40)
    assert c.unit == "percent" and c.holder is not None and c.holder.name == "Anna Kovacs"


def test_article_itself_holds_unattributed_numbers(run_text) -> None:
    c = _claim(run_text("The storm destroyed 300 homes in the valley."), 300)
    assert c.holder is None and c.about == "homes" and c.date == "2024-10-26"


def test_of_whom_counts_the_predicate(run_text) -> None:
    result = run_text("The army detained 40 people, five of whom are journalists.")
    assert _claim(result, 5).about == "journalists"


def test_non_claims(run_text) -> None:
    text = ("On March 3, 2023, at 08:00, the two leaders met for the first time. "
            "One of the F-16 pilots, a 45-year-old, read Resolution 2231 on page 4.")
    assert run_text(text).claims == []


def test_disagreeing_counts_share_a_group(run_text) -> None:
    text = ("The ministry said 2,000 foreign troops had crossed the border. "
            "Rebels claimed that more than 5,000 foreign soldiers were there, including 300 officers.")
    result = run_text(text)
    a, b, officers = _claim(result, 2000), _claim(result, 5000), _claim(result, 300)
    assert a.group is not None and a.group == b.group
    assert officers.group != a.group
    assert a.holder is not None and b.holder is not None and a.holder.text != b.holder.text


def test_claims_are_deterministic(run_text) -> None:
    text = "Police said some 200 protesters were arrested."
    assert run_text(text).claims == run_text(text).claims
