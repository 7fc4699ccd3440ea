"""Reading news articles from files, folders, glob patterns and standard input.

    for article in read_articles(["news/", "extra.jsonl"], on_error=errors.append):
        ...

Formats: .txt (line 1 is the title when a blank line follows it), .html/.htm (main text
and metadata via trafilatura), .json (an object or a list of objects) and .jsonl (one
object per line) with fields id, title, text, url, date, author, publisher. Text must be
UTF-8 (an HTML page may declare another charset).

An article's id is its input's `id` made safe for an IRI path segment (characters
outside [A-Za-z0-9._-] become "-"), else the first 8 hex digits of the SHA-256 of its
text, so re-reading the same text gives the same id.
"""
from __future__ import annotations

from kgnews.ingest.articles import text_id
from kgnews.ingest.sources import STDIN, SUPPORTED_EXTENSIONS, read_articles

__all__ = ["STDIN", "SUPPORTED_EXTENSIONS", "read_articles", "text_id"]
