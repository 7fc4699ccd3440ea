"""Building `Article`s: the analysed text, stable ids and normalised metadata.

Every reader ends here, so an article gets the same text, id and date rules whatever
format it came from. An id given by the input is kept exactly as given (kgnews.graph.iris
encodes it into an IRI injectively); without one, an article is named by its text.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime

from kgnews import xmlchars
from kgnews.errors import IngestError, IngestWarning
from kgnews.model import Article

Warn = Callable[[IngestWarning], None]

# Spelled-out dates common in news metadata; ISO 8601 and RFC 2822 are handled separately.
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")

# Optional one-line fields of a JSON record (id, text and date have rules of their own);
# any field not named here is ignored.
_TEXT_FIELDS = ("title", "url", "author", "publisher")

_JSON_TYPE_NAMES = {dict: "object", list: "array", str: "string", int: "number",
                    float: "number", bool: "boolean", type(None): "null"}


def text_id(text: str) -> str:
    """The first 8 hex digits of the text's SHA-256, so the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_date(value: str) -> str | None:
    """`value` as an ISO date (YYYY-MM-DD), or None when it is not a date kgnews can read.

    A timestamp keeps the calendar date it states (no conversion to UTC): that is the
    publication date as the publisher gave it.
    """
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    for date_format in _DATE_FORMATS:
        try:
            return datetime.strptime(value, date_format).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def compose_text(title: str | None, body: str) -> str:
    """The analysed text: the title, a blank line, then the body, unless the body opens with the title."""
    if title and not body.startswith(title):
        return f"{title}\n\n{body}"
    return body


def build_article(text: str, source: str, *, given_id: str | None = None, title: str | None = None,
                  url: str | None = None, date: str | None = None, author: str | None = None,
                  publisher: str | None = None, warn: Warn | None = None) -> Article:
    """An `Article` with the given id, as given, or, without one, the id of its text.

    Characters XML cannot hold are removed from the text and metadata, and a date kgnews
    cannot read is left out: each is passed to `warn` as one IngestWarning naming the field.
    """
    def clean(field: str, value: str | None) -> str | None:
        return _without_forbidden(field, value, source, warn)

    text = clean("text", text) or ""
    if not text.strip():
        raise IngestError(source, "no text left once the characters XML does not allow are removed")
    iso_date = normalise_date(date) if date else None
    if date and iso_date is None and warn is not None:
        warn(IngestWarning(source, f"field 'date': {date[:40]!r} is not a date kgnews can read "
                                   "(e.g. 2019-02-11); left out"))
    return Article(
        id=given_id or text_id(text),
        text=text,
        title=clean("title", title),
        url=clean("url", url),
        date=iso_date,
        author=clean("author", author),
        publisher=clean("publisher", publisher),
        source=source,
    )


def _without_forbidden(field: str, value: str | None, source: str, warn: Warn | None) -> str | None:
    """`value` without the characters XML cannot hold; their removal is reported to `warn`."""
    if not value:
        return None
    found = xmlchars.forbidden_in(value)
    if not found:
        return value
    if warn is not None:
        warn(IngestWarning(source, f"field '{field}': removed {xmlchars.describe(found)}"))
    return xmlchars.strip_forbidden(value) or None


def article_from_record(record: object, source: str, line: int | None = None, warn: Warn | None = None) -> Article:
    """An `Article` from one JSON record with fields id, title, text, url, date, author, publisher.

    Raises IngestError naming `source` and `line` when the record has no usable text or a
    field has the wrong type; what is only left out (an unreadable date) goes to `warn`.
    """
    where = f"{source}:{line}" if line is not None else source
    if not isinstance(record, dict):
        raise IngestError(source, f"expected a JSON object, found {_json_type(record)}", line)
    body = record.get("text")
    if body is None:
        raise IngestError(source, "missing field 'text'", line)
    if not isinstance(body, str):
        raise IngestError(source, f"field 'text' must be a string, found {_json_type(body)}", line)
    body = (_without_forbidden("text", normalise_newlines(body), where, warn) or "").strip()
    if not body:
        raise IngestError(source, "'text' is empty", line)
    fields = {name: _without_forbidden(name, _optional_string(record, name, source, line), where, warn)
              for name in _TEXT_FIELDS}
    given_id = record.get("id")
    if isinstance(given_id, int) and not isinstance(given_id, bool):
        given_id = str(given_id)  # numeric ids are common in exported datasets
    elif given_id is not None and not isinstance(given_id, str):
        raise IngestError(source, f"field 'id' must be a string, found {_json_type(given_id)}", line)
    elif given_id is not None and not _is_encodable(given_id):
        raise IngestError(source, "field 'id' is not valid Unicode (it holds a lone surrogate)", line)
    date = record.get("date")
    if date is not None and not isinstance(date, str) and warn is not None:
        warn(IngestWarning(
            where, f"field 'date' must be a string, found {_json_type(date)} {str(date)[:40]}; left out"
        ))
    return build_article(
        compose_text(fields["title"], body), where, given_id=given_id,
        date=date if isinstance(date, str) else None, warn=warn, **fields,
    )


def _optional_string(record: dict, name: str, source: str, line: int | None) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(source, f"field '{name}' must be a string, found {_json_type(value)}", line)
    return " ".join(value.split()) or None  # metadata is one line: collapse inner whitespace


def _is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_type(value: object) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)
