"""The actor resolver: a parsed article in, its actor mentions out.

    resolver = ActorResolver(settings)
    mentions = resolver.resolve(doc, published)        # sorted by start, non-overlapping
    actor = resolver.lookup("the Kremlin", date(2024, 10, 26))
    actor = actor_for_span(mentions, start, end)       # the mention over a character range

Steps: knowledge-base pieces (one dict lookup per token) -> the parser's PERSON/ORG
entities -> surnames linked within the article -> runs of pieces (one mention each) ->
code/sector/name/title -> appositives and one identity per person -> subject pronouns.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from powderkeg.actors import compose, coref
from powderkeg.actors.kb import KnowledgeBase, alias_tokens, build_kb, norm_key
from powderkeg.actors.matcher import Piece, entity_pieces, kb_pieces
from powderkeg.config import Settings
from powderkeg.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ActorResolver:
    """Resolves actor mentions; built once per settings (the index is cached per process)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.kb: KnowledgeBase = build_kb(tuple(self.settings.actors_files))

    def runs(self, doc: Doc, published: dt.date | None = None) -> list[compose.Run]:
        """The described runs of pieces (internal detail, exposed for the evaluation)."""
        pieces = kb_pieces(doc, self.kb, published)
        if doc.has_annotation("ENT_IOB"):
            pieces = entity_pieces(doc, pieces, self.kb)
        pieces = coref.acronyms(doc, pieces)
        if doc.has_annotation("TAG"):
            pieces = coref.link_surnames(doc, pieces)
        runs = compose.trim(doc, compose.find_runs(doc, pieces))
        for run in runs:
            compose.describe(doc, run, self.kb.holder, published)
        compose.coordinate(doc, runs, published)
        compose.attach_places(doc, runs)
        compose.pick_peoples(doc, runs)
        runs = [r for r in runs if not compose.unresolved_ellipsis(r)]
        compose.role_anaphora(doc, runs)
        if doc.has_annotation("DEP"):
            coref.enrich(doc, runs)
        coref.unify(runs)
        return runs

    def resolve(self, doc: Doc, published: dt.date | None = None) -> list[Actor]:
        """Every actor mention in ``doc``, sorted by start and non-overlapping."""
        runs = self.runs(doc, published)
        out = [_actor(doc, r, r.start, r.end) for r in runs]
        for tok, ref in coref.pronoun_antecedents(doc, runs):
            out.append(_actor(doc, ref, tok.i, tok.i + 1))
        out.sort(key=lambda a: a.start)
        return out

    def lookup(self, phrase: str, when: dt.date | None = None) -> Actor | None:
        """A phrase out of context ("the Kremlin", "North Korean troops") as one actor."""
        text = phrase.strip()
        if not text:
            return None
        from powderkeg.actors.kb import _tokenizer

        doc = _tokenizer()(text)
        known = self.kb.by_norm.get(norm_key(text))
        pieces = kb_pieces(doc, self.kb, when)
        if known is not None and not (len(pieces) == 1 and pieces[0].end == len(doc)):
            pieces = [Piece(0, len(doc), known.kind, known)]
        runs = compose.trim(doc, compose.find_runs(doc, pieces))
        if not runs:
            return None
        best = max(runs, key=lambda r: (r.end - r.start, r.end))
        compose.describe(doc, best, self.kb.holder, when)
        actor = _actor(doc, best, best.start, best.end)
        return _replace_span(actor, text, 0, len(text))

    def tokens(self, phrase: str) -> list[str]:
        """How an alias is tokenised for matching (for checking user files)."""
        return alias_tokens(phrase)


def _actor(doc: Doc, run: compose.Run, start: int, end: int) -> Actor:
    span = doc[start:end]
    return Actor(text=span.text, name=run.name, code=run.code, sector=run.sector,
                 start=span.start_char, end=span.end_char, org=run.org, title=run.title)


def _replace_span(actor: Actor, text: str, start: int, end: int) -> Actor:
    return Actor(text=text, name=actor.name, code=actor.code, sector=actor.sector,
                 start=start, end=end, org=actor.org, title=actor.title)


def actor_for_span(mentions: Any, start: int, end: int) -> Actor | None:
    """The mention that overlaps [start, end) most (a DocContext or a sorted list of Actor)."""
    actors: list[Actor] = getattr(mentions, "actors", mentions)
    starts = [a.start for a in actors]
    i = max(0, bisect_left(starts, start) - 1)
    best, best_overlap = None, 0
    for actor in actors[i:]:
        if actor.start >= end:
            break
        overlap = min(end, actor.end) - max(start, actor.start)
        if overlap > best_overlap:
            best, best_overlap = actor, overlap
    return best
