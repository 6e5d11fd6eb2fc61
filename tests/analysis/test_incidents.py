"""Consolidation on a story we wrote: wire copies and a rewrite of one strike, others the same day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from powderkeg.analysis import Corpus, IncidentParams, consolidate, load_jsonl, pair_scores, singletons
from powderkeg.errors import FormatError


def _gold(story):
    groups: dict[str, set[str]] = {}
    for r in story:
        if r["kind"] == "event":
            groups.setdefault(r["gold_incident"], set()).add(r["id"])
    return sorted(sorted(g) for g in groups.values())


def test_defaults_recover_the_gold_incidents(story):
    got = sorted(sorted(i.event_ids) for i in consolidate(story))
    assert got == _gold(story)


def test_incident_carries_outlets_first_report_and_strongest_factuality(story):
    kharkiv = next(i for i in consolidate(story) if "story-a-e0" in i.event_ids)
    assert kharkiv.mentions == 3
    assert kharkiv.article_ids == ("story-a", "story-b", "story-c")
    # outlet, else URL host (www. dropped)
    assert kharkiv.outlets == ("daily ledger", "epa-news.example", "northwire")
    assert kharkiv.n_outlets == 3
    assert kharkiv.first_reported == dt.date(2025, 5, 13)
    assert kharkiv.factuality == "asserted"  # asserted beats the reported wire copy
    assert (kharkiv.type, kharkiv.mode, kharkiv.quad) == ("ASSAULT", "drone", "material_conflict")
    assert kharkiv.source == ("RUS",) and kharkiv.target == ("UKR",)
    assert kharkiv.source_detail == ("RUS:MIL",)
    assert kharkiv.location == "Kharkiv" and kharkiv.day == dt.date(2025, 5, 13)


def test_same_day_strikes_in_other_cities_stay_apart(story):
    incidents = consolidate(story, IncidentParams(min_similarity=0.0, place_required=False, min_agreements=0))
    places = [i.location for i in incidents if i.type == "ASSAULT"]
    assert sorted(p for p in places if p) == ["Belgorod region", "Kharkiv", "Odesa", "Sumy"]


def test_future_mentions_never_merge_with_past_ones(make):
    day = dt.date(2025, 1, 6)
    records = make(1, day=day, sentence="Russia shelled Kherson.") + make(
        2, day=day, factuality="future", sentence="Russia shelled Kherson."
    )
    assert len(consolidate(records)) == 2


def test_thresholds_change_the_outcome(story):
    strict = consolidate(story, IncidentParams(min_similarity=1.0, min_agreements=99))
    loose = consolidate(story)
    assert len(strict) == len(singletons(story)) > len(loose)


def test_ids_are_deterministic_and_order_free(story):
    ids = [i.id for i in consolidate(story)]
    reversed_ids = [i.id for i in consolidate(list(reversed(story)))]
    assert ids == reversed_ids and len(set(ids)) == len(ids)


def test_dates_respect_precision(make):
    a = make(1, day=dt.date(2025, 3, 3), sentence="Rebels attacked the convoy near Goma.")
    b = make(2, day=dt.date(2025, 3, 20), sentence="Rebels attacked the convoy near Goma.")
    assert len(consolidate(a + b)) == 2
    b[1]["date"], b[1]["date_precision"] = "2025-03", "month"
    assert len(consolidate(a + b)) == 1  # March overlaps March 3 and the wording is the same


def test_pair_scores_explain_decisions(story):
    scores = {(p.a, p.b): p for p in pair_scores(story)}
    pair = scores[("story-a-e0", "story-b-e3")]
    assert pair.match and "place" in pair.agreements and 0 < pair.similarity <= 1


def test_bad_params_are_refused():
    with pytest.raises(ValueError, match="match_types"):
        IncidentParams(match_types="fuzzy")


def test_empty_input():
    assert consolidate([]) == [] and consolidate(Corpus.from_records([])) == []


def test_to_dict_is_json_ready(story):
    json.dumps([i.to_dict() for i in consolidate(story)])
    assert dataclasses.is_dataclass(consolidate(story)[0])


def test_load_jsonl_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"kind": "article", "id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.jsonl:2"):
        load_jsonl(path)
