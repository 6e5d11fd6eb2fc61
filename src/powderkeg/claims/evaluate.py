"""Scoring the claim finder on the seed annotation.

    eval_seed_claims(result, gold) -> dict: value, holder and group figures

A gold claim matches the found claim whose number lies inside the gold anchor (or, failing
that, whose evidence holds the anchor's sentence and whose value is equal).
"""

from __future__ import annotations

from typing import Any

from powderkeg.records import ArticleResult, Claim


def _values(v: Any) -> tuple[float, ...]:
    return tuple(float(x) for x in v) if isinstance(v, (list, tuple)) else (float(v),)


def _match(claims: list[Claim], text: str, gold: dict[str, Any]) -> Claim | None:
    pos = text.find(gold["anchor"])
    if pos < 0:
        return None
    end = pos + len(gold["anchor"])
    want = _values(gold["value"])
    inside = [c for c in claims if c.evidence.start <= pos and end <= c.evidence.end]
    same = [c for c in inside if _values(c.value) == want]
    return (same or inside or [None])[0]


def eval_seed_claims(result: ArticleResult, gold: dict[str, Any]) -> dict[str, Any]:
    """Required claims with the right value and holder code; conflicts grouped together."""
    text = result.article.text
    rows, by_id = [], {}
    for g in gold.get("claims", []):
        c = _match(result.claims, text, g)
        by_id[g["id"]] = c
        codes = g.get("holder_code")
        codes = codes if isinstance(codes, list) else [codes]
        quals = g.get("qualifier", "exact")
        quals = quals if isinstance(quals, list) else [quals]
        rows.append({
            "id": g["id"], "optional": bool(g.get("optional")), "found": c is not None,
            "value_ok": c is not None and _values(c.value) == _values(g["value"]),
            "holder": c.holder.code if c and c.holder else None,
            "holder_ok": c is not None and (c.holder.code if c.holder else None) in codes,
            "qualifier_ok": c is not None and c.qualifier in quals,
            "about": c.about if c else None,
        })
    conflicts = []
    for conf in gold.get("claim_conflicts", []):
        members = [by_id.get(cid) for cid in conf.get("claims", [])]
        groups = {c.group for c in members if c is not None}
        conflicts.append(len(groups) == 1 and None not in groups and all(members))
    req = [r for r in rows if not r["optional"]]
    n = len(req) or 1
    return {
        "required": len(req),
        "value": sum(r["value_ok"] for r in req) / n,
        "holder": sum(r["holder_ok"] for r in req) / n,
        "qualifier": sum(r["qualifier_ok"] for r in req) / n,
        "conflicts_grouped": sum(conflicts) / (len(conflicts) or 1),
        "claims_found": len(result.claims),
        "rows": rows,
    }
