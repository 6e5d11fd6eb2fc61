"""Situation reports: headline developments, timeline, alerts, charts, quotes and claims,
every line linked to its evidence sentence and article.

    from powderkeg.analysis import load_jsonl
    from powderkeg.report import build_report

    paths = build_report(load_jsonl("out.jsonl"), "report/", since="2025-05-01", country="UKR")
    print(paths.html, paths.markdown)

``report.html`` is self-contained (inline CSS, charts as data URIs, a Content Security
Policy that forbids scripts); every text from an article is escaped. See docs/report.md.
"""

from __future__ import annotations

from powderkeg.report.build import ReportPaths, build_content, build_report
from powderkeg.report.content import Filters, ReportContent, ReportParams

__all__ = ["Filters", "ReportContent", "ReportParams", "ReportPaths", "build_content", "build_report"]
