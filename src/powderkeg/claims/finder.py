"""The claim finder: every number someone asserts, with what it counts and who holds it.

    finder = ClaimFinder(settings)
    claims = finder.find(ctx, quotes)      # quotes from QuoteFinder; found here when None

Holder: the speaker of the direct or indirect quote holding the number; else the subject
of a reporting verb that governs it ("Kyiv has since estimated that about 12,000 ...");
else the source of "according to X"; else None (the article itself). Date: the date of
that statement, else the publication date. Settings: ``claim_numbers_file`` (a YAML
number lexicon replacing the packaged one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powderkeg.claims.about import about_tokens, first_after
from powderkeg.claims.groups import group_ids, topic_of
from powderkeg.claims.lexicon import NumberLexicon, load_numbers
from powderkeg.claims.measure import measure_of
from powderkeg.claims.numbers import NumberMention, find_numbers
from powderkeg.config import Settings
from powderkeg.quotes.attribution import _according
from powderkeg.quotes.dates import statement_date
from powderkeg.quotes.finder import QuoteFinder, setting
from powderkeg.quotes.lexicon import CueLexicon, load_cues
from powderkeg.quotes.speakers import actor_for, is_pronoun, resolve_pronoun, subject_of
from powderkeg.records import Actor, Claim, Quote, Span, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Token

    from powderkeg.context import DocContext

_NAME_ENTS = frozenset({"ORG", "PRODUCT", "LAW", "EVENT", "FAC", "WORK_OF_ART", "PERSON", "GPE", "LOC", "NORP"})
_MEASURE_UNITS = frozenset({"percent", "percentage points"})


class ClaimFinder:
    """Finds numeric claims in one parsed article (see the module doc)."""

    def __init__(self, settings: Settings | None = None, numbers: NumberLexicon | None = None,
                 cues: CueLexicon | None = None) -> None:
        self.settings = settings or Settings()
        self.lex = numbers or load_numbers(setting(self.settings, "claim_numbers_file", None))
        self.cues = cues or load_cues(setting(self.settings, "quote_cues_file", None))

    def find(self, ctx: DocContext, quotes: list[Quote] | None = None) -> list[Claim]:
        if quotes is None:
            quotes = QuoteFinder(self.settings, self.cues).find(ctx)
        found: list[tuple[NumberMention, list, Token]] = []
        for m in find_numbers(ctx.article.text, self.lex):
            tok = first_after(ctx.doc, m.num_start)
            if tok is None or self._not_claim(ctx, m, tok):
                continue
            money = m.unit is not None and m.unit not in _MEASURE_UNITS
            found.append((m, about_tokens(ctx.doc, m.end, money), tok))
        claims = [self._claim(ctx, m, about, tok, quotes) for m, about, tok in found]
        topics = [
            topic_of(about, self.lex.synonyms, m.unit, _measure(ctx, m, about, tok)) for m, about, tok in found
        ]
        groups = group_ids(ctx.article.id, topics, [c.id for c in claims])
        return [_with_group(c, g) for c, g in zip(claims, groups, strict=True)]

    def _not_claim(self, ctx: DocContext, m: NumberMention, tok: Token) -> bool:
        """Dates, years, names, anaphoric "the two", "one of", ages in apposition."""
        doc = ctx.doc
        prev = doc[tok.i - 1] if tok.i > 0 else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        plain = m.unit is None and m.qualifier == "exact"
        if tok.ent_type_ in {"DATE", "TIME", "ORDINAL"} and plain:
            return True
        if tok.ent_type_ in _NAME_ENTS and tok.ent_iob_ != "B":
            return True
        if isinstance(m.value, float) and plain and not m.spelled and 1800 <= m.value <= 2100 \
                and "," not in tok.text and not (nxt is not None and nxt.tag_ == "NNS"):
            return True
        if prev is not None and plain and prev.pos_ == "PROPN" and prev.text[:1].isupper() \
                and not prev.is_sent_start and not (nxt is not None and nxt.pos_ == "NOUN"):
            return True
        counted_noun = nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ != "another"
        if m.spelled and tok.lower_ == "one" and not counted_noun:
            return True
        if m.spelled and plain and prev is not None and prev.lower_ in self.lex.definite:
            return True
        return bool(prev is not None and prev.text == "," and nxt is not None and nxt.text == ","
                    and tok.i > 1 and doc[tok.i - 2].ent_type_ == "PERSON")

    def _claim(self, ctx: DocContext, m: NumberMention, about: list, tok: Token, quotes: list[Quote]) -> Claim:
        text = ctx.article.text
        sent = tok.sent
        holder, date = self._holder(ctx, m, tok, quotes)
        toks = [t for t in sent if not t.is_space] or list(sent)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        evidence = Span(start=start, end=end, text=text[start:end])
        about_text = text[about[0].idx : about[-1].idx + len(about[-1].text)] if about else None
        return Claim(
            id=stable_id(ctx.article.id, m.start, m.end, prefix="c-"),
            article_id=ctx.article.id,
            value=m.value,
            qualifier=m.qualifier,
            unit=m.unit,
            about=about_text,
            holder=holder,
            evidence=evidence,
            date=date,
        )

    def _holder(self, ctx: DocContext, m: NumberMention, tok: Token,
                quotes: list[Quote]) -> tuple[Actor | None, str | None]:
        inside = [q for q in quotes if q.start <= m.num_start and m.num_end <= q.end and q.speaker is not None]
        if inside:
            best = min(inside, key=lambda q: (not q.direct, q.end - q.start))
            return best.speaker, best.date
        verb = self._governing_cue(tok)
        if verb is not None:
            subj = subject_of(verb) if verb.lower_ != "according" else _according(verb)
            if subj is not None:
                if is_pronoun(subj):
                    spk = resolve_pronoun(ctx, subj, [], [], titles=self.cues.titles)
                else:
                    spk = actor_for(ctx, subj, titles=self.cues.titles)
                if spk is not None:
                    return spk.actor, statement_date(verb, ctx.published)
        return None, statement_date(None, ctx.published)

    def _governing_cue(self, tok: Token) -> Token | None:
        """A reporting verb above the number in the parse, or "according to" in its sentence."""
        cur = tok
        for _ in range(10):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ in {"VERB", "AUX"} and self.cues.is_cue(cur.lemma_.lower()) and subject_of(cur) is not None:
                return cur
        return next((t for t in tok.sent if _according(t) is not None), None)


def _measure(ctx: DocContext, m: NumberMention, about: list, tok: Token) -> str:
    """The claim's measure (deployed, casualties, ...) from its sentence, around the counted phrase."""
    sent = tok.sent
    base = sent.start_char
    text = ctx.article.text[base : sent.end_char]
    if about:
        start, end = about[0].idx, about[-1].idx + len(about[-1].text)
    else:
        start, end = m.num_start, m.end
    about_text = ctx.article.text[start:end] if about else None
    return measure_of(text, start - base, end - base, about_text)


def _with_group(claim: Claim, group: str | None) -> Claim:
    from dataclasses import replace

    return replace(claim, group=group)
