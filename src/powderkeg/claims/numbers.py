"""Numbers in running text: value, range, qualifier and unit, with exact offsets.

    mentions = find_numbers(text, lexicon)

Pure text, no parse: digits ("3,000", "1.5", "$5bn"), words ("three", "twenty-five",
"a million", "two hundred and fifty"), scales ("12 million"), ranges ("50 or 60",
"between 200 and 300", "50-60"), qualifiers before ("some", "upward of") and after
("or more"), currencies ("$", "euros") and units ("percent", "km"). Numbers glued to
letters ("G20", "F-16", "2nd"), times ("08:00"), phone-like strings, ages
("45-year-old") and references ("page 3", "Resolution 2231") are left out here; the
finder drops dates, names and anaphoric uses with the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from powderkeg.claims.lexicon import NumberLexicon

_TOKEN = re.compile(r"US\$|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*\.?|\S")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_RANGE_WORDS = frozenset({"to", "or", "-", "–", "—"})
_BIG = ("thousand", "million", "billion", "trillion")


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int  # the whole expression, qualifier and unit included
    end: int
    num_start: int  # the number itself (first value's first token to last value's end)
    num_end: int
    value: float | tuple[float, float]
    qualifier: str
    unit: str | None
    spelled: bool  # written in words ("three")


def tokenize(text: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _digits(tok: Tok) -> float | None:
    t = tok.text
    if not _DIGITS.fullmatch(t):
        return None
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _scale(lex: NumberLexicon, toks: list[Tok], j: int, value: float, glued_ok: bool) -> tuple[float, int]:
    """Apply scale words after a value: "12 million", "1.5bn", "a hundred thousand"."""
    last = 0.0
    while j < len(toks):
        w = toks[j].low.rstrip(".")
        glued = toks[j].start == toks[j - 1].end
        factor = lex.scales.get(w)
        short = len(w) <= 3 and w not in ("dozen",)
        if factor is None or (short and not (glued and glued_ok)) or (not short and glued) or factor <= last:
            break
        value, last, j = value * factor, factor, j + 1
    return value, j


def _words(lex: NumberLexicon, toks: list[Tok], i: int) -> tuple[float, int] | None:
    """A number in words starting at token i ("three", "a million", "two hundred and five")."""
    total, cur, seen, j = 0.0, 0.0, False, i
    if toks[i].low in ("a", "an") and i + 1 < len(toks) and toks[i + 1].low in (*_BIG, "hundred", "dozen"):
        cur, seen, j = 1.0, True, i + 1
    while j < len(toks):
        w = toks[j].low
        v = lex.word_value(w)
        if v is not None and (not seen or (cur % 100 == 0 and v < 100 and cur % 1000 != v)):
            if seen and cur % 100 != 0:
                break
            cur, seen = cur + v, True
        elif w == "hundred" and seen:
            cur = (cur or 1) * 100
        elif w == "dozen" and seen:
            cur = (cur or 1) * 12
        elif w in _BIG and seen:
            total, cur = total + (cur or 1) * lex.scales[w], 0.0
        elif w == "and" and seen and j + 1 < len(toks) and lex.word_value(toks[j + 1].low) is not None \
                and (cur % 100 == 0 and cur > 0 or total > 0):
            pass
        else:
            break
        j += 1
    if not seen or j == i:
        return None
    while j > i and toks[j - 1].low == "and":
        j -= 1
    return total + cur, j


def value_at(lex: NumberLexicon, toks: list[Tok], i: int) -> tuple[float, int, bool] | None:
    """(value, index after, spelled) of a number starting at token i."""
    d = _digits(toks[i])
    if d is not None:
        v, j = _scale(lex, toks, i + 1, d, glued_ok=True)
        return v, j, False
    w = _words(lex, toks, i)
    if w is None:
        return None
    v, j = _scale(lex, toks, w[1], w[0], glued_ok=False)
    return v, j, True


def _glued_bad(text: str, tok: Tok) -> bool:
    """Digits glued to letters or times/phones/ordinals: G20, F-16, 2nd, 08:00, 555-1234."""
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    before2 = text[tok.start - 2] if tok.start > 1 else " "
    after2 = text[tok.end + 1] if tok.end + 1 < len(text) else " "
    if before.isalpha() or before in ":/#" or (before == "-" and before2.isalnum()):
        return True
    if after in ":/" and after2.isdigit():
        return True
    return after.isalpha() and not re.match(r"(bn|mn|mln|tn|[kmb])\b", text[tok.end : tok.end + 4], re.I)


def _qualifier_before(lex: NumberLexicon, toks: list[Tok], i: int) -> tuple[str, int] | None:
    for n in (3, 2, 1):
        if i - n < 0:
            continue
        phrase = " ".join(t.low for t in toks[i - n : i])
        if phrase in lex.qualifiers_before:
            return lex.qualifiers_before[phrase], i - n
    return None


def _unit_after(lex: NumberLexicon, toks: list[Tok], j: int) -> tuple[str, int] | None:
    for n in (2, 1):
        if j + n > len(toks):
            continue
        phrase = " ".join(t.low for t in toks[j : j + n])
        if phrase in lex.units:
            return lex.units[phrase], j + n
        if phrase in lex.currency_words:
            return lex.currency_words[phrase], j + n
    return None


def _qualifier_after(lex: NumberLexicon, toks: list[Tok], j: int) -> tuple[str, int] | None:
    if j < len(toks) and toks[j].text == "-" and j + 1 < len(toks) and toks[j + 1].low == "plus":
        return lex.qualifiers_after.get("plus", "more than"), j + 2
    for n in (2, 1):
        phrase = " ".join(t.low for t in toks[j : j + n])
        if j + n <= len(toks) and phrase in lex.qualifiers_after and phrase != "plus":
            return lex.qualifiers_after[phrase], j + n
    return None
