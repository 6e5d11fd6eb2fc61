"""The quote finder: direct quotes by their marks, indirect ones by their reporting
clause, each with its speaker (a resolved actor), title, cue verb and date.

    finder = QuoteFinder(settings)
    quotes = finder.find(ctx)          # list[Quote], in text order

Settings (fields of ``Settings`` where the lead has added them, else these defaults):
``quote_max_chars`` (default 2000: an unclosed quote
ends at its paragraph's end or after this many characters), ``quote_cues_file`` (a
YAML cue lexicon replacing the packaged one), ``quote_scare_words`` (default 3: a
quote of at most this many words in a sentence with no speech cue is a scare quote
and is not reported), ``quote_floating_paragraphs`` (default 3: how far back a quote
with no cue of its own looks for the speaker of the statement before it).
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import TYPE_CHECKING, Any

from powderkeg.config import Settings
from powderkeg.quotes.attribution import Found, attribute_marked, sentence_has_cue
from powderkeg.quotes.dates import statement_date
from powderkeg.quotes.indirect import find_indirect
from powderkeg.quotes.lexicon import CueLexicon, load_cues
from powderkeg.quotes.marks import Marked, find_marked, paragraphs
from powderkeg.quotes.speakers import Speaker, _full_names, actor_for, is_pronoun, resolve_pronoun
from powderkeg.records import Quote, stable_id

if TYPE_CHECKING:
    from powderkeg.context import DocContext


def setting(settings: Settings, name: str, default: Any) -> Any:
    """A setting by name: a ``Settings`` field, else an ``extra`` mapping entry, else default."""
    value = getattr(settings, name, None)
    if value is None:
        extra = getattr(settings, "extra", None)
        value = extra.get(name) if isinstance(extra, dict) else None
    return default if value is None else value


class QuoteFinder:
    """Finds quotes and their speakers in one parsed article (see the module doc)."""

    def __init__(self, settings: Settings | None = None, cues: CueLexicon | None = None) -> None:
        self.settings = settings or Settings()
        s = self.settings
        self.cues = cues or load_cues(setting(s, "quote_cues_file", None))
        self.max_chars = int(setting(s, "quote_max_chars", 2000))
        self.scare_words = int(setting(s, "quote_scare_words", 3))
        self.floating_paragraphs = int(setting(s, "quote_floating_paragraphs", 3))

    def find(self, ctx: DocContext) -> list[Quote]:
        text = ctx.article.text
        paras = paragraphs(text)
        marked = find_marked(text, self.max_chars)
        blocked = [(m.open_at, m.end + 1) for m in marked]
        found = self._direct(ctx, marked, paras, blocked)
        starts = [p[0] for p in paras]
        for f in find_indirect(ctx.doc, self.cues, blocked):
            found.append(dataclasses.replace(f, paragraph=max(0, bisect.bisect_right(starts, f.start) - 1)))
        found.sort(key=lambda f: (f.start, f.end))
        return self._speak(ctx, found, blocked)

    def _direct(self, ctx: DocContext, marked: list[Marked], paras: list[tuple[int, int]],
                blocked: list[tuple[int, int]]) -> list[Found]:
        out: list[Found] = []
        for i, q in enumerate(marked):
            nxt = marked[i + 1].open_at if i + 1 < len(marked) and marked[i + 1].paragraph == q.paragraph else None
            f = attribute_marked(ctx.doc, self.cues, q, paras[q.paragraph], nxt, blocked,
                                 text=ctx.article.text)
            if f.verb is None and self._is_scare(ctx, q, blocked, paras[q.paragraph]):
                continue
            out.append(f)
        return out

    def _is_scare(self, ctx: DocContext, q: Marked, blocked: list[tuple[int, int]], para: tuple[int, int]) -> bool:
        text = ctx.article.text
        words = text[q.start : q.end].split()
        if len(words) > self.scare_words:
            return False
        if text[para[0] : q.open_at].strip() == "" and text[q.end + 1 : para[1]].strip(" .,\"”") == "":
            return False  # a paragraph that is only a quote is speech, however short
        return not sentence_has_cue(ctx.doc, self.cues, q.start, q.end, blocked)

    def _speak(self, ctx: DocContext, found: list[Found], blocked: list[tuple[int, int]]) -> list[Quote]:
        names = _full_names(ctx)
        history: list[tuple[int, Speaker, str | None]] = []
        paras_of: dict[int, int] = {}
        quotes: list[tuple[Found, Speaker | None, str | None]] = []
        for f in found:
            spk, date = self._speaker_with(ctx, f, history, paras_of, blocked, names)
            if spk is not None and f.subject is not None:
                history.append((f.start, spk, date))
                paras_of[len(history) - 1] = f.paragraph
            quotes.append((f, spk, date))
        titles = _titles([s for _, s, _ in quotes if s is not None])
        return [self._record(ctx, f, s, d, titles) for f, s, d in quotes]

    def _speaker_with(self, ctx, f, history, paras_of, blocked, names):
        if f.subject is None:
            if history and f.paragraph - paras_of[len(history) - 1] <= self.floating_paragraphs:
                return history[-1][1], history[-1][2]
            return None, statement_date(None, ctx.published)
        date = statement_date(f.verb, ctx.published)
        if is_pronoun(f.subject):
            return resolve_pronoun(ctx, f.subject, [(p, s) for p, s, _ in history], blocked,
                                   titles=self.cues.titles), date
        return actor_for(ctx, f.subject, names, self.cues.titles), date

    def _record(self, ctx: DocContext, f: Found, spk: Speaker | None, date: str | None,
                titles: dict[str, str]) -> Quote:
        text = ctx.article.text
        start, end = f.start, f.end
        if f.direct:
            while end > start and text[end - 1] in ",;:":
                end -= 1
        title = None
        if spk is not None:
            title = spk.title or titles.get(spk.actor.name or spk.actor.text)
        return Quote(
            id=stable_id(ctx.article.id, start, end, f.direct, prefix="q-"),
            article_id=ctx.article.id,
            text=text[start:end],
            direct=f.direct,
            speaker=spk.actor if spk is not None else None,
            speaker_title=title,
            cue=f.cue,
            start=start,
            end=end,
            date=date,
        )


def _titles(speakers: list[Speaker]) -> dict[str, str]:
    """The first title seen for each speaker name, to carry to their other quotes."""
    out: dict[str, str] = {}
    for s in speakers:
        key = s.actor.name or s.actor.text
        if s.title and key not in out:
            out[key] = s.title
    return out
