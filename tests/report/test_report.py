"""The situation report: renders, is self-contained, links every line to evidence, escapes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from powderkeg.report import ReportParams, build_content, build_report


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[tuple[str, str]] = []  # (tag, href or src)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name):
                self.hrefs.append((tag, a[name]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_is_self_contained(many, tmp_path):
    paths = build_report(many, tmp_path)
    links = _parse(paths.html)
    assert "script" not in links.tags and "link" not in links.tags
    for tag, target in links.hrefs:
        if tag in ("img", "script", "link", "iframe", "source"):
            assert target.startswith("data:image/png;base64,"), (tag, target[:40])
        else:
            assert tag == "a"
    assert sum(1 for tag, _ in links.hrefs if tag == "img") == 2


def test_every_line_links_to_an_existing_evidence_anchor(many, hostile, tmp_path):
    for name, records in (("many", many), ("hostile", hostile)):
        paths = build_report(records, tmp_path / name)
        links = _parse(paths.html)
        internal = [h for t, h in links.hrefs if t == "a" and h.startswith("#")]
        assert internal
        assert all(h[1:] in links.ids for h in internal), [h for h in internal if h[1:] not in links.ids]
        html = paths.html.read_text(encoding="utf-8")
        for section in ("headlines", "alerts", "timeline", "quotes", "claims"):
            body = html.split(f'id="{section}"')[1].split("<h2")[0]
            items = re.findall(r"<(?:li|blockquote|tr)>(.*?)</(?:li|blockquote|tr)>", body, re.S)
            items = [i for i in items if "<th>" not in i]  # a table's header row is not a line
            optional = {"alerts"} | ({"quotes", "claims"} if name == "many" else set())
            assert items or section in optional, (name, section)
            assert all('href="#ev-' in item for item in items), (name, section)


def test_hostile_text_is_escaped(hostile, tmp_path):
    paths = build_report(hostile, tmp_path)
    html = paths.html.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html and "<b>Brava" not in html
    assert "javascript:" not in html  # non-http URLs are never links
    md = paths.markdown.read_text(encoding="utf-8")
    assert "<script" not in md.lower() and "<b>" not in md and "javascript:" not in md


def test_quotes_and_disagreeing_claims(hostile, tmp_path):
    content = build_content(hostile)
    assert content.quotes[0].speaker == "Ana <b>Brava</b>"
    (group,) = content.claim_groups
    assert group.disagree and [c.value for c in group.claims] == ["12", "3"]
    md = build_report(hostile, tmp_path).markdown.read_text(encoding="utf-8")
    assert "sources disagree" in md and "(#ev-c1-" in md


def test_claims_across_articles_group_by_about(hostile):
    second = [dict(r) for r in hostile]
    for r in second:
        r["id"] = r["id"] + "-2" if r["kind"] != "article" else "art2"
        if r["kind"] != "article":
            r["article_id"] = "art2"
    second[3]["value"], second[3]["about"], second[3]["group"] = 15.0, "People killed", None
    content = build_content(hostile + second[:1] + second[3:4])
    top = content.claim_groups[0]
    assert top.disagree and {c.value for c in top.claims} >= {"12", "15"}


def test_empty_input(tmp_path):
    paths = build_report([], tmp_path)
    assert paths.charts == ()
    assert "No events in this selection." in paths.html.read_text(encoding="utf-8")
    assert "No events in this selection." in paths.markdown.read_text(encoding="utf-8")


def test_a_few_hundred_events_with_alerts_and_charts(many, tmp_path):
    paths = build_report(many, tmp_path, params=ReportParams(timeline=50))
    assert {p.name for p in paths.charts} == {"escalation.png", "dyads.png"}
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in paths.charts)
    md = paths.markdown.read_text(encoding="utf-8")
    assert "![Escalation index of the top dyads](escalation.png)" in md
    assert "PRK appears in the" in md  # PRK enters the RUS–UKR conflict late in the series
    assert "more incidents not shown" in md


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"country": "PRK"}, {"PRK"}),
        ({"actor": "isr"}, {"ISR"}),
        ({"since": "2025-02-25", "country": "PRK"}, {"PRK"}),
        ({"until": "2025-01-06"}, None),
    ],
)
def test_filters(many, tmp_path, kwargs, expected):
    from powderkeg.report.build import _day
    from powderkeg.report.content import Filters

    filters = Filters(
        since=_day(kwargs.get("since"), "since"),
        until=_day(kwargs.get("until"), "until"),
        actor=kwargs.get("actor"),
        country=kwargs.get("country"),
    )
    content = build_content(many, filters)
    assert content.timeline
    for line in content.timeline:
        if expected:
            assert expected & set(line.incident.source + line.incident.target)
        if filters.since:
            assert line.incident.day >= filters.since
        if filters.until:
            assert line.incident.day <= filters.until


def test_bad_date_is_refused(tmp_path):
    with pytest.raises(ValueError, match="since"):
        build_report([], tmp_path, since="last tuesday")
