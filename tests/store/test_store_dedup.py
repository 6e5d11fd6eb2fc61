"""Exact and near-duplicate detection, alone and as the store uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.config import Settings
from powderkeg.ingest.dedup import DuplicateIndex, Signature, jaccard, shingles
from powderkeg.store import Store

WIRE = (
    "Kyrgyz and Tajik border guards exchanged fire on Sunday near a disputed water point in "
    "the Batken region, and the two governments gave different accounts of the casualties. "
    "Kyrgyzstan said four of its guards were killed and nine wounded when Tajik units fired "
    "mortars at a post near the village of Kok-Tash. The Tajik command said two civilians had "
    "died and accused Kyrgyz guards of firing first. Residents of at least three villages were "
    "evacuated overnight, local officials said. The two countries share a border of about 970 "
    "kilometres, a third of which has never been demarcated."
)
# The same story on another site: its own dateline and sign-off, one word changed.
COPY = (
    "BISHKEK (Other Site) - " + WIRE.replace("at least three", "at least 3")
    + " Follow us for more regional news."
)
DIFFERENT = (
    "Kyrgyz and Tajik officials met in Isfara on Thursday and agreed to a ceasefire along the "
    "border, pulling mortars and armoured vehicles back at least five kilometres within two "
    "days and setting up a joint group to investigate any new incident, both sides said. The "
    "Kyrgyz side said the toll among its guards had risen to five."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("Troops, crossed the BORDER!") == shingles("troops crossed the border")
    assert shingles("two words") == {"two words"}
    assert shingles("  ... ") == set()
    assert jaccard(set(), set()) == 1.0


def test_wire_copy_is_near_and_different_story_is_not() -> None:
    index = DuplicateIndex(threshold=0.8)
    assert index.check(WIRE) is None
    index.add("wire", WIRE)
    match = index.check(COPY)
    assert match is not None and (match.article_id, match.kind) == ("wire", "near")
    assert match.similarity >= 0.8
    assert index.check(DIFFERENT) is None
    exact = index.check(WIRE)
    assert exact is not None and (exact.kind, exact.similarity) == ("exact", 1.0)


def test_estimate_tracks_exact_jaccard() -> None:
    index = DuplicateIndex()
    estimate = index.similarity(index.signature(WIRE), index.signature(COPY))
    assert abs(estimate - jaccard(shingles(WIRE), shingles(COPY))) < 0.12


def test_signatures_are_deterministic_and_survive_bytes() -> None:
    one, two = DuplicateIndex().signature(WIRE), DuplicateIndex().signature(WIRE)
    assert (one.minhash == two.minhash).all()
    back = Signature.from_bytes(one.text_hash, one.to_bytes())
    assert (back.minhash == one.minhash).all() and back.text_hash == one.text_hash


def test_earliest_article_wins_and_remove_forgets() -> None:
    index = DuplicateIndex()
    index.add("first", WIRE)
    index.add("second", COPY)
    match = index.check(COPY + " ")
    assert match is not None and match.article_id == "first"
    index.remove("first")
    match = index.check(WIRE)
    assert match is not None and match.article_id == "second"
    index.remove("second")
    assert index.check(WIRE) is None and len(index) == 0


def test_a_strict_threshold_refuses_the_copy() -> None:
    index = DuplicateIndex(threshold=1.0)
    index.add("wire", WIRE)
    assert index.check(COPY) is None
    with pytest.raises(ValueError, match="threshold"):
        DuplicateIndex(threshold=0)


def test_store_links_the_later_copy_and_keeps_its_records(tmp_path: Path, make_result) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([make_result("wire", WIRE), make_result("other", DIFFERENT)])
        summary = store.add([make_result("copy", COPY)])
        assert (summary.added, summary.near_duplicates) == (1, 1)
        linked = {a["id"]: a["duplicate_of"] for a in store.articles()}
        assert linked == {"wire": None, "other": None, "copy": "wire"}
        assert store.counts()["duplicates"] == 1
        assert len(list(store.events(article_id="copy"))) == 2
        assert {e["article_id"] for e in store.events(originals_only=True)} == {"wire", "other"}


def test_links_survive_reopening_the_store(tmp_path: Path, make_result) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([make_result("wire", WIRE)])
    with Store(tmp_path / "s.duckdb") as store:
        store.add([make_result("copy", COPY)])
        assert store.article("copy")["duplicate_of"] == "wire"


def test_store_uses_the_settings_threshold(tmp_path: Path, make_result) -> None:
    strict = Settings(near_duplicate_threshold=1.0)
    with Store(tmp_path / "s.duckdb", settings=strict) as store:
        store.add([make_result("wire", WIRE), make_result("copy", COPY)])
        assert store.article("copy")["duplicate_of"] is None


def test_a_given_duplicate_of_is_kept(tmp_path: Path, make_result) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([make_result("wire", WIRE), make_result("copy", COPY, duplicate_of="elsewhere")])
        assert store.article("copy")["duplicate_of"] == "elsewhere"
