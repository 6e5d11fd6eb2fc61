"""Escalation index on a synthetic series with a known jump; new-actor alerts."""

from __future__ import annotations

import datetime as dt

from powderkeg.analysis import EscalationParams, alerts, consolidate, escalation_index, new_actor_alerts

START = dt.date(2025, 1, 6)  # a Monday
CITIES = [
    "Kherson",
    "Sumy",
    "Izium",
    "Kupiansk",
    "Nikopol",
    "Pokrovsk",
    "Lyman",
    "Bakhmut",
    "Avdiivka",
    "Vovchansk",
    "Orikhiv",
    "Toretsk",
]


def _week(make, week: int, strikes: int, counter: list[int], **kw):
    out = []
    for k in range(strikes):
        counter[0] += 1
        n = counter[0]
        city = CITIES[(n * 5) % len(CITIES)]
        day = START + dt.timedelta(days=7 * week + k % 7)
        out += make(
            n, day=day, place=f"{city} {n}", sentence=f"Strike number {n} hit {city} district {n}.", **kw
        )
    return out


def _series(make, counts):
    counter = [0]
    return [r for week, c in enumerate(counts) for r in _week(make, week, c, counter)]


def test_alert_fires_at_the_jump_week_not_before(make):
    records = _series(make, [2, 3, 2, 3, 2, 3, 12, 12])
    points = [p for p in escalation_index(records) if (p.source, p.target) == ("RUS", "UKR")]
    fired = [p.window_start for p in points if p.alert]
    assert fired == [START + dt.timedelta(weeks=6)]  # once at the jump, not again while it stays high
    jump = points[6]
    assert jump.value == 12 * 8.0 and jump.baseline_mean == 20.0 and jump.z > 2
    assert all(p.z < 2 for p in points[3:6])  # once the baseline has 3 windows (min_history)


def test_factuality_weights_and_quads(make):
    records = (
        make(1, day=START, factuality="asserted", sentence="a one")
        + make(2, day=START, factuality="reported", sentence="b two", place="X")
        + make(3, day=START, factuality="hypothetical", sentence="c three", place="Y")
        + make(4, day=START, quad="verbal_conflict", type_="ACCUSE", sentence="d four")
    )
    (point,) = escalation_index(consolidate(records))
    assert point.value == 8.0 + 0.6 * 8.0


def test_no_alert_without_history(make):
    records = _series(make, [0, 0, 10])
    assert not any(p.alert for p in escalation_index(records, EscalationParams(min_history=3)))


def test_new_actor_alert(make):
    records = _series(make, [2, 2, 2])
    records += _week(make, 3, 1, [100], source=("PRK",), target=("UKR",))
    records += _week(make, 4, 1, [200], source=("PRK",), target=("UKR",))
    found = new_actor_alerts(records)
    assert [(a.actor, a.source, a.target, a.window_start) for a in found] == [
        ("PRK", "RUS", "UKR", START + dt.timedelta(weeks=3))
    ]
    assert "PRK appears in the RUS–UKR conflict" in found[0].message


def test_no_new_actor_before_the_pair_is_known(make):
    records = _week(make, 0, 1, [0]) + _week(make, 0, 1, [50], source=("PRK",), target=("UKR",))
    assert new_actor_alerts(records) == []


def test_alerts_combines_both_kinds(make):
    records = _series(make, [2, 2, 2, 2, 12])
    records += _week(make, 4, 1, [300], source=("BLR",), target=("UKR",))
    kinds = {a.kind for a in alerts(records)}
    assert kinds == {"escalation", "new_actor"}


def test_empty():
    assert escalation_index([]) == [] and alerts([]) == []


def test_first_appearance_after_old_history_is_not_an_escalation(make):
    # one strike two years earlier (a background date), then a dyad's burst: the empty
    # windows in between are no history, and a zero baseline never fires
    records = make(900, day=START - dt.timedelta(weeks=100), place="Old 900", sentence="Old strike 900.")
    records += _week(make, 0, 3, [0], source=("PRK",), target=("UKR",))
    found = [a for a in alerts(records) if a.kind == "escalation"]
    assert found == []
    assert all(not p.alert for p in escalation_index(records))


def test_history_counts_from_the_first_non_zero_window(make):
    records = _series(make, [0, 0, 0, 0, 0, 2, 2, 2, 12])
    fired = [p.window_start for p in escalation_index(records) if p.alert]
    assert fired == [START + dt.timedelta(weeks=8)]
    # only two windows of activity before the jump: too little history
    early = _series(make, [0, 0, 0, 0, 0, 2, 2, 12])
    assert not any(p.alert for p in escalation_index(early))


def test_self_dyads_are_never_indexed_or_alerted_but_kept_flagged(make):
    from powderkeg.analysis import SeriesParams, dyad_series, top_dyads

    counter = [0]
    records = [
        r
        for w, c in enumerate([2, 2, 2, 2, 12])
        for r in _week(make, w, c, counter, source=("RUS",), target=("RUS",))
    ]
    assert escalation_index(records) == [] and alerts(records) == []
    rows = dyad_series(records, SeriesParams(period="week"))
    assert rows and all(r.self_dyad for r in rows)
    assert top_dyads(rows) == []


def test_new_actor_needs_an_established_pair_over_two_windows(make):
    records = _week(make, 0, 3, [0])  # three RUS-UKR incidents, one window only
    records += _week(make, 1, 1, [100], source=("PRK",), target=("UKR",))
    assert new_actor_alerts(records) == []


def test_hypothetical_or_negated_newcomers_do_not_alert(make):
    records = _series(make, [2, 2, 2])
    for n, fact in ((100, "hypothetical"), (200, "negated")):
        records += _week(make, 3, 1, [n], source=("PRK",), target=("UKR",), factuality=fact)
    assert new_actor_alerts(records) == []
