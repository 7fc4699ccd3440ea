"""Publication date of an article from a dateline at the start of its text.

A text without metadata (a .txt file) often says when it was published in a dateline:
"SAINT PAUL, MN November 1, 2016 The first day ...", "WASHINGTON (AP) — Oct. 3, 2019 — ...",
a line of its own "Tuesday, November 1, 2016", or "Published: 2019-10-03". `dateline_date`
finds one at the start of the title line or one of the first three paragraphs, and only a
full date with a year: a date further down is what the article reports, not when it was
written. Only the first characters of those lines are matched, so the cost does not grow
with the article. The date itself is read by `kgnews.nlp.extract.dates`; the month and
weekday names come from `data/dates.tsv`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from kgnews.nlp import gazetteers
from kgnews.nlp.extract.dates import parse_iso_date, resolve_date

# The title line and the first three paragraphs.
HEAD_LINES = 4
# A dateline's date is written within the first characters of its line.
LINE_PREFIX = 120
# Words that introduce a publication date on a line of its own.
PUBLICATION_CUES = ("first published", "published", "posted", "dated", "date")

_HEAD_LINE = re.compile(rf"^[ \t]*(\S.{{0,{LINE_PREFIX - 1}}})", re.MULTILINE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _datelines() -> tuple[re.Pattern[str], ...]:
    """The dateline forms, each matched at the start of a line; the date is the group `date`."""
    words = gazetteers.date_words()
    month = rf"(?i:{_alternatives(list(words.months))})\.?"
    weekday = rf"(?i:{_alternatives(list(words.weekdays))})"
    day, year = r"\d{1,2}(?:st|nd|rd|th)?", r"(?:1[89]|20)\d{2}"
    date = (
        rf"(?P<date>(?:{weekday},?\s+)?"
        rf"(?:{month}\s+{day},?\s+{year}|{day}\s+{month},?\s+{year}|\d{{4}}-\d{{2}}-\d{{2}}))(?!\d)"
    )
    time = r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*(?i:[ap]\.?m\.?))?)?"
    # "SAINT PAUL, MN", "WASHINGTON (AP)", "NEW YORK, N.Y.": an all-caps place, then a region
    # and a news agency.
    place = (
        r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]*)*"
        r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)?(?:\s*\([^()\n]{1,40}\))?"
    )
    labels = rf"(?i:{_alternatives(list(PUBLICATION_CUES))})(?:\s+(?i:on))?\s*:?"
    return tuple(
        re.compile(form)
        for form in (
            rf"{place}\s*(?:[—–-]+|,)?\s*{date}",  # a place dateline
            rf"{labels}\s*{date}",  # "Published: 2019-10-03"
            rf"{date}{time}\s*(?:[—–-]|$)",  # the date alone on its line, or before a dash
        )
    )


def dateline_date(text: str) -> str | None:
    """ISO date ("2016-11-01") of the dateline at the start of `text`, None without one."""
    forms = _datelines()
    for line in islice(_HEAD_LINE.finditer(text), HEAD_LINES):
        for form in forms:
            match = form.match(line.group(1))
            if match is None:
                continue
            value = resolve_date(match.group("date"), None)
            if value is not None and _ISO_DAY.fullmatch(value) and parse_iso_date(value) is not None:
                return value
    return None
