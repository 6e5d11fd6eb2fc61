"""From records to insight: incidents, dyad time series, escalation index and alerts, exports.

    from powderkeg.analysis import load_jsonl, consolidate, dyad_series, alerts

    records = load_jsonl("out.jsonl")          # `powderkeg extract` output, or records_from_store(store)
    incidents = consolidate(records)           # the mentions of one event become one Incident
    rows = dyad_series(incidents, SeriesParams(period="week"))
    for alert in alerts(incidents):
        print(alert.message)

Everything takes records in the contract's ``to_dict()`` shape; see docs/analysis.md.
"""

from __future__ import annotations

from powderkeg.analysis.corpus import Corpus, load_jsonl, records_from_store
from powderkeg.analysis.dyads import DyadRow, SeriesParams, dyad_series, top_dyads
from powderkeg.analysis.escalation import (
    Alert,
    EscalationParams,
    EscalationPoint,
    alerts,
    escalation_alerts,
    escalation_index,
    new_actor_alerts,
)
from powderkeg.analysis.exports import (
    cameo_code,
    cameo_rows,
    event_rows,
    incident_rows,
    plover_events,
    plover_incident,
    to_arrow,
    write_plover,
    write_rows,
)
from powderkeg.analysis.incidents import Incident, IncidentParams, consolidate, pair_scores, singletons

__all__ = [
    "Alert",
    "Corpus",
    "DyadRow",
    "EscalationParams",
    "EscalationPoint",
    "Incident",
    "IncidentParams",
    "SeriesParams",
    "alerts",
    "cameo_code",
    "cameo_rows",
    "consolidate",
    "dyad_series",
    "escalation_alerts",
    "escalation_index",
    "event_rows",
    "incident_rows",
    "load_jsonl",
    "new_actor_alerts",
    "pair_scores",
    "plover_events",
    "plover_incident",
    "records_from_store",
    "singletons",
    "to_arrow",
    "top_dyads",
    "write_plover",
    "write_rows",
]
