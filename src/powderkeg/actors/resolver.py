"""Placeholder resolver: named entities only, no codes. Replaced by the real resolver."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from powderkeg.config import Settings
from powderkeg.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ActorResolver:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def resolve(self, doc: Doc, published: dt.date | None = None) -> list[Actor]:
        out = []
        for ent in doc.ents:
            if ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
                out.append(Actor(text=ent.text, start=ent.start_char, end=ent.end_char))
        return out

    def lookup(self, phrase: str, when: dt.date | None = None) -> Actor | None:
        return None
