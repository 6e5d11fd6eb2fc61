"""The place named for an event: a GPE/LOC/FAC entity in an in/at/near... phrase attached
to the trigger (or to its clause verb). Its country is the code of the actor mention the
resolver found on the same words ("in Ukraine" -> UKR), else null. No coordinates: we ship
no gazetteer, so lat/lon stay null rather than a misleading country centroid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powderkeg.events.arguments import ActorIndex
from powderkeg.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "through"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def find_location(trigger: Token, verb: Token, index: ActorIndex) -> Location | None:
    pobj = place_token(trigger, verb, index)
    return _location(pobj, index) if pobj is not None else None


def _is_place(tok: Token, index: ActorIndex | None) -> bool:
    """A named place (GPE/LOC/FAC), or words the resolver took for a place: a mention with
    a country and no sector ("the Kursk region", which the small model may not tag)."""
    if tok.ent_type_ in PLACE_LABELS:
        return True
    if index is None:
        return False
    actor = index.at(tok)
    return actor is not None and actor.code is not None and actor.sector is None


def place_token(trigger: Token, verb: Token, index: ActorIndex | None = None) -> Token | None:
    """The head of the place phrase of an event, or None."""
    heads = [trigger] + ([verb] if verb != trigger else [])
    heads += [c for c in trigger.children if c.dep_ == "dobj"]  # "attacked a convoy in Ukraine"
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and _is_place(pobj, index):
                    return pobj
                if pobj.dep_ == "pobj":  # "through the streets of Tbilisi", "in the centre of Kyiv"
                    for of in (g for g in pobj.children if g.dep_ == "prep" and g.lower_ == "of"):
                        for inner in (g for g in of.children if g.dep_ == "pobj" and _is_place(g, index)):
                            return inner
    return None


def _location(tok: Token, index: ActorIndex) -> Location:
    doc = tok.doc
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    actor = index.at(tok)
    text = ent.text if ent is not None and ent.label_ in PLACE_LABELS else (actor.text if actor else tok.text)
    code = actor.code if actor is not None and actor.code not in (None, "IGO", "NGO", "MNC") else None
    return Location(text=text, country=code)
