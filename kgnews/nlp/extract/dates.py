"""Dates of clauses: explicit dates and relative ones resolved against the article date.

`resolve_date("Tuesday", "2016-11-01")` is "2016-11-01". The result is an ISO 8601 string
at the precision the text gives: a day "2016-10-26", a month "2016-10", a year "2013", or
a week "2016-W43" ("last week"). Relative day names follow the news convention (and the
corpus README): "Tuesday" is the latest Tuesday on or before the article date. A day and
month without a year ("on January 1") take the year that puts them nearest the article date.
Text that names no resolvable date gives None. The words live in `data/dates.tsv`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Span, Token

from kgnews.nlp import gazetteers

# spaCy entity labels of dates and times.
DATE_LABELS = frozenset({"DATE", "TIME"})
# Words that only soften a date ("late June", "early 2019", "mid-July").
_VAGUE_PREFIX = re.compile(r"^(?:early|late|mid|the|on|in|since|until|by|during|of)\b[\s-]*")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?", text.lower())


def _nearest_year(month: int, day: int, anchor: date) -> int:
    """The year that puts month/day nearest the anchor date."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append((abs((date(year, month, day) - anchor).days), year))
        except ValueError:  # 29 February in a common year
            continue
    return min(candidates)[1] if candidates else anchor.year


def _explicit(text: str, anchor: date | None) -> str | None:
    """An absolute date written out: ISO, "Nov. 1, 2016", "1 November", "June 2019", "2012"."""
    if match := _ISO_DAY.search(text):
        return match.group(0)
    months = gazetteers.date_words().months
    words = _tokens(text)
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    for index, word in enumerate(words):
        month = months.get(word)
        if month is None:
            continue
        day = None
        for neighbour in (words[index + 1 : index + 2] + words[max(index - 1, 0) : index]):
            if (number := _DAY_NUMBER.match(neighbour)) and 1 <= int(number.group(1)) <= 31:
                day = int(number.group(1))
                break
        if day is not None:
            if year is None and anchor is None:
                return None
            try:
                return date(year or _nearest_year(month, day, anchor), month, day).isoformat()
            except ValueError:
                return None
        if year is not None:
            return f"{year:04d}-{month:02d}"
        if anchor is not None:
            # A bare month in news is the latest such month up to the article's.
            return f"{anchor.year - (month > anchor.month):04d}-{month:02d}"
        return None
    return f"{year:04d}" if year is not None else None


def _shift_month(anchor: date, offset: int) -> str:
    months = anchor.year * 12 + anchor.month - 1 + offset
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _relative(text: str, anchor: date) -> str | None:
    """A date relative to the article date: "yesterday", "last week", "Tuesday morning"."""
    words = gazetteers.date_words()
    weekdays, relative = words.weekdays, words.relative
    lowered = " ".join(_tokens(text))
    for phrase, unit, offset in relative:
        if re.search(rf"\b{phrase}\b", lowered):
            if unit == "day":
                return (anchor + timedelta(days=offset)).isoformat()
            if unit == "week":
                year, week, _ = (anchor + timedelta(weeks=offset)).isocalendar()
                return f"{year:04d}-W{week:02d}"
            if unit == "month":
                return _shift_month(anchor, offset)
            return f"{anchor.year + offset:04d}"
    for word in lowered.split():
        if word in weekdays:
            back = (anchor.weekday() - weekdays[word]) % 7
            if "next" in lowered.split():
                return (anchor + timedelta(days=(weekdays[word] - anchor.weekday()) % 7 or 7)).isoformat()
            if "last" in lowered.split() and back == 0:
                back = 7
            return (anchor - timedelta(days=back)).isoformat()
    return None


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _resolve(text: str, anchor: date | None) -> tuple[str | None, bool]:
    """(ISO date, whether the text wrote it out) for `text`."""
    cleaned = _VAGUE_PREFIX.sub("", text.strip().lower())
    explicit = _explicit(cleaned, anchor)
    if explicit is not None:
        return explicit, True
    return (_relative(cleaned, anchor) if anchor is not None else None), False


def resolve_date(text: str, article_date: str | None) -> str | None:
    """ISO form of the date `text` names, relative words resolved against `article_date`."""
    return _resolve(text, parse_iso_date(article_date))[0]


def _clause_verb(token: Token) -> Token:
    """The nearest verb governing `token` (the token itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def clause_date(verb: Token, dates: Sequence[Span], article_date: str | None, skip: Span | None = None) -> str | None:
    """The date of `verb`'s clause among the `dates` (DATE / TIME entities) of its sentence:
    an explicit date before a relative one, one attached to the verb's own clause first;
    `skip` (a quotation) is not looked into.
    """
    anchor = parse_iso_date(article_date)
    found = []
    for ent in dates:
        if ent.label_ not in DATE_LABELS or (skip is not None and skip.start <= ent.start < skip.end):
            continue
        value, explicit = _resolve(ent.text, anchor)
        if value is not None:
            found.append((not explicit, _clause_verb(ent.root) != verb, ent.start, value))
    return min(found)[3] if found else None
