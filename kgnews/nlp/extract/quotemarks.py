"""Quotation marks: which stretches of a text are quoted, found by pairing the marks over the
text, not over spaCy's sentences (a quotation may span several of them).

Curly marks say which way they face, straight ones are judged by their neighbours, and a
mark that finds no partner is dropped rather than paired with the wrong one, so unbalanced
text yields no junk. Only top-level quotations count: a quotation inside another is part
of it. A quotation runs over several paragraphs the way news writes it: left open at the end
of each paragraph, and opened again at the start of the next.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span

from kgnews.nlp.extensions import doc_text

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
DOUBLE_EITHER = frozenset('"')
SINGLE_OPEN = frozenset("‘")
SINGLE_EITHER = frozenset("'’")
OPENING_CONTEXT = frozenset("([{—–-/")
CLOSING_CONTEXT = frozenset(",.;:!?)]}—–-/…")
# Single quotation marks double as apostrophes; only short single-quoted spans count.
MAX_SINGLE_QUOTED_WORDS = 8


def _is_space(char: str) -> bool:
    return not char or char.isspace()


class QuotedRange(NamedTuple):
    """The characters of one quotation's content in one paragraph."""

    start: int
    end: int
    runs_on: bool = False  # left open at the paragraph's end, it goes on in the next paragraph


def quoted_ranges(text: str) -> list[QuotedRange]:
    """Character ranges of the top-level quotations' contents in `text`.

    Quotations do not cross line breaks: one left open at the end of a paragraph whose next
    paragraph opens with a quotation mark goes on there, and its part in each paragraph is a
    range of its own (the first one `runs_on`). Straight marks open after a space or an opening
    bracket and close before a space or punctuation; a mark that could be either closes an
    open quotation and opens one otherwise. An opening mark while a quotation is open
    drops the earlier, unclosed one.
    """
    ranges: list[QuotedRange] = []
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        unclosed: list[int] = []
        ranges.extend(QuotedRange(start + offset, end + offset) for start, end in _line_ranges(line, unclosed))
        following = next((later for later in itertools.islice(lines, number + 1, None) if later.strip()), "") \
            if unclosed else ""
        if following.lstrip()[:1] in DOUBLE_OPEN | DOUBLE_EITHER:
            ranges.extend(QuotedRange(start + offset, end + offset, runs_on=True)
                          for start, end in _content(line, unclosed[0] + 1, len(line)))
        offset += len(line) + 1
    return ranges


_MARK = re.compile("[" + re.escape("".join(DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_EITHER | SINGLE_OPEN | SINGLE_EITHER)) + "]")


def _faces(line: str, position: int) -> tuple[bool, bool]:
    """Whether the mark at `position` may open, and may close, a quotation (by its neighbours)."""
    before = line[position - 1] if position else ""
    after = line[position + 1] if position + 1 < len(line) else ""
    may_open = _is_space(before) or before in OPENING_CONTEXT
    may_close = _is_space(after) or after in CLOSING_CONTEXT or after in DOUBLE_CLOSE or after in DOUBLE_EITHER
    return may_open, may_close


def _nested(line: str, marks: list[re.Match[str]], number: int) -> bool:
    """Whether the straight mark `number`, opening while a quotation is open, starts a short
    quotation inside it ('"The "United States" is not holding any detainees."'): the next
    mark closes within a few words, and a later one closes the open quotation."""
    if number + 1 >= len(marks) or marks[number + 1].group() not in DOUBLE_EITHER:
        return False
    start, end = marks[number].start(), marks[number + 1].start()
    may_open, may_close = _faces(line, end)
    if not may_close or may_open or len(line[start + 1 : end].split()) > MAX_SINGLE_QUOTED_WORDS:
        return False
    return any(
        mark.group() in DOUBLE_CLOSE or (mark.group() in DOUBLE_EITHER and _faces(line, mark.start())[1])
        for mark in marks[number + 2 :]
    )


def _line_ranges(line: str, unclosed: list[int]) -> Iterator[tuple[int, int]]:
    """The quoted ranges of one line; the position of a double mark still open at its end is
    added to `unclosed`."""
    open_at: int | None = None
    single_at: int | None = None
    marks = list(_MARK.finditer(line))
    skip = -1
    for number, match in enumerate(marks):
        position, char = match.start(), match.group()
        if number == skip:
            continue
        may_open, may_close = _faces(line, position)
        before = line[position - 1] if position else ""
        after = line[position + 1] if position + 1 < len(line) else ""
        if char in DOUBLE_OPEN or char in DOUBLE_CLOSE or char in DOUBLE_EITHER:
            if char in DOUBLE_OPEN:
                opens = True
            elif char in DOUBLE_CLOSE:
                opens = False
            elif may_open != may_close:
                opens = may_open
            else:
                opens = open_at is None
            if opens and open_at is not None and char in DOUBLE_EITHER and _nested(line, marks, number):
                skip = number + 1  # part of the open quotation, with its closing mark
            elif opens:
                open_at, single_at = position, None
            elif open_at is not None:
                yield from _content(line, open_at + 1, position)
                open_at = None
        elif open_at is None:
            if single_at is None and may_open and after.isalnum() and char not in "’":
                single_at = position
            elif single_at is not None and may_close and not _is_space(before):
                words = line[single_at + 1 : position].split()
                if len(words) <= MAX_SINGLE_QUOTED_WORDS:
                    yield from _content(line, single_at + 1, position)
                single_at = None
    if open_at is not None:
        unclosed.append(open_at)


def _content(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if any(char.isalnum() for char in line[start:end]):
        yield start, end


def quotation_spans(doc: Doc) -> tuple[list[Span], frozenset[int]]:
    """Token spans of the top-level quotations' contents, in text order, and the positions
    (in that list) of those that go on in the next one, a paragraph later."""
    spans: list[Span] = []
    running_on = set()
    for quoted in quoted_ranges(doc_text(doc)):
        span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
        if span is not None and len(span):
            if quoted.runs_on:
                running_on.add(len(spans))
            spans.append(span)
    return spans, frozenset(running_on)
