"""One reader per input format: raw bytes in, articles (or per-record errors) out.

A reader raises IngestError when the whole input is unusable and yields one when only a
record is (a bad line of a .jsonl file), so the other records are still read. It yields an
IngestWarning, before its article, for what it changed or left out of a record.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator

import trafilatura

from kgnews.errors import IngestError, IngestWarning
from kgnews.ingest.articles import Warn, article_from_record, build_article, compose_text, normalise_newlines
from kgnews.model import Article

Reader = Callable[[bytes, str], Iterator[Article | IngestError | IngestWarning]]

# Git's rule: text files have no NUL byte near the start.
_BINARY_SNIFF_BYTES = 8000
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHARSET_SNIFF_BYTES = 2048


def check_text_bytes(data: bytes, source: str) -> None:
    """Raise IngestError unless `data` looks like a non-empty text file."""
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise IngestError(source, "empty file")
    check_text_head(data, source)


def check_text_head(head: bytes, source: str) -> None:
    """Raise IngestError unless a file starting with `head` looks like UTF-8 text."""
    if head.startswith(_UTF16_BOMS):
        raise IngestError(source, "UTF-16 text (expected UTF-8)")
    if b"\x00" in head[:_BINARY_SNIFF_BYTES]:
        raise IngestError(source, "binary file (not text)")


def decode_utf8(data: bytes, source: str, *, line: int | None = None, offset: int = 0,
                fallback_encoding: str | None = None) -> str:
    """`data` as text with LF line ends and no byte order mark.

    `offset` is where `data` starts in its file, so errors give the file's byte position.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = _decode_or_none(data, fallback_encoding) if fallback_encoding else None
        if text is None:
            raise IngestError(source, f"not valid UTF-8 at byte {offset + error.start}", line) from None
    return normalise_newlines(text.removeprefix("\ufeff"))


def read_txt(data: bytes, source: str) -> Iterator[Article]:
    """The file's text as is; line 1 is the title when a blank line follows it."""
    check_text_bytes(data, source)
    text = decode_utf8(data, source).rstrip()  # a final newline is no part of the article
    first_line, _, rest = text.partition("\n")
    line_after_title = rest.partition("\n")[0]
    title = first_line.strip() if rest and not line_after_title.strip() else None
    yield from _warned(lambda warn: build_article(text, source, title=title, warn=warn))


def read_html(data: bytes, source: str) -> Iterator[Article]:
    """The page's main text and metadata, as extracted by trafilatura.

    Navigation, footers, reader comments and tables are left out; each remaining
    paragraph becomes one, separated by a blank line as in the .txt format.
    """
    check_text_bytes(data, source)
    html = decode_utf8(data, source, fallback_encoding=_declared_charset(data))
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    paragraphs = [line.strip() for line in (document.text or "").splitlines()] if document else []
    body = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not body:
        raise IngestError(source, "no article text found in HTML")
    yield from _warned(lambda warn: build_article(
        compose_text(document.title, body), source,
        title=document.title, url=document.url, date=document.date, author=document.author,
        publisher=document.sitename or document.hostname, warn=warn,
    ))


def read_json(data: bytes, source: str) -> Iterator[Article | IngestError]:
    """One JSON object, or a list of them (a bad item is reported and skipped)."""
    check_text_bytes(data, source)
    value = _parse_json(decode_utf8(data, source), source)
    if not isinstance(value, list):
        yield from _warned(lambda warn: article_from_record(value, source, warn=warn))
        return
    if not value:
        raise IngestError(source, "no articles (empty JSON list)")
    for number, record in enumerate(value, start=1):
        try:
            yield from _warned(lambda warn: article_from_record(
                record, source, warn=lambda warning: warn(IngestWarning(source, f"item {number}: {warning.reason}"))
            ))
        except IngestError as error:
            yield IngestError(source, f"item {number}: {error.reason}")


def read_jsonl(data: bytes, source: str) -> Iterator[Article | IngestError]:
    """One JSON object per line; blank lines are ignored, a bad line is reported and skipped."""
    check_text_bytes(data, source)
    yield from read_jsonl_lines(data, source)


def read_jsonl_lines(
    data: bytes, source: str, *, first_line: int = 1, offset: int = 0
) -> Iterator[Article | IngestError]:
    """The records of JSON lines `data`, which start at line `first_line` and byte `offset`
    of the file `source` (a part of it, kgnews.ingest.shares)."""
    for number, raw_line in enumerate(data.split(b"\n"), start=first_line):
        try:
            line = decode_utf8(raw_line, source, line=number, offset=offset)
            if line.strip():
                record = _parse_json(line, source, number)
                yield from _warned(lambda warn: article_from_record(record, source, number, warn=warn))
        except IngestError as error:
            yield error
        offset += len(raw_line) + 1


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}


def _warned(make: Callable[[Warn], Article]) -> Iterator[Article | IngestWarning]:
    """The warnings `make` reports while building its article, then the article."""
    warnings: list[IngestWarning] = []
    article = make(warnings.append)
    yield from warnings
    yield article


def _parse_json(text: str, source: str, line: int | None = None) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        reason = f"malformed JSON: {error.msg} (column {error.colno})"
        # In a .jsonl file the line is the file's; in a .json file it is the parser's.
        raise IngestError(source, reason, line if line is not None else error.lineno) from None
    except RecursionError:  # Python's parser recurses once per level of arrays and objects
        raise IngestError(source, "JSON nested too deeply to read (arrays or objects hundreds of levels deep)",
                          line) from None


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):  # LookupError: an encoding Python does not know
        return None


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag (older sites are often not UTF-8)."""
    match = _DECLARED_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None
