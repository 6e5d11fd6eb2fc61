"""Inline SVG drawn on the server: the escalation chart and the actor network.

No scripts, no external libraries; every label goes through ``escape``.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape


def escalation_chart(series: list[dict[str, Any]], width: int = 720, height: int = 240) -> Markup:
    """Per period: a bar of net conflict (up: conflict, down: cooperation), the escalation index
    as a line, and a marker over periods where the index fired an alert."""
    if not series:
        return Markup('<p class="empty">No dated events for this dyad.</p>')
    pad_l, pad_b, pad_t = 44, 36, 16
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t
    values = [p["net_conflict"] for p in series] + [p.get("index") or 0.0 for p in series]
    top, bottom = max([*values, 1.0]), min([*values, 0.0])
    span = top - bottom or 1.0
    zero_y = pad_t + plot_h * top / span
    step = plot_w / len(series)
    bar_w = max(2.0, step * 0.6)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Net conflict and escalation index by period" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{pad_l}" y1="{zero_y:.1f}" x2="{width - 8}" y2="{zero_y:.1f}"/>',
        f'<text class="tick" x="{pad_l - 6}" y="{pad_t + 8}" text-anchor="end">{top:.3g}</text>',
        f'<text class="tick" x="{pad_l - 6}" y="{zero_y + 4:.1f}" text-anchor="end">0</text>',
    ]
    if bottom < 0:
        parts.append(
            f'<text class="tick" x="{pad_l - 6}" y="{pad_t + plot_h:.1f}" '
            f'text-anchor="end">{bottom:.3g}</text>'
        )
    label_every = max(1, math.ceil(len(series) / 10))
    line = []
    for i, p in enumerate(series):
        value = p["net_conflict"]
        h = abs(value) / span * plot_h
        cx = pad_l + i * step + step / 2
        y = zero_y - h if value >= 0 else zero_y
        cls = "bar conflict" if value >= 0 else "bar cooperation"
        title = escape(
            f"{p['period']}: net conflict {value:g}, escalation index {p.get('index') or 0:g}, "
            f"{p['events']} events ({p['conflict']} conflict, {p['cooperation']} cooperation)"
        )
        parts.append(
            f'<rect class="{cls}" x="{cx - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{max(h, 0.5):.1f}"><title>{title}</title></rect>'
        )
        line.append(f"{cx:.1f},{zero_y - (p.get('index') or 0.0) / span * plot_h:.1f}")
        if p.get("alert"):
            parts.append(
                f'<circle class="alert-mark" cx="{cx:.1f}" cy="{pad_t - 6}" r="5">'
                f"<title>{escape(p['period'])}: alert</title></circle>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text class="tick" x="{cx:.1f}" y="{height - 12}" text-anchor="middle">'
                f"{escape(p['period'][5:])}</text>"
            )
    parts.append(f'<polyline class="index" points="{" ".join(line)}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def network(dyads: list[dict[str, Any]], size: int = 560) -> Markup:
    """Country codes on a circle; an edge per pair, as wide as its event count and coloured by
    its mean intensity (red conflict, blue cooperation). Nodes and edges are links."""
    if not dyads:
        return Markup('<p class="empty">No events with a source and a target yet.</p>')
    weight: dict[str, int] = {}
    for d in dyads:
        for code in (d["source"], d["target"]):
            weight[code] = weight.get(code, 0) + d["events"]
    nodes = sorted(weight, key=lambda c: (-weight[c], c))
    centre, radius = size / 2, size / 2 - 48
    pos = {
        c: (
            centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, c in enumerate(nodes)
    }
    most = max(d["events"] for d in dyads)
    parts = [
        f'<svg class="network" viewBox="0 0 {size} {size}" role="img" aria-label="Actor network" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for d in sorted(dyads, key=lambda d: d["events"]):
        (x1, y1), (x2, y2) = pos[d["source"]], pos[d["target"]]
        w = 1 + 7 * math.log1p(d["events"]) / math.log1p(most)
        tone = "conflict" if (d.get("mean_intensity") or 0) < 0 else "cooperation"
        href = f"/dyads/{quote(d['source'], safe='')}/{quote(d['target'], safe='')}"
        title = escape(
            f"{d['source']} → {d['target']}: {d['events']} events, mean intensity {d.get('mean_intensity')}"
        )
        parts.append(
            f'<a href="{escape(href)}"><line class="edge {tone}" x1="{x1:.1f}" y1="{y1:.1f}" '
            f'x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{w:.1f}"><title>{title}</title></line></a>'
        )
    biggest = max(weight.values())
    for code in nodes:
        x, y = pos[code]
        r = 8 + 14 * math.sqrt(weight[code] / biggest)
        href = escape(f"/events?country={quote(code, safe='')}")
        parts.append(
            f'<a href="{href}"><circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
            f"<title>{escape(code)}: {weight[code]} events</title></circle>"
            f'<text class="label" x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{escape(code)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
