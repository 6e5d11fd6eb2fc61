"""PLOVER JSON, flat tables and the CAMEO-compatible table."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq

from powderkeg.analysis import (
    cameo_code,
    cameo_rows,
    consolidate,
    event_rows,
    incident_rows,
    plover_events,
    plover_incident,
    write_plover,
    write_rows,
)
from powderkeg.analysis.exports import cameo_map

PLOVER_FIELDS = {
    "id",
    "date",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "text_info",
    "cite_info",
    "coder",
}


def test_plover_events_use_the_manual_field_names(story, tmp_path):
    records = plover_events(story)
    first = next(r for r in records if r["id"] == "story-a-e0")
    assert set(first) >= PLOVER_FIELDS
    assert first["event"] == ["ASSAULT"] and first["mode"] == ["drone"] and first["quad_code"] == 4
    assert first["actor"][0] == {"code": "RUS", "sector": "MIL", "entity_text": "Russian"}
    assert first["event_loc"]["extracted_place"] == "Kharkiv"
    assert first["cite_info"]["publication"] == "Northwire"
    assert "text" not in first  # evidence text only when the user asks for it
    threat = next(r for r in records if r["event"] == ["THREATEN"])
    assert "future" in threat["context"]  # PLOVER's auxiliary mode
    path = write_plover(records, tmp_path / "events.plover.jsonl")
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(records)
    assert plover_events(story, include_text=True)[0]["text"]


def test_plover_incident_links_mentions(story):
    kharkiv = next(i for i in consolidate(story) if i.mentions == 3)
    record = plover_incident(kharkiv)
    assert record["link"] == list(kharkiv.event_ids) and record["n_outlets"] == 3
    json.dumps(record)


def test_event_and_incident_tables(story, tmp_path):
    rows = event_rows(story)
    assert len(rows) == 10 and rows[0]["source_codes"] == "RUS" and rows[0]["outlet"] == "Northwire"
    path = write_rows(rows, tmp_path / "events.csv")
    with path.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 10
    table = pq.read_table(write_rows(incident_rows(consolidate(story)), tmp_path / "incidents.parquet"))
    assert table.num_rows == 6 and "event_ids" in table.column_names


def test_cameo_table(story):
    rows = cameo_rows(story)
    drone = next(r for r in rows if r["event_id"] == "story-a-e0")
    assert (drone["cameo_code"], drone["cameo_root"], drone["cameo_approx"]) == ("195", "19", True)
    assert drone["quad_class"] == drone["cameo_quad_class"] == 4
    accuse = next(r for r in rows if r["event_id"] == "story-a-e2")
    assert accuse["cameo_root"] == "11" and accuse["quad_class"] == 3


def test_cameo_map_covers_every_plover_type():
    from powderkeg.records import PLOVER_TYPES

    assert {t for t, _ in cameo_map()} == set(PLOVER_TYPES)
    assert cameo_code("CONSULT", "phone") == ("041", False)
    assert cameo_code("UNKNOWN", None) == (None, True)
