"""A bad article is recorded and rolled back alone; everything else stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from powderkeg.errors import FormatError
from powderkeg.records import ArticleResult, Event, Span
from powderkeg.store import Store

TEXTS = [
    "The army of Sudan said on Monday it had retaken a bridge over the Nile in Khartoum.",
    "Chile and Argentina signed an agreement on Tuesday to share data on glacier melt.",
    "Police in Nairobi fired tear gas at protesters demanding lower fuel prices on Friday.",
    "India announced on Thursday new tariffs on steel imports from three countries.",
]


def _broken(make_result) -> ArticleResult:
    """An article whose second event names another article: the store must refuse it whole."""
    result = make_result("bad", "A completely different story about a flood in a river valley.")
    stray = Event(id="stray", article_id="someone-else", type="AID", quad="material_cooperation",
                  intensity=3, evidence=Span(start=0, end=1, text="A"),
                  trigger=Span(start=0, end=1, text="A"))
    result.events.append(stray)
    return result


@pytest.mark.parametrize("batch_size", [1, 256])
def test_a_failed_article_leaves_the_others_intact(tmp_path: Path, make_result, batch_size: int) -> None:
    with Store(tmp_path / "s.duckdb", batch_size=batch_size) as store:
        store.add([make_result("a0", TEXTS[0])])
        summary = store.add([make_result("a1", TEXTS[1]), _broken(make_result), make_result("a2", TEXTS[2])])
        assert (summary.added, summary.failed) == (2, 1)
        assert summary.failures[0][0] == "tests:bad" and "someone-else" in summary.failures[0][1]
        assert [a["id"] for a in store.articles()] == ["a0", "a1", "a2"]
        assert store.counts()["events"] == 6  # nothing of "bad", not even its first event
        [failure] = store.failures()
        assert (failure["article_id"], failure["input"]) == ("bad", "tests:bad")
        fixed = make_result("bad", "A completely different story about a flood in a river valley.")
        assert store.add([fixed]).added == 1  # a rolled-back article can be added later


def test_input_errors_are_recorded_as_failures(store: Store, make_result) -> None:
    summary = store.add([FormatError("feed.xml:3", "malformed XML"), make_result("a1", TEXTS[0])])
    assert (summary.added, summary.failed) == (1, 1)
    assert [(f["input"], f["reason"]) for f in store.failures()] == [("feed.xml:3", "malformed XML")]
    store.add_failure("page.html", "not HTML")
    assert store.counts()["failures"] == 2


def test_an_interrupted_input_keeps_what_came_before(store: Store, make_result) -> None:
    def results() -> Iterator[ArticleResult]:
        yield make_result("a1", TEXTS[0])
        yield make_result("a2", TEXTS[1])
        raise RuntimeError("the pipeline crashed")

    with pytest.raises(RuntimeError, match="crashed"):
        store.add(results())
    assert [a["id"] for a in store.articles()] == ["a1", "a2"]
    [run] = store.runs()
    assert run["added"] == 2 and run["finished_at"] is not None


def test_wrong_item_type_is_a_clear_error(store: Store) -> None:
    with pytest.raises(TypeError, match="ArticleResult or InputError, not str"):
        store.add(["just text"])  # type: ignore[list-item]


def test_a_database_error_in_a_batch_rolls_back_only_its_article(store: Store, make_result) -> None:
    twice = make_result("twice", TEXTS[3])
    twice.events.append(twice.events[0])  # same event id twice: the insert itself fails
    summary = store.add([make_result("a1", TEXTS[0]), twice, make_result("a2", TEXTS[1])])
    assert (summary.added, summary.failed) == (2, 1)
    assert "Constraint" in summary.failures[0][1]
    assert [a["id"] for a in store.articles()] == ["a1", "a2"]
    assert {e["article_id"] for e in store.records("event")} == {"a1", "a2"}
    assert store.connection.execute("SELECT count(*) FROM signatures").fetchone() == (2,)
