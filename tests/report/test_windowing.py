"""Report layout on data we wrote: background and planned incidents, header range from
publication dates, self-dyads, claims grouped by measure and rendered as rows, quotes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from powderkeg.records import Actor, Article, Claim, Event, Quote, Span
from powderkeg.report import build_content, build_report

PUB = dt.date(2025, 3, 3)


def _article(n: int, day: dt.date, text: str) -> dict[str, Any]:
    return Article(
        id=f"a{n}",
        title=f"Story {n}",
        published=day.isoformat(),
        url=f"https://ex.org/{n}",
        outlet=f"Outlet {n % 3}",
        text=text,
    ).to_dict()


def _event(
    n: int,
    aid: str,
    text: str,
    *,
    day: str,
    precision: str = "day",
    src=("VAR",),
    tgt=("OST",),
    factuality: str = "asserted",
    quad: str = "material_conflict",
    type_: str = "ASSAULT",
) -> dict[str, Any]:
    return Event(
        id=f"e{n}",
        article_id=aid,
        type=type_,
        quad=quad,
        intensity=-8.0 if "conflict" in quad else 4.0,
        source=tuple(Actor(text=c, code=c, start=0, end=3) for c in src),
        target=tuple(Actor(text=c, code=c, start=0, end=3) for c in tgt),
        date=day,
        date_precision=precision,
        factuality=factuality,
        evidence=Span(start=0, end=len(text), text=text),
        trigger=Span(start=0, end=4, text=text[:4]),
    ).to_dict()


def story() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in range(6):
        day = PUB + dt.timedelta(days=3 * n)
        text = f"Varnian artillery shelled Ostland village number {n} on the day the report was filed."
        out += [_article(n, day, text), _event(n, f"a{n}", text, day=day.isoformat())]
    old = "The war began with the invasion of spring two years ago, recalled the article."
    out += [_article(10, PUB, old), _event(10, "a10", old, day="2023-04", precision="month")]
    plan = "Varnia will hold a large exercise on the border next month, officials announced."
    out += [_article(11, PUB, plan), _event(11, "a11", plan, day="2025-05-01", factuality="future")]
    late = "The summit is scheduled for the first of June in the capital of Ostland."
    out += [
        _article(12, PUB, late),
        _event(12, "a12", late, day="2025-06-01", quad="verbal_cooperation", type_="CONSULT"),
    ]
    self_text = "Varnian police clashed with Varnian protesters in the capital on that Monday."
    out += [_article(13, PUB, self_text), _event(13, "a13", self_text, day=PUB.isoformat(), tgt=("VAR",))]
    blank = "Something exploded somewhere along the front line during the night, witnesses said."
    out += [_article(14, PUB, blank), _event(14, "a14", blank, day=PUB.isoformat(), src=(), tgt=())]
    return out


def test_header_uses_publication_dates_and_history_goes_to_background():
    content = build_content(story())
    assert content.period == f"articles published {PUB} to {PUB + dt.timedelta(days=15)}"
    assert [line.incident.event_ids for line in content.background] == [("e10",)]
    assert {line.incident.event_ids[0] for line in content.planned} == {"e11", "e12"}
    shown = {e for line in (*content.headlines, *content.timeline) for e in line.incident.event_ids}
    assert not shown & {"e10", "e11", "e12"}
    assert all(p.window_start >= PUB - dt.timedelta(days=7) for p in content.escalation)


def test_headlines_skip_actorless_and_self_dyads_are_not_charted():
    content = build_content(story())
    assert all(line.incident.source or line.incident.target for line in content.headlines)
    assert all(s != t for s, t, _ in content.dyad_totals)
    assert all(p.source != p.target for p in content.escalation)
    assert not any(a.alert.source == a.alert.target for a in content.alerts)


def test_sections_render_with_spacing_and_snippets(tmp_path):
    html = build_report(story(), tmp_path).html.read_text(encoding="utf-8")
    assert 'id="background"' in html and 'id="planned"' in html
    assert "2023-04" in html.split('id="background"')[1]
    assert "(actors not identified)" in html  # "? → ?" shows trigger and evidence instead
    timeline = html.split('id="timeline"')[1].split("<h2")[0]
    assert 'OST</span>\n<span class="meta' not in timeline and "OST<span" not in timeline
    assert 'class="snippet"' in timeline


def _claim(n: int, aid: str, sentence: str, value: float, about: str, holder: str | None) -> dict[str, Any]:
    return Claim(
        id=f"c{n}",
        article_id=aid,
        value=value,
        about=about,
        holder=Actor(text=holder, start=0, end=len(holder)) if holder else None,
        evidence=Span(start=0, end=len(sentence), text=sentence),
        group=f"g-{aid}",
    ).to_dict()


def test_claims_group_by_measure_and_render_as_rows(tmp_path):
    s1 = "Ostland said Varnia sent about 8,000 soldiers to the border."
    s2 = "Officials said 6,000 soldiers were stationed near the border, and 300 soldiers were killed."
    s3 = "Varnia keeps a standing army of 900,000 soldiers."
    records = [
        _article(1, PUB, s1),
        _article(2, PUB + dt.timedelta(days=2), s2 + " " + s3),
        _claim(1, "a1", s1, 8000.0, "soldiers", "Ostland"),
        _claim(2, "a2", s2, 6000.0, "soldiers", "Officials"),
        _claim(3, "a2", s2[s2.index("300") :], 300.0, "soldiers", None),
        _claim(4, "a2", s3, 900000.0, "soldiers", None),
    ]
    content = build_content(records)
    by_values = {tuple(c.value for c in g.claims): g for g in content.claim_groups}
    assert set(by_values) == {("8,000", "6,000"), ("300",), ("900,000",)}
    assert by_values[("8,000", "6,000")].disagree and by_values[("8,000", "6,000")].measure == "deployed"
    assert by_values[("300",)].claims[0].holder == "Outlet 2"  # the outlet, never "the article"
    html = build_report(records, tmp_path).html.read_text(encoding="utf-8")
    section = html.split('id="claims"')[1].split("<h2")[0]
    assert "the article" not in section and "<th>according to</th>" in section
    assert section.count("<tr>") == 3 + 4  # a header row per table (3 tables), a row per claim


def test_key_quotes_drop_fragments_and_evidence_is_in_reading_order():
    text = (
        'Minister Lena Roth said: "We will defend every village along the river." '
        'Critics called it "a bluff".'
    )
    long_q, short_q = "We will defend every village along the river.", "a bluff"
    records = [
        _article(1, PUB, text),
        Quote(
            id="q-long",
            article_id="a1",
            text=long_q,
            direct=True,
            speaker=Actor(text="Lena Roth", name="Lena Roth", start=0, end=9),
            cue="say",
            start=text.index(long_q),
            end=text.index(long_q) + len(long_q),
        ).to_dict(),
        Quote(
            id="q-short",
            article_id="a1",
            text=short_q,
            direct=True,
            speaker=Actor(text="Critics", start=0, end=7),
            cue="call",
            start=text.index(short_q),
            end=text.index(short_q) + len(short_q),
        ).to_dict(),
    ]
    later = "Varnian artillery shelled Ostland again."
    earlier = "Varnian drones struck an Ostland depot."
    records += [
        _article(2, PUB + dt.timedelta(days=5), later),
        _event(2, "a2", later, day=PUB.isoformat()),
        _article(3, PUB, earlier),
        _event(3, "a3", earlier, day=PUB.isoformat(), type_="COERCE"),
    ]
    content = build_content(records)
    assert [q.text for q in content.quotes] == [long_q]
    dates = [e.published for e in content.evidence]
    assert dates == sorted(dates)
