"""Headline, dateline, byline and teaser at the top of raw text; plain texts untouched."""

from __future__ import annotations

import re

import pytest

from powderkeg.config import Settings
from powderkeg.ingest.articles import article_from_text
from powderkeg.ingest.dates import normalise_published, parse_dateline
from powderkeg.ingest.furniture import find_furniture

BODY = (
    "Ukraine said on Friday that North Korean troops had arrived in the Kursk region.\n\n"
    "Officials in Seoul confirmed the report and called for restraint."
)


def _article(text: str):
    return article_from_text(text, "test.txt", Settings())


def test_scraped_shape_title_teaser_date_repeat():
    text = (
        "Troops arrive in Kursk\n\n"
        "Ukraine said on Friday that North Korean troops had arrived in the Kursk region. "
        "Officials in Seoul…\n\n"
        "Mar 3, 2025\u00a0-\u00a014:30\n"
        "Troops arrive in Kursk\n\n" + BODY
    )
    article = _article(text)
    assert article.title == "Troops arrive in Kursk"
    assert article.published == "2025-03-03T14:30"
    assert article.text == BODY


def test_date_first_then_title():
    article = _article("2024-10-26\n\nSeoul summons envoy\n\n" + BODY)
    assert (article.title, article.published, article.text) == ("Seoul summons envoy", "2024-10-26", BODY)


def test_title_byline_and_published_lead_word():
    text = "Seoul summons envoy\nBy Jane Doe and John Roe, Reuters\nPublished: 26 October 2024\n\n" + BODY
    article = _article(text)
    assert article.title == "Seoul summons envoy"
    assert article.published == "2024-10-26"
    assert article.text == BODY


def test_wire_dateline_stays_in_body_and_names_outlet():
    body = "WASHINGTON (Reuters) - The United States said on Tuesday it would send more aid to Kyiv."
    article = _article("US to send aid\n\n" + body)
    assert article.title == "US to send aid"
    assert article.text == body
    assert article.outlet == "Reuters"


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "\n\n" + BODY + "\n",
        # a hard-wrapped paragraph: its short first line is not a title
        "Ukraine said on Friday that North Korean troops\nhad arrived in the Kursk region.\n",
        # opening quote: a quotation, not a headline
        "“This is a clear escalation,” Zelensky said on X\n\nHe called for pressure on Moscow.",
        # a sentence mentioning a date is not a dateline
        "On Oct 26, 2024 the talks resumed in Geneva.\n\nBoth sides said they were hopeful.",
        # "By the time" is no byline; an ellipsis that recurs nowhere is no teaser
        "By the time troops arrived, the town was empty.\n\nResidents had fled...\n\nThey came back later.",
        # a single short line with nothing after it
        "Kyiv under fire",
        # only furniture: kept whole rather than emptied
        "Kyiv under fire\n\nOct 26, 2024",
    ],
)
def test_plain_texts_are_left_untouched(text):
    article = _article(text)
    assert article.text == text
    assert article.title is None


def test_repeated_headline_dropped_case_insensitively():
    article = _article("Seoul Summons Envoy\n\nSEOUL SUMMONS ENVOY\n\n" + BODY)
    assert article.text == BODY


def test_teaser_must_recur_in_the_body():
    teaser = "Seoul said it would respond to what it called a provocation..."
    article = _article("Headline\n\n" + teaser + "\n\n" + BODY)
    assert article.text.startswith(teaser)


def test_body_offsets_point_into_the_original():
    text = "Headline\n\nOct 1, 2024\n\n" + BODY
    furniture = find_furniture(text)
    assert text[furniture.body_start:] == BODY


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Oct 26, 2024\u00a0-\u00a008:00", "2024-10-26T08:00"),
        ("October 26, 2024 8:00 AM ET", "2024-10-26T08:00"),
        ("Saturday, 26 October 2024", "2024-10-26"),
        ("Updated: 2024-10-26", "2024-10-26"),
        ("Oct 26, 2024 | World", "2024-10-26"),
        ("North Korea sends 3,000 troops", None),
        ("March 2024", None),
        ("The talks ended on Oct 26, 2024 without a deal.", None),
    ],
)
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-26", "2024-10-26"),
        ("2024-10-26T08:00:00Z", "2024-10-26T08:00:00Z"),
        ("Sat, 26 Oct 2024 08:00:00 +0000", "2024-10-26T08:00+00:00"),
        ("26 October 2024", "2024-10-26"),
        ("someday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_published(value, expected):
    assert normalise_published(value) == expected


def test_seed_article(seed_text):
    article = _article(seed_text)
    assert article.title == "North Korea's foray into Ukraine riles US, raises global risks"
    assert article.published == "2024-10-26T08:00"
    assert article.text.count("The Biden administration on Wednesday acknowledged") == 1
    assert article.text.count("North Korea's foray into Ukraine") == 0
    assert article.text.startswith("This week’s revelations")
    sentences = [s for s in re.split(r"(?<=[.!?”])\s+", article.text) if len(s) > 30]
    repeated = {s for s in sentences if article.text.count(s) > 1}
    assert not repeated


def test_seed_via_file_reader(read, shared):
    [article] = read(shared / "data" / "seed" / "north-korea-ukraine.txt")
    assert article.published == "2024-10-26T08:00"
    assert article.id == read(shared / "data" / "seed" / "north-korea-ukraine.txt")[0].id
