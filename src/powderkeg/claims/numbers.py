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
                and ((cur % 100 == 0 and cur > 0) or total > 0):
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


_AGE_OR_SPAN = re.compile(
    r"\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?)(?:-old|\s+old|-long)?\b"
    r"|-(?:year|month|week|day|hour|minute)\b",
    re.I,
)
_PHONE = re.compile(r"\(?\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b|\d{3}[-.]\d{4}\b")


def _number_start(lex: NumberLexicon, toks: list[Tok], i: int) -> bool:
    t = toks[i]
    if _digits(t) is not None:
        return True
    if t.low in ("a", "an"):
        return i + 1 < len(toks) and toks[i + 1].low in (*_BIG, "hundred", "dozen")
    return lex.word_value(t.low) is not None


def _range_after(lex: NumberLexicon, toks: list[Tok], j: int, between: bool, text: str):
    """(high value, index after, currency unit) of "or 60", "to 300", "-60", "and 300"."""
    if j >= len(toks):
        return None
    sep = toks[j].low
    if not (sep in _RANGE_WORDS or (sep == "and" and between)):
        return None
    if sep == "-" and not (toks[j].start == toks[j - 1].end and j + 1 < len(toks) and toks[j + 1].start == toks[j].end):
        return None
    k, unit = j + 1, None
    if k < len(toks) and toks[k].text in lex.currency_signs:
        unit, k = lex.currency_signs[toks[k].text], k + 1
    if k >= len(toks) or not _number_start(lex, toks, k) or (toks[k].low in ("a", "an") and sep != "to"):
        return None
    got = value_at(lex, toks, k)
    if got is None or (_digits(toks[k]) is not None and _glued_bad(text, toks[k]) and sep != "-"):
        return None
    return got[0], got[1], unit


def _mention_at(lex: NumberLexicon, text: str, toks: list[Tok], i: int) -> tuple[NumberMention, int] | None:
    tok = toks[i]
    if _digits(tok) is not None and _glued_bad(text, tok) and not (i > 0 and toks[i - 1].text in lex.currency_signs):
        return None
    got = value_at(lex, toks, i)
    if got is None:
        return None
    low, j, spelled = got
    start, unit, qualifier = tok.start, None, "exact"
    first = i
    if i > 0 and toks[i - 1].text in lex.currency_signs:
        unit, first, start = lex.currency_signs[toks[i - 1].text], i - 1, toks[i - 1].start
    if first > 0 and toks[first - 1].low.rstrip(".") in {w.rstrip(".") for w in lex.reference_words}:
        return None
    if _AGE_OR_SPAN.match(text, toks[j - 1].end) and not _unit_after(lex, toks, j):
        return None
    in_brackets = tok.start > 0 and text[tok.start - 1] == "(" and _PHONE.match(text, tok.start - 1)
    if _PHONE.match(text, tok.start) or in_brackets:
        return None
    between = first > 0 and toks[first - 1].low == "between"
    value: float | tuple[float, float] = low
    rng = _range_after(lex, toks, j, between, text)
    if rng is not None and rng[0] > low:
        high, j, unit = rng[0], rng[1], unit or rng[2]
        factor = 1.0
        while low < 1000 and low * factor * 1000 <= high and factor < 1e12:
            factor *= 1000
        low *= factor
        value = (low, high)
        if between:
            start = toks[first - 1].start
    num_end = toks[j - 1].end
    q = _qualifier_before(lex, toks, first - (1 if between else 0))
    if q is not None:
        qualifier, start = q[0], toks[q[1]].start
    u = _unit_after(lex, toks, j)
    if u is not None:
        unit, j = u[0], u[1]
    qa = _qualifier_after(lex, toks, j)
    if qa is not None:
        qualifier, j = qa[0], qa[1]
    mention = NumberMention(start=start, end=toks[j - 1].end, num_start=toks[first].start, num_end=num_end,
                            value=value, qualifier=qualifier, unit=unit, spelled=spelled)
    return mention, j


def find_numbers(text: str, lex: NumberLexicon) -> list[NumberMention]:
    """Every number expression in ``text``, in order; never raises on odd input."""
    toks = tokenize(text)
    out: list[NumberMention] = []
    i = 0
    while i < len(toks):
        if not _number_start(lex, toks, i):
            i += 1
            continue
        got = _mention_at(lex, text, toks, i)
        if got is None:
            i += 1
            continue
        out.append(got[0])
        i = max(got[1], i + 1)
    return out
