"""Escalation index per dyad and window, escalation alerts and new-actor alerts.

For dyad d and window t (docs/analysis.md explains the choices):

    E_t = sum over material-conflict incidents i of d in t of  w(f_i) * max(0, -intensity_i)

with w(asserted)=1, w(reported)=0.6, w(future)=0.3, w(hypothetical)=w(negated)=0.
Against the previous k windows (zeros included): mean m_t, standard deviation s_t,

    z_t = (E_t - m_t) / max(s_t, min_std)        ratio_t = E_t / m_t  (None when m_t = 0)

An escalation alert fires at the window where z_t first reaches ``z_threshold`` (and
E_t >= ``min_value``, with at least ``min_history`` windows since the dyad's first
non-zero window and, by default, a non-zero baseline); it does not fire again until z_t
has dropped below the threshold. A dyad's first appearance is therefore never an
escalation. Self-dyads (the same country on both sides: an internal clash, or an actor
resolved to the wrong side) are left out of the index and of new-actor alerts, and only
incidents with a non-zero factuality weight (not hypothetical, not negated) stand behind
an alert.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from powderkeg.analysis.corpus import Corpus, Record, next_period
from powderkeg.analysis.dyads import as_incidents, bin_day, dyads_of
from powderkeg.analysis.incidents import Incident, IncidentParams

DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"asserted": 1.0, "reported": 0.6, "future": 0.3, "hypothetical": 0.0, "negated": 0.0}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationParams:
    """Settings of the index and its alerts (defaults in brackets).

    - ``period``: window length, "day", "week" or "month" ("week").
    - ``directed``: keep source -> target apart (False: both directions pooled).
    - ``level``: "country" or "sector" actors ("country").
    - ``quads``: quad classes that count (("material_conflict",)).
    - ``weights``: factuality weights (asserted 1, reported 0.6, future 0.3, else 0).
    - ``baseline_windows``: k, the trailing windows of the baseline (4).
    - ``min_history``: windows since the dyad's first non-zero window needed before an
      alert can fire (3); empty windows before a dyad first appears do not count.
    - ``require_baseline``: an alert needs a non-zero baseline mean (True), so that a
      dyad reappearing after a quiet spell is not an "escalation" from nothing.
    - ``z_threshold``: z-score that fires an alert (2.0).
    - ``min_value``: smallest E_t that can fire an alert (5.0: one asserted strike of -5).
    - ``min_std``: floor on the baseline's standard deviation (1.0), so that a flat
      baseline does not make every change infinitely surprising.
    - ``new_actor_quads``: quads in which a newcomer to a dyad is an alert (material conflict).
    - ``min_prior_incidents``: incidents a pair needs in earlier windows to be a known dyad (2).
    - ``min_prior_windows``: distinct earlier windows those incidents must span (2).
    - ``new_actor_factuality``: factualities of an incident that can bring a newcomer
      (asserted, reported): a threatened, hypothetical or denied strike does not.
    """

    period: str = "week"
    directed: bool = False
    level: str = "country"
    quads: tuple[str, ...] = ("material_conflict",)
    weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    baseline_windows: int = 4
    min_history: int = 3
    require_baseline: bool = True
    z_threshold: float = 2.0
    min_value: float = 5.0
    min_std: float = 1.0
    new_actor_quads: tuple[str, ...] = ("material_conflict",)
    min_prior_incidents: int = 2
    min_prior_windows: int = 2
    new_actor_factuality: tuple[str, ...] = ("asserted", "reported")


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationPoint:
    """The index of one dyad in one window, with its baseline."""

    source: str
    target: str
    window_start: dt.date
    value: float
    incidents: int
    baseline_mean: float
    baseline_std: float
    history: int
    z: float
    ratio: float | None
    alert: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """An escalation (``kind="escalation"``) or a newcomer to a dyad (``kind="new_actor"``)."""

    kind: str
    source: str
    target: str
    window_start: dt.date
    actor: str | None
    value: float
    baseline_mean: float
    z: float | None
    incident_ids: tuple[str, ...]
    message: str


def weight(incident: Incident, params: EscalationParams) -> float:
    """w(f) * max(0, -intensity) for an incident of a counted quad, else 0."""
    if incident.quad not in params.quads:
        return 0.0
    return float(params.weights.get(incident.factuality, 0.0)) * max(0.0, -incident.intensity)


def windows(incidents: Iterable[Incident], period: str) -> list[dt.date]:
    """Every window from the first to the last binned incident, gaps included."""
    starts = [d for i in incidents if (d := bin_day(i, period)) is not None]
    if not starts:
        return []
    out, current, last = [], min(starts), max(starts)
    while current <= last:
        out.append(current)
        current = next_period(current, period)
    return out


def _cells(
    incidents: Iterable[Incident], params: EscalationParams
) -> dict[tuple[str, str], dict[dt.date, list[Incident]]]:
    cells: dict[tuple[str, str], dict[dt.date, list[Incident]]] = defaultdict(lambda: defaultdict(list))
    for incident in incidents:
        start = bin_day(incident, params.period)
        if start is None or incident.quad not in params.quads:
            continue
        for pair in dyads_of(incident, directed=params.directed, level=params.level):
            if not is_self_dyad(pair):
                cells[pair][start].append(incident)
    return cells


def is_self_dyad(pair: tuple[str, str]) -> bool:
    """The same country on both sides ("RUS"-"RUS", "RUS:MIL"-"RUS:GOV")."""
    return pair[0].split(":")[0] == pair[1].split(":")[0]


def escalation_index(
    data: Iterable[Record] | Iterable[Incident] | Corpus,
    params: EscalationParams | None = None,
    *,
    incident_params: IncidentParams | None = None,
) -> list[EscalationPoint]:
    """The index for every dyad with a counted incident, over every window; sorted."""
    params = params or EscalationParams()
    incidents = as_incidents(data, "incidents", incident_params)
    grid = windows(incidents, params.period)
    points: list[EscalationPoint] = []
    for pair, by_window in sorted(_cells(incidents, params).items()):
        values = [sum(weight(i, params) for i in by_window.get(w, ())) for w in grid]
        counts = [len(by_window.get(w, ())) for w in grid]
        points.extend(_series(pair, grid, values, counts, params))
    return points


def _series(
    pair: tuple[str, str],
    grid: Sequence[dt.date],
    values: Sequence[float],
    counts: Sequence[int],
    params: EscalationParams,
) -> list[EscalationPoint]:
    out: list[EscalationPoint] = []
    above_before = False
    first = next((t for t, v in enumerate(values) if v > 0), len(values))
    for t, (start, value) in enumerate(zip(grid, values, strict=True)):
        base = values[max(0, t - params.baseline_windows) : t]
        mean = statistics.fmean(base) if base else 0.0
        std = statistics.pstdev(base) if len(base) > 1 else 0.0
        z = (value - mean) / max(std, params.min_std)
        above = (
            z >= params.z_threshold
            and value >= params.min_value
            and t - first >= params.min_history
            and (mean > 0 or not params.require_baseline)
        )
        out.append(
            EscalationPoint(
                source=pair[0],
                target=pair[1],
                window_start=start,
                value=round(value, 6),
                incidents=counts[t],
                baseline_mean=round(mean, 6),
                baseline_std=round(std, 6),
                history=len(base),
                z=round(z, 6),
                ratio=round(value / mean, 6) if mean > 0 else None,
                alert=above and not above_before,
            )
        )
        above_before = above
    return out


def escalation_alerts(
    points: Iterable[EscalationPoint], incidents: Iterable[Incident], params: EscalationParams | None = None
) -> list[Alert]:
    """An ``Alert`` for every point that fires, naming the incidents behind it."""
    params = params or EscalationParams()
    cells = _cells(incidents, params)
    alerts = []
    for p in points:
        if not p.alert:
            continue
        behind = [i for i in cells[(p.source, p.target)].get(p.window_start, []) if weight(i, params) > 0]
        ratio = f", {p.ratio:.1f}x the baseline" if p.ratio else ""
        alerts.append(
            Alert(
                kind="escalation",
                source=p.source,
                target=p.target,
                window_start=p.window_start,
                actor=None,
                value=p.value,
                baseline_mean=p.baseline_mean,
                z=p.z,
                incident_ids=tuple(i.id for i in behind),
                message=(
                    f"{p.source}–{p.target}: escalation index {p.value:.1f} in the {params.period} of "
                    f"{p.window_start.isoformat()} (baseline {p.baseline_mean:.1f}, z={p.z:.1f}{ratio})"
                ),
            )
        )
    return alerts


def new_actor_alerts(
    data: Iterable[Record] | Iterable[Incident] | Corpus,
    params: EscalationParams | None = None,
    *,
    incident_params: IncidentParams | None = None,
) -> list[Alert]:
    """A country first appearing alongside a known dyad's actors (PRK entering RUS–UKR).

    A pair is known once it has ``min_prior_incidents`` incidents over at least
    ``min_prior_windows`` earlier windows; a newcomer is a country in an incident with
    one of the pair's actors that has never before shared an incident (of
    ``new_actor_quads`` and ``new_actor_factuality``) with either of them. Self-dyads
    never make a pair known.
    """
    params = params or EscalationParams()
    incidents = [
        i
        for i in as_incidents(data, "incidents", incident_params)
        if i.quad in params.new_actor_quads and i.factuality in params.new_actor_factuality
    ]
    by_window: dict[dt.date, list[Incident]] = defaultdict(list)
    for incident in incidents:
        if (start := bin_day(incident, params.period)) is not None:
            by_window[start].append(incident)
    pair_counts: dict[tuple[str, str], int] = defaultdict(int)
    pair_windows: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    alerts: dict[tuple[str, tuple[str, str]], Alert] = {}
    for start in sorted(by_window):
        known = [
            p
            for p, n in sorted(pair_counts.items())
            if n >= params.min_prior_incidents and len(pair_windows[p]) >= params.min_prior_windows
        ]
        for incident in by_window[start]:
            for alert in _newcomers(incident, start, known, partners, params):
                alerts.setdefault((alert.actor or "", (alert.source, alert.target)), alert)
        for incident in by_window[start]:
            _learn(incident, pair_counts, partners)
            for pair in dyads_of(incident, directed=False):
                if not is_self_dyad(pair):
                    pair_windows[pair].add(start)
    return sorted(alerts.values(), key=lambda a: (a.window_start, a.source, a.target, a.actor or ""))


def _countries(incident: Incident) -> set[str]:
    return set(incident.source) | set(incident.target)


def _newcomers(
    incident: Incident,
    start: dt.date,
    known: Sequence[tuple[str, str]],
    partners: Mapping[str, set[str]],
    params: EscalationParams,
) -> list[Alert]:
    present = _countries(incident)
    found = []
    for a, b in known:
        if not present & {a, b}:
            continue
        for actor in sorted(present - {a, b}):
            if actor in partners.get(a, set()) or actor in partners.get(b, set()):
                continue
            found.append(
                Alert(
                    kind="new_actor",
                    source=a,
                    target=b,
                    window_start=start,
                    actor=actor,
                    value=weight(incident, params),
                    baseline_mean=0.0,
                    z=None,
                    incident_ids=(incident.id,),
                    message=(
                        f"{actor} appears in the {a}–{b} conflict for the first time "
                        f"({incident.type.lower()}, {params.period} of {start.isoformat()})"
                    ),
                )
            )
    return found


def _learn(
    incident: Incident, pair_counts: dict[tuple[str, str], int], partners: dict[str, set[str]]
) -> None:
    for pair in dyads_of(incident, directed=False):
        if not is_self_dyad(pair):
            pair_counts[pair] += 1
    present = _countries(incident)
    for country in present:
        partners[country] |= present - {country}


def alerts(
    data: Iterable[Record] | Iterable[Incident] | Corpus,
    params: EscalationParams | None = None,
    *,
    incident_params: IncidentParams | None = None,
) -> list[Alert]:
    """Escalation and new-actor alerts together, by window."""
    params = params or EscalationParams()
    incidents = as_incidents(data, "incidents", incident_params)
    points = escalation_index(incidents, params)
    found = escalation_alerts(points, incidents, params) + new_actor_alerts(incidents, params)
    return sorted(found, key=lambda a: (a.window_start, a.kind, a.source, a.target, a.actor or ""))
