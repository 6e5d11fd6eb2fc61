"""Dyad time series: directed/undirected, periods, sectors, mentions vs incidents, writers."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest

from powderkeg.analysis import SeriesParams, consolidate, dyad_series, top_dyads, write_rows

MON = dt.date(2025, 1, 6)


def _records(make):
    return (
        make(1, day=MON, intensity=-8.0, sentence="Russia shelled Kherson.")
        + make(
            2,
            day=MON + dt.timedelta(days=2),
            source=("UKR",),
            target=("RUS",),
            intensity=-6.0,
            sentence="Ukraine struck a depot in Belgorod.",
            place="Belgorod",
        )
        + make(
            3,
            day=MON + dt.timedelta(days=8),
            type_="CONSULT",
            quad="verbal_cooperation",
            intensity=1.0,
            sentence="Envoys of Russia and Ukraine met in Istanbul.",
        )
    )


def test_directed_daily_rows(make):
    rows = dyad_series(_records(make))
    assert [(r.source, r.target, r.period_start) for r in rows] == [
        ("RUS", "UKR", MON),
        ("RUS", "UKR", MON + dt.timedelta(days=8)),
        ("UKR", "RUS", MON + dt.timedelta(days=2)),
    ]
    first = rows[0]
    assert (
        first.incidents,
        first.material_conflict,
        first.intensity_total,
        first.material_conflict_share,
    ) == (1, 1, -8.0, 1.0)


def test_undirected_weekly_pools_both_directions(make):
    rows = dyad_series(_records(make), SeriesParams(period="week", directed=False))
    assert [(r.source, r.target, r.period_start, r.incidents) for r in rows] == [
        ("RUS", "UKR", MON, 2),
        ("RUS", "UKR", MON + dt.timedelta(days=7), 1),
    ]
    week1 = rows[0]
    assert week1.intensity_total == -14.0 and week1.intensity_mean == -7.0
    assert rows[1].verbal_cooperation == 1 and rows[1].material_conflict_share == 0.0


def test_mentions_vs_incidents(make):
    copy = make(1, day=MON, sentence="Russia shelled Kherson.")
    rewrite = make(2, day=MON, sentence="Russia shelled Kherson.", outlet="Other")
    records = copy + rewrite
    assert dyad_series(records)[0].incidents == 1
    assert dyad_series(records)[0].mentions == 2
    assert dyad_series(records, SeriesParams(unit="mentions"))[0].incidents == 2


def test_sector_level_and_dyad_filter(story):
    rows = dyad_series(story, SeriesParams(level="sector"))
    assert ("RUS:MIL", "UKR") in {(r.source, r.target) for r in rows}
    only = dyad_series(story, SeriesParams(directed=False), dyad=("UKR", "RUS"))
    assert {(r.source, r.target) for r in only} == {("RUS", "UKR")}


def test_accepts_incidents_and_ranks_top_dyads(story):
    rows = dyad_series(consolidate(story))
    assert top_dyads(rows, 1) == [("RUS", "UKR")]


def test_coarse_dates_are_not_put_on_days(make):
    records = make(1, day=MON)
    records[1]["date"], records[1]["date_precision"] = "2025-01", "month"
    assert dyad_series(records) == []
    assert len(dyad_series(records, SeriesParams(period="month"))) == 1


def test_csv_and_parquet(make, tmp_path):
    rows = dyad_series(_records(make), SeriesParams(period="week"))
    csv_path = write_rows(rows, tmp_path / "dyads.csv")
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("period_start,period,source,target,directed,incidents")
    assert lines[1].startswith("2025-01-06,week,RUS,UKR,True,1")
    table = pq.read_table(write_rows(rows, tmp_path / "dyads.parquet"))
    assert table.num_rows == len(rows) and "material_conflict_share" in table.column_names


def test_bad_params():
    with pytest.raises(ValueError, match="period"):
        SeriesParams(period="hour")
