"""The measure of a number (deployed, casualties, captured, total size): text we wrote."""

from __future__ import annotations

import pytest

from powderkeg.claims.measure import measure_of, measure_of_record


def _record(sentence: str, about: str) -> dict:
    return {"kind": "claim", "about": about, "evidence": {"text": sentence}}


@pytest.mark.parametrize(
    ("sentence", "about", "expected"),
    [
        (
            "Officials said 4,000 Varnian soldiers were stationed near the border.",
            "Varnian soldiers",
            "deployed",
        ),
        ("The ministry is sending upward of 8,000 troops to fight in the south.", "troops", "deployed"),
        (
            "About 9,000 Varnian soldiers were in Ostland by the end of the month.",
            "Varnian soldiers",
            "deployed",
        ),
        ("At least 200 Varnian soldiers were killed in the first week.", "Varnian soldiers", "casualties"),
        ("Some 1,500 casualties were counted among the brigades.", "casualties", "casualties"),
        ("Ostland said it captured three Varnian soldiers near the river.", "Varnian soldiers", "captured"),
        ("Varnia keeps a standing army of 900,000 soldiers.", "soldiers", "total"),
        ("The convoy carried 40 trucks.", "trucks", "count"),
    ],
)
def test_measure_of_record(sentence, about, expected):
    assert measure_of_record(_record(sentence, about)) == expected


def test_nearest_cue_in_its_clause_wins():
    text = "About 300 Varnian soldiers were killed and another 1,000 soldiers were sent to the front."
    first = text.index("Varnian soldiers")
    second = text.index("soldiers were sent")
    assert measure_of(text, first, first + len("Varnian soldiers")) == "casualties"
    assert measure_of(text, second, second + len("soldiers")) == "deployed"


def test_finder_groups_by_measure(run_text):
    text = (
        "Ostland said Varnia was sending about 8,000 soldiers to the front. "
        "Officials in Varnia said 6,000 soldiers were stationed near the border. "
        "Ostland's army said 400 Varnian soldiers were killed last week."
    )
    result = run_text(text)
    groups = {c.value: c.group for c in result.claims}
    assert groups[8000.0] == groups[6000.0]
    assert groups[400.0] != groups[8000.0]
