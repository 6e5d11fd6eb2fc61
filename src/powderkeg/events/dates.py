"""Resolving date expressions ("on Wednesday", "in June", "last week") against the
publication date.

    resolve_date("on Wednesday", date(2024, 10, 26), "past")   -> ("2024-10-23", "day")
    resolve_date("as soon as Sunday", date(2024, 10, 26))      -> ("2024-10-27", "day")
    resolve_date("in June", date(2024, 10, 26), "past")        -> ("2024-06", "month")
    resolve_date("last week", date(2024, 10, 26))              -> ("2024-10-14", "week")
    resolve_date("in recent months", date(2024, 10, 26))       -> (None, None)

``tense_hint`` is "past", "future" or None. Cue words in the expression itself win over
the hint ("next", "as soon as" look ahead; "last", "earlier", "ago" look back; "from",
"until", "to" say nothing). A month (and day) without a year takes the year that puts it
nearest the publication date; the tense overrides that when the nearest date contradicts
it (a past event in a month not yet begun, or over a week after publication, is last
year's; a future one over a week before it, next year's). A weekday with no cue
is in the past. A year named in the same or the previous sentence ("met in September
2023. By November, ...") anchors a later month of that year (``date_for``).
A week is given as the ISO date of its Monday.
Vague expressions ("recently", "in recent months", "within days") give (None, None):
we never invent precision. Numeric dates ("10/23/2024") go to dateparser.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_FUTURE_CUES = re.compile(r"\b(next|as soon as|coming|upcoming|starting|later)\b")
_PAST_CUES = re.compile(r"\b(last|earlier|ago|since|past|previous)\b")
_VAGUE = re.compile(r"\b(recent|few|several|coming|within|over the|soon)\b")
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}))?")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH_RE}(?:\s+(?:of\s+)?(\d{{4}}))?\b")
_NUMERIC = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AGO = re.compile(r"\b(\w+)\s+(day|week|month|year)s?\s+ago\b")
#: Longer expressions are not dates; dateparser takes seconds on a few thousand characters.
_MAX_DATEPARSER_CHARS = 100
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _direction(text: str, tense_hint: str | None) -> str | None:
    if _FUTURE_CUES.search(text) and not _PAST_CUES.search(text):
        return "future"
    if _PAST_CUES.search(text):
        return "past"
    return tense_hint if tense_hint in ("past", "future") else None


def _weekday(text: str, published: dt.date, direction: str) -> dt.date | None:
    for i, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            delta = (published.weekday() - i) % 7
            if direction == "future":
                return published + dt.timedelta(days=(i - published.weekday()) % 7 or 7)
            if "last" in text.split() and delta == 0:
                delta = 7
            return published - dt.timedelta(days=delta)
    return None


#: How far (days) a yearless day may sit on the wrong side of the publication date for
#: its tense (late or early publication dates, time zones).
_TENSE_SLACK_DAYS = 7


def _year_for(month: int, day: int | None, published: dt.date, direction: str | None,
              anchor: int | None = None) -> int:
    """The year of a month (and day) given without one: the nearest to the publication
    date, unless that contradicts the tense (module docstring)."""
    if anchor is not None:
        return anchor
    def delta(year: int) -> int:
        try:
            return (dt.date(year, month, day or 1) - published).days
        except ValueError:  # 29 February
            return (dt.date(year, month, 28) - published).days
    years = (published.year - 1, published.year, published.year + 1)
    best = min(years, key=lambda y: (abs(delta(y)), delta(y) > 0))
    slack = _TENSE_SLACK_DAYS if day else 0
    if direction == "past" and delta(best) > slack:
        return best - 1  # a past event in a month that has not begun is last year's
    if direction == "future" and delta(best) < -slack - (0 if day else 30):
        return best + 1
    return best


def _month_num(word: str) -> int | None:
    return _MONTH_ABBR.get(word.lower().rstrip(".")[:4] if word.lower().startswith("sept")
                           else word.lower()[:3])


def _absolute(text: str, published: dt.date | None, direction: str | None,
              anchor: int | None = None) -> tuple[str | None, str | None]:
    if m := _ISO.search(text):
        return m.group(0), "day"
    if _NUMERIC.search(text):
        return None, None  # left to dateparser
    for rx, day_first in ((_DAY_MONTH_YEAR, True), (_MONTH_DAY_YEAR, False)):
        if m := rx.search(text):
            day, mon = (m.group(1), m.group(2)) if day_first else (m.group(2), m.group(1))
            month = _month_num(mon)
            year = int(m.group(3)) if m.group(3) else (
                _year_for(month, int(day), published, direction, anchor) if published and month else None)
            if month and year and 1 <= int(day) <= 31:
                try:
                    return dt.date(year, month, int(day)).isoformat(), "day"
                except ValueError:
                    return None, None
    if (m := _MONTH_YEAR.search(text)) and (month := _month_num(m.group(1))):
        bare_may = m.group(1).lower() == "may" and not m.group(2)
        if bare_may and not re.search(r"\b(in|by|of|since|until)\s+may\b", text):
            return None, None  # the modal verb, not the month
        year = int(m.group(2)) if m.group(2) else (
            _year_for(month, None, published, direction, anchor) if published else None)
        return (f"{year:04d}-{month:02d}", "month") if year else (None, None)
    if m := _YEAR.search(text):
        return m.group(1), "year"
    return None, None


def _relative(text: str, published: dt.date) -> tuple[str | None, str | None]:
    monday = published - dt.timedelta(days=published.weekday())
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return published.isoformat(), "day"
    if "yesterday" in text:
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    if "tomorrow" in text:
        return (published + dt.timedelta(days=1)).isoformat(), "day"
    for word, weeks in (("last", -1), ("this", 0), ("next", 1)):
        if re.search(rf"\b{word} week(end)?\b", text):
            return (monday + dt.timedelta(weeks=weeks)).isoformat(), "week"
        if re.search(rf"\b{word} month\b", text):
            y, m = divmod(published.year * 12 + published.month - 1 + weeks, 12)
            return f"{y:04d}-{m + 1:02d}", "month"
        if re.search(rf"\b{word} year\b", text):
            return f"{published.year + weeks:04d}", "year"
    if m := _AGO.search(text):
        n = _NUMBERS.get(m.group(1), int(m.group(1)) if m.group(1).isdigit() else 0)
        unit = m.group(2)
        if n and unit in ("day", "week"):
            back = published - dt.timedelta(days=n * (7 if unit == "week" else 1))
            if unit == "week":
                return (back - dt.timedelta(days=back.weekday())).isoformat(), "week"
            return back.isoformat(), "day"
    return None, None


def resolve_date(
    text_or_span: str | Span, published: dt.date | None, tense_hint: str | None = None,
    anchor_year: int | None = None,
) -> tuple[str, str] | tuple[None, None]:
    """The ISO date (or year-month, or year) and precision an expression names, or
    (None, None). See the module docstring for the rules."""
    text = (text_or_span if isinstance(text_or_span, str) else text_or_span.text).lower().strip()
    if not text:
        return None, None
    try:
        return _resolve(text, published, tense_hint, anchor_year)
    except (OverflowError, ValueError):  # a date past year 1 or 9999: nothing to say
        return None, None


def _resolve(
    text: str, published: dt.date | None, tense_hint: str | None, anchor: int | None = None
) -> tuple[str, str] | tuple[None, None]:
    direction = _direction(text, tense_hint)
    iso, precision = _absolute(text, published, direction, anchor)
    if iso:
        return iso, precision  # type: ignore[return-value]
    if published is None:
        return None, None
    if day := _weekday(text, published, direction):
        return day.isoformat(), "day"
    iso, precision = _relative(text, published)
    if iso:
        return iso, precision  # type: ignore[return-value]
    if _VAGUE.search(text) or not re.search(r"\d", text) or len(text) > _MAX_DATEPARSER_CHARS:
        return None, None
    return _dateparser(text, published, direction)


def _dateparser(text: str, published: dt.date, direction: str) -> tuple[str, str] | tuple[None, None]:
    """Last resort for numeric forms ("10/23/2024"); day precision only when it is given."""
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
        "PREFER_DATES_FROM": "future" if direction == "future" else "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None or len(re.findall(r"\d+", text)) < 3:
        return None, None
    return parsed.date().isoformat(), "day"


_LEAD_WORDS = frozenset({"as", "soon", "by", "until", "since", "from", "starting", "next",
                         "last", "on", "in", "early", "earlier", "later", "this", "late"})


def _expression(ent: Span) -> str:
    start = ent.start
    while start > ent.sent.start and ent.doc[start - 1].lower_ in _LEAD_WORDS and ent.start - start < 4:
        start -= 1
    return ent.doc[start:ent.end].text


def verb_tense(verb: Token) -> str | None:
    """'future' (will/shall, plans to), 'past' (VBD, have + VBN) or None."""
    cur = verb
    for _ in range(3):
        kids = list(cur.children)
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in kids):
            return "future"
        if cur.lemma_ in ("plan", "intend", "schedule", "set", "prepare") and cur.tag_ != "VBD":
            return "future"
        if cur.tag_ == "VBD" or (cur.tag_ == "VBN" and any(c.lemma_ == "have" for c in kids)):
            return "past"
        if cur.dep_ not in ("xcomp", "conj") or cur.head == cur:
            return None
        cur = cur.head
    return None


def _rank(attach: Token, chain: list[Token]) -> float | None:
    """How far up from the trigger the expression attaches; an adverbial clause hanging
    off the chain ("deploy ... starting as soon as Sunday") counts just below its head."""
    if attach in chain:
        return float(chain.index(attach))
    if attach.dep_ in ("advcl", "acl", "xcomp") and attach.head in chain:
        return chain.index(attach.head) + 0.5
    return None


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


_CUMULATIVE = re.compile(r"\b(since|already|so far|thus far|to date|in total|until now|up to now)\b")


def _reported_earlier(chain: list[Token], rank: float) -> bool:
    """The expression dates a reporting clause above a perfect one that sums up a stretch
    of time ("said on Dec. 23 that 3,000 soldiers have been killed since their deployment",
    "had already sent"): it dates the statement, not the event. Other embedded clauses
    happen about when they are reported ("acknowledged on Wednesday that soldiers were
    training", "said Thursday it had observed troops")."""
    for k, tok in enumerate(chain[:-1]):
        if k >= rank:
            return False
        if tok.dep_ == "ccomp":
            verb = tok
            if not _perfect(verb) and verb.dep_ == "conj":
                verb = verb.head
            if not _perfect(verb):
                return False
            clause = " ".join(t.lower_ for t in tok.subtree)
            return bool(_CUMULATIVE.search(clause))
    return False


def _anchor_year(ent: Span, published: dt.date | None) -> int | None:
    """The year of a yearless month expression from an explicit "<month> <year>" earlier in
    the sentence or in the previous sentence, when the month comes later in that year
    ("first met in September 2023. By November, ..." is November 2023)."""
    text = ent.text.lower()
    if published is None or _YEAR.search(text) or not (m := _MONTH_YEAR.search(text)):
        return None
    month = _month_num(m.group(1))
    if month is None or (m.group(1).lower() == "may" and not re.search(r"\b(in|by|of|since|until)\s+may\b",
                                                                      _expression(ent).lower())):
        return None
    sent = ent.sent
    previous = ent.doc[sent.start - 1].sent if sent.start > 0 else None
    found: tuple[int, int] | None = None
    for other in list(previous.ents if previous is not None else ()) + list(sent.ents):
        if other.label_ != "DATE" or (other.start >= ent.start and other.sent == sent):
            continue
        if (ym := re.search(rf"\b{_MONTH_RE}\s+(?:of\s+)?(\d{{4}})\b", other.text.lower())) and (
                om := _month_num(ym.group(1))):
            found = (int(ym.group(2)), om)
    if found is None:
        return None
    year, anchor_month = found
    if published.year - 5 <= year < published.year and month >= anchor_month:
        return year
    return None


def date_for(trigger: Token, published: dt.date | None) -> tuple[str, str] | tuple[None, None]:
    """The date of the event expressed by ``trigger``: the nearest date expression (spaCy
    DATE entity) attached to the trigger or to a clause above it (so "on Wednesday
    acknowledged that ..." dates the embedded event, but not a perfect "have been killed"
    under it), resolved with the tense of the verb it attaches to. (None, None) when the
    sentence gives none."""
    chain = [trigger]
    while chain[-1].head != chain[-1] and len(chain) < 10:
        chain.append(chain[-1].head)
    best: tuple[float, Span, Token] | None = None
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE":
            continue
        attach = ent.root.head
        while attach.pos_ not in ("VERB", "AUX") and attach != trigger and attach.head != attach:
            attach = attach.head
        rank = _rank(attach, chain)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, ent, attach)
    if best is None:
        return None, None
    rank, ent, attach = best
    if _reported_earlier(chain, rank) and not re.match(r"(by|as of)\b", _expression(ent).lower()):
        return None, None  # "By November, officials said X had shipped": by then, done
    return resolve_date(_expression(ent), published, verb_tense(attach), _anchor_year(ent, published))
