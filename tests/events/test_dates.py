"""resolve_date: relative expressions against a fixed publication date (Saturday 2024-10-26)."""

from __future__ import annotations

import datetime as dt

import pytest

from powderkeg.events.dates import resolve_date

SAT = dt.date(2024, 10, 26)


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("on Wednesday", "past", ("2024-10-23", "day")),
    ("Friday", "past", ("2024-10-25", "day")),
    ("Friday", None, ("2024-10-25", "day")),
    ("as soon as Sunday", None, ("2024-10-27", "day")),
    ("next Tuesday", "past", ("2024-10-29", "day")),
    ("on Saturday", "past", ("2024-10-26", "day")),
    ("last Saturday", "past", ("2024-10-19", "day")),
    ("in June", "past", ("2024-06", "month")),
    ("in December", "past", ("2023-12", "month")),
    ("in December", "future", ("2024-12", "month")),
    ("By November", "past", ("2023-11", "month")),
    ("in September 2023", None, ("2023-09", "month")),
    ("October 23, 2024", None, ("2024-10-23", "day")),
    ("Oct. 3", "past", ("2024-10-03", "day")),
    ("5 June", "past", ("2024-06-05", "day")),
    ("2022-03-01", None, ("2022-03-01", "day")),
    ("in 2021", None, ("2021", "year")),
    ("yesterday", None, ("2024-10-25", "day")),
    ("today", None, ("2024-10-26", "day")),
    ("tomorrow", None, ("2024-10-27", "day")),
    ("last week", None, ("2024-10-14", "week")),
    ("this week", None, ("2024-10-21", "week")),
    ("last month", None, ("2024-09", "month")),
    ("next year", None, ("2025", "year")),
    ("earlier this year", None, ("2024", "year")),
    ("three days ago", None, ("2024-10-23", "day")),
    ("in recent months", None, (None, None)),
    ("within days", None, (None, None)),
    ("over the last few years", None, (None, None)),
])
def test_resolve(text, tense, expected):
    assert resolve_date(text, SAT, tense) == expected


def test_relative_needs_a_publication_date():
    assert resolve_date("on Wednesday", None, "past") == (None, None)
    assert resolve_date("in September 2023", None) == ("2023-09", "month")


def test_may_the_modal_is_not_a_month():
    assert resolve_date("may", SAT) == (None, None)
