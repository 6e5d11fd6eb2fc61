"""Store round trips, idempotence and queries over hand-built results."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powderkeg.errors import StoreError
from powderkeg.records import Actor, Article, ArticleResult, Claim, Event, Span
from powderkeg.store import SCHEMA_VERSION, Store

OTHER = (
    "The foreign ministers of Japan and South Korea met in Tokyo on Friday and agreed to "
    "resume a regular security dialogue, suspended since 2018, officials said."
)
THIRD = (
    "Thousands of farmers blocked roads into Paris with tractors on Monday to protest against "
    "cheap imports and new environmental rules, police said."
)


def _dicts(result: ArticleResult) -> list[dict]:
    return [r.to_dict() for r in result.records()]


def test_round_trip_gives_back_exactly_the_contract_dicts(store: Store, make_result) -> None:
    first, second = make_result("a1"), make_result("a2", OTHER)
    summary = store.add([first, second])
    assert (summary.added, summary.skipped, summary.duplicates, summary.failed) == (2, 0, 0, 0)
    assert summary.records == {"event": 4, "quote": 2, "claim": 4}
    assert list(store.articles()) == [first.article.to_dict(), second.article.to_dict()]
    for kind, attr in (("event", "events"), ("quote", "quotes"), ("claim", "claims")):
        expected = [r.to_dict() for res in (first, second) for r in getattr(res, attr)]
        assert list(store.records(kind)) == expected
    assert [list(group) for group in store.results()] == [_dicts(first), _dicts(second)]


def test_round_trip_keeps_key_order_and_value_types(store: Store, make_result) -> None:
    result = make_result("a1")
    store.add([result])
    claims = list(store.records("claim"))
    assert [list(c) for c in claims] == [list(c.to_dict()) for c in result.claims]
    assert claims[0]["value"] == 12 and isinstance(claims[0]["value"], int)
    assert claims[1]["value"] == [1.5, 2.25]
    assert next(store.records("event"))["context"] == ["military"]


def test_adding_the_same_results_twice_stores_them_once(store: Store, make_result) -> None:
    results = [make_result("a1"), make_result("a2", OTHER)]
    store.add(results)
    again = store.add(results)
    assert (again.added, again.skipped) == (0, 2)
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["quotes"], counts["claims"]) == (2, 4, 2, 4)
    assert counts["runs"] == 2


def test_same_id_twice_in_one_batch_is_stored_once(store: Store, make_result) -> None:
    summary = store.add([make_result("a1"), make_result("a1")])
    assert (summary.added, summary.skipped) == (1, 1)
    assert store.counts()["events"] == 2


def test_same_text_under_another_id_is_an_alias_not_a_second_copy(store: Store, make_result) -> None:
    store.add([make_result("a1")])
    summary = store.add([make_result("copy-of-a1")])
    assert (summary.added, summary.duplicates) == (0, 1)
    assert store.counts()["articles"] == 1 and store.counts()["aliases"] == 1
    assert store.canonical_id("copy-of-a1") == "a1"
    assert store.article("copy-of-a1")["id"] == "a1"
    rerun = store.add([make_result("a1"), make_result("copy-of-a1")])
    assert (rerun.added, rerun.duplicates, rerun.skipped) == (0, 0, 2)


def test_events_filter_by_code_type_quad_factuality_and_date(store: Store, make_result) -> None:
    store.add([make_result("a1"), make_result("a2", OTHER, with_records=False)])
    assert [e["id"] for e in store.events(source="RUS")] == ["a1-e1", "a1-e2"]
    assert [e["id"] for e in store.events(target="UKR")] == ["a1-e1"]
    assert [e["id"] for e in store.events(target="IGO", factuality="reported")] == ["a1-e1"]
    assert list(store.events(source="UKR")) == []
    assert [e["id"] for e in store.events(factuality="negated", quad="material_conflict")] == ["a1-e2"]
    assert [e["id"] for e in store.events(since="2024-11-02")] == ["a1-e1"]
    assert [e["id"] for e in store.events(until="2024-11-01", type="ASSAULT")] == ["a1-e2"]
    with pytest.raises(StoreError, match="as a date"):
        list(store.events(since="last week"))


def test_event_actors_table_has_one_row_per_actor(store: Store, make_result) -> None:
    store.add([make_result("a1")])
    rows = store.connection.execute(
        "SELECT event_id, role, code, org FROM event_actors ORDER BY event_id, role, position"
    ).fetchall()
    assert rows == [("a1-e1", "source", "RUS", None), ("a1-e1", "target", "UKR", None),
                    ("a1-e1", "target", "IGO", "UN"), ("a1-e2", "source", "RUS", None)]


def test_records_of_one_article_and_unknown_kind(store: Store, make_result) -> None:
    store.add([make_result("a1"), make_result("a2", OTHER)])
    assert {q["article_id"] for q in store.records("quotes", article_id="a2")} == {"a2"}
    assert store.article("nope") is None
    with pytest.raises(StoreError, match="unknown record kind 'incident'"):
        list(store.records("incident"))


def test_reopening_keeps_everything(tmp_path: Path, make_result) -> None:
    result = make_result("a1")
    with Store(tmp_path / "s.duckdb") as store:
        store.add([result])
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.version == SCHEMA_VERSION
        assert [list(g) for g in store.results()] == [_dicts(result)]
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add([result]).skipped == 1


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "missing.duckdb", read_only=True)


_odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\x00\n\r\t\u200b\u202e\ufeff😀é"),
    min_size=0, max_size=200,
)
_optional = st.none() | _odd_text


@settings(max_examples=40, deadline=None)
@given(text=_odd_text, title=_optional, outlet=_optional, url=_optional,
       article_id=st.text(alphabet=string.printable + "éü中", min_size=1, max_size=40))
def test_any_unicode_article_round_trips(text, title, outlet, url, article_id) -> None:
    article = Article(id=article_id, title=title, outlet=outlet, url=url, text=text, published=None)
    with Store(":memory:") as store:
        summary = store.add([ArticleResult(article=article)])
        assert summary.failed == 0, summary.failures
        assert list(store.articles()) == [article.to_dict()]


_code = st.none() | st.sampled_from(["RUS", "UKR", "IGO"])
_actor = st.builds(Actor, text=_odd_text, name=_optional, code=_code,
                   start=st.integers(0, 10**6), end=st.integers(0, 10**6), org=_optional, title=_optional)
_span = st.builds(Span, start=st.integers(0, 10**6), end=st.integers(0, 10**6), text=_odd_text)
_number = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=30, deadline=None)
@given(source=st.lists(_actor, max_size=3), target=st.lists(_actor, max_size=3), evidence=_span,
       intensity=_number, value=_number | st.tuples(_number, _number), holder=st.none() | _actor)
def test_any_event_and_claim_round_trip(source, target, evidence, intensity, value, holder) -> None:
    article = Article(id="a", text="some text")
    event = Event(id="e", article_id="a", type="PROTEST", quad="verbal_conflict", intensity=intensity,
                  source=tuple(source), target=tuple(target), evidence=evidence, trigger=evidence)
    claim = Claim(id="c", article_id="a", value=value, holder=holder, evidence=evidence)
    with Store(":memory:") as store:
        assert store.add([ArticleResult(article=article, events=[event], claims=[claim])]).failed == 0
        assert list(store.records("event")) == [event.to_dict()]
        assert list(store.records("claim")) == [claim.to_dict()]
