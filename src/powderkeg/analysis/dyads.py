"""Dyad time series: per pair of actors and period, counts per quad class and intensity.

    rows = dyad_series(load_jsonl("out.jsonl"), SeriesParams(period="week", directed=False))
    write_rows(rows, "dyads.csv")            # or .parquet
    rus_ukr = [r for r in rows if (r.source, r.target) == ("RUS", "UKR")]

An incident with sources S and targets T counts once for every pair (s, t) of S x T;
undirected series put each pair in alphabetical order. Incidents are binned on their
event date where it is no coarser than the period (a month-precise date is not put on a
day), else left out; an incident no mention dates is binned on its first report, unless
``undated="skip"``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from powderkeg.analysis.corpus import Corpus, Record, period_start
from powderkeg.analysis.incidents import Incident, IncidentParams, consolidate, singletons

QUAD_FIELDS: tuple[str, ...] = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesParams:
    """How incidents become dyad rows.

    - ``period``: "day", "week" (ISO weeks, starting Monday) or "month" ("day").
    - ``directed``: keep source -> target order (True) or pool both directions (False).
    - ``level``: actors as countries ("RUS") or country and sector ("RUS:MIL").
    - ``unit``: count "incidents" (consolidated) or "mentions" (every event record).
    - ``undated``: "published" (bin an undated incident on its first report) or "skip".
    """

    period: str = "day"
    directed: bool = True
    level: str = "country"
    unit: str = "incidents"
    undated: str = "published"

    def __post_init__(self) -> None:
        if self.period not in ("day", "week", "month"):
            raise ValueError(f"period={self.period!r}; use day, week or month")
        if self.level not in ("country", "sector"):
            raise ValueError(f"level={self.level!r}; use country or sector")
        if self.unit not in ("incidents", "mentions"):
            raise ValueError(f"unit={self.unit!r}; use incidents or mentions")
        if self.undated not in ("published", "skip"):
            raise ValueError(f"undated={self.undated!r}; use published or skip")


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadRow:
    """One dyad in one period. ``material_conflict_share`` is material_conflict / incidents.

    ``self_dyad`` flags the same country on both sides (``RUS``-``RUS``, ``RUS:MIL``-``RUS:GOV``):
    kept in the data, left out of ``top_dyads``, charts and alerts.
    """

    period_start: dt.date
    period: str
    source: str
    target: str
    directed: bool
    incidents: int
    mentions: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    intensity_total: float
    intensity_mean: float
    material_conflict_share: float
    self_dyad: bool = False


def as_incidents(
    data: Iterable[Record] | Iterable[Incident] | Corpus,
    unit: str = "incidents",
    incident_params: IncidentParams | None = None,
) -> list[Incident]:
    """Incidents as given, or built from records (consolidated, or one per mention)."""
    if isinstance(data, Corpus):
        items: list = [data]
    else:
        items = list(data)
        if items and all(isinstance(i, Incident) for i in items):
            return items
    corpus = items[0] if items and isinstance(items[0], Corpus) else Corpus.from_records(items)
    build = consolidate if unit == "incidents" else singletons
    return build(corpus, incident_params)


def bin_day(incident: Incident, period: str, undated: str = "published") -> dt.date | None:
    """The first day of the period an incident belongs to, or None if it cannot be binned."""
    if incident.day_from == "event":
        precision = incident.date_precision or "day"
        if _RANK.get(precision, 3) > _RANK[period] or incident.day is None:
            return None
        return period_start(incident.day, period)
    if incident.day_from == "published" and undated == "published" and incident.day is not None:
        return period_start(incident.day, period)
    return None


def dyads_of(incident: Incident, *, directed: bool = True, level: str = "country") -> list[tuple[str, str]]:
    """The (source, target) pairs an incident stands for; sorted pairs when undirected."""
    sources = incident.source_detail if level == "sector" else incident.source
    targets = incident.target_detail if level == "sector" else incident.target
    pairs = {(s, t) if directed else tuple(sorted((s, t))) for s in sources for t in targets}
    return sorted(pairs)  # type: ignore[arg-type]


def dyad_series(
    data: Iterable[Record] | Iterable[Incident] | Corpus,
    params: SeriesParams | None = None,
    *,
    incident_params: IncidentParams | None = None,
    dyad: tuple[str, str] | None = None,
) -> list[DyadRow]:
    """Rows for every dyad and period with at least one incident, sorted by dyad then period.

    ``dyad`` keeps one pair only (in either order when undirected).
    """
    params = params or SeriesParams()
    incidents = as_incidents(data, params.unit, incident_params)
    wanted = None if dyad is None else (dyad if params.directed else tuple(sorted(dyad)))
    cells: dict[tuple[str, str, dt.date], list[Incident]] = defaultdict(list)
    for incident in incidents:
        start = bin_day(incident, params.period, params.undated)
        if start is None:
            continue
        for pair in dyads_of(incident, directed=params.directed, level=params.level):
            if wanted is None or pair == wanted:
                cells[(pair[0], pair[1], start)].append(incident)
    return [_row(key, group, params) for key, group in sorted(cells.items())]


def _row(key: tuple[str, str, dt.date], group: Sequence[Incident], params: SeriesParams) -> DyadRow:
    source, target, start = key
    quads = {q: sum(1 for i in group if i.quad == q) for q in QUAD_FIELDS}
    total = sum(i.intensity for i in group)
    return DyadRow(
        period_start=start,
        period=params.period,
        source=source,
        target=target,
        directed=params.directed,
        incidents=len(group),
        mentions=sum(i.mentions for i in group),
        verbal_cooperation=quads["verbal_cooperation"],
        material_cooperation=quads["material_cooperation"],
        verbal_conflict=quads["verbal_conflict"],
        material_conflict=quads["material_conflict"],
        intensity_total=round(total, 6),
        intensity_mean=round(total / len(group), 6),
        material_conflict_share=round(quads["material_conflict"] / len(group), 6),
        self_dyad=source.split(":")[0] == target.split(":")[0],
    )


def top_dyads(rows: Iterable[DyadRow], n: int = 5) -> list[tuple[str, str]]:
    """The n dyads with most incidents over all periods (ties by name); self-dyads left out."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        if row.self_dyad:
            continue
        totals[(row.source, row.target)] += row.incidents
    return sorted(totals, key=lambda d: (-totals[d], d))[:n]
