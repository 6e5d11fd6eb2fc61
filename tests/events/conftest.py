"""Fixtures for the event coder's tests: a tiny stand-in resolver (named entities plus a
small table of codes we wrote), so argument structure is tested independently of the real
actor resolver's coverage."""

from __future__ import annotations

import datetime as dt

import pytest

from powderkeg.context import DocContext
from powderkeg.records import Actor, Article

CODES = {
    "russia": "RUS", "russian": "RUS", "moscow": "RUS", "kremlin": "RUS",
    "ukraine": "UKR", "kyiv": "UKR", "ukrainian": "UKR",
    "france": "FRA", "paris": "FRA", "french": "FRA",
    "germany": "DEU", "berlin": "DEU", "german": "DEU",
    "india": "IND", "pakistan": "PAK", "china": "CHN", "beijing": "CHN", "taiwan": "TWN",
    "japan": "JPN", "tokyo": "JPN", "brazil": "BRA", "kenya": "KEN", "nigeria": "NGA",
    "egypt": "EGY", "israel": "ISR", "iran": "IRN", "tehran": "IRN", "turkey": "TUR",
    "indian": "IND", "iranian": "IRN", "pakistani": "PAK", "israeli": "ISR", "egyptian": "EGY",
    "canada": "CAN", "mexico": "MEX", "norway": "NOR", "chile": "CHL", "peru": "PER",
}
PUBLISHED = dt.date(2024, 10, 26)  # a Saturday


class TableResolver:
    """Named entities -> Actor, with a code where the last word is in CODES."""

    def resolve(self, doc, published=None):
        out = []
        for ent in doc.ents:
            if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC"}:
                words = ent.text.lower().replace("’s", "").replace("'s", "").split()
                code = CODES.get(words[-1]) if words else None
                out.append(Actor(text=ent.text, code=code, start=ent.start_char, end=ent.end_char))
        covered = {i for a in out for i in range(a.start, a.end)}
        for tok in doc:  # table words spaCy's NER missed ("Kyiv" in a short sentence)
            if tok.lower_ in CODES and tok.idx not in covered:
                out.append(Actor(text=tok.text, code=CODES[tok.lower_], start=tok.idx,
                                 end=tok.idx + len(tok.text)))
        return sorted(out, key=lambda a: a.start)


@pytest.fixture(scope="session")
def coder():
    from powderkeg.events import EventCoder

    return EventCoder()


@pytest.fixture(scope="session")
def code(nlp, coder):
    """code(text) -> list[Event], published 2024-10-26, with the table resolver."""

    def run(text: str, published: dt.date | None = PUBLISHED):
        doc = nlp(text)
        article = Article(id="t", text=text, published=published.isoformat() if published else None)
        ctx = DocContext(article=article, doc=doc, published=published)
        ctx.actors = TableResolver().resolve(doc, published)
        return coder.code(ctx)

    return run
