"""Charts as PNG bytes, drawn with matplotlib's Agg canvas (no pyplot, no global state)."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from powderkeg.analysis.escalation import EscalationPoint

QUAD_COLOURS: Mapping[str, str] = {
    "verbal_cooperation": "#8fbcd4",
    "material_cooperation": "#2b7bba",
    "verbal_conflict": "#f4a261",
    "material_conflict": "#c0392b",
}


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def escalation_chart(
    points: Iterable[EscalationPoint],
    dyads: Sequence[tuple[str, str]],
    window: tuple[dt.date, dt.date] | None = None,
) -> bytes | None:
    """One line per dyad: the escalation index by window; alerts marked. None if empty.
    ``window`` fixes the x-axis (the articles' span, a little margin before)."""
    series: dict[tuple[str, str], list[EscalationPoint]] = defaultdict(list)
    for p in points:
        if (p.source, p.target) in dyads:
            series[(p.source, p.target)].append(p)
    if not series:
        return None
    fig = Figure(figsize=(8, 3.2))
    ax = fig.add_subplot()
    for pair in dyads:
        pts = sorted(series.get(pair, []), key=lambda p: p.window_start)
        if not pts:
            continue
        ax.plot([p.window_start for p in pts], [p.value for p in pts], marker="o", ms=3, label="–".join(pair))
        fired = [p for p in pts if p.alert]
        ax.scatter(
            [p.window_start for p in fired],
            [p.value for p in fired],
            s=60,
            facecolors="none",
            edgecolors="black",
            zorder=3,
        )
    if window is not None:
        ax.set_xlim(window[0], window[1] + dt.timedelta(days=3))
    ax.set_ylabel("escalation index")
    ax.set_title("Escalation index by window (circled: alert)", fontsize=9, loc="left")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    return _png(fig)


def dyad_chart(totals: Sequence[tuple[str, str, Mapping[str, int]]]) -> bytes | None:
    """Stacked horizontal bars: incidents per quad class for the top dyads. None if empty."""
    if not totals:
        return None
    fig = Figure(figsize=(8, 0.5 + 0.45 * len(totals)))
    ax = fig.add_subplot()
    labels = [f"{s}–{t}" for s, t, _ in totals][::-1]
    left = [0] * len(totals)
    for quad, colour in QUAD_COLOURS.items():
        values = [counts.get(quad, 0) for _, _, counts in totals][::-1]
        ax.barh(labels, values, left=left, color=colour, label=quad.replace("_", " "))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("incidents")
    ax.legend(fontsize=7, loc="lower right")
    return _png(fig)
