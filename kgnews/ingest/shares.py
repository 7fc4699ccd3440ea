"""Inputs cut into shares that other processes read themselves (`kgnews ingest --dask`).

The process that runs the ingest lists the input files and cuts each JSON-lines file at
line boundaries into shares of about `SHARE_BYTES` (reading it once, without parsing); every
other file is one share. A worker reads a share by its path and byte range (`read_share`),
so article texts never travel from the ingesting process to the workers; the articles,
errors and warnings it reads are those `read_articles` gives for the same lines, line
numbers included. `ArticleAt` names one article of a share, for a later task to read again.
"""
from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kgnews.errors import IngestError, IngestWarning, os_reason
from kgnews.ingest.readers import READERS, check_text_head, read_jsonl_lines
from kgnews.ingest.sources import expand, file_problem, run_reader
from kgnews.model import Article

# Bytes of JSON lines per share: some dozens of articles, a few seconds of analysis.
SHARE_BYTES = 256 * 1024
_BLOCK_BYTES = 1 << 20
JSON_LINES = ".jsonl"


@dataclass(frozen=True)
class Share:
    """A file to read whole, or the lines of a JSON-lines file from byte `start` to `end`
    (exclusive; None: to its end), the first of them line number `line`."""

    path: str
    start: int = 0
    end: int | None = None
    line: int = 1


@dataclass(frozen=True)
class ArticleAt:
    """The `index`-th article `share` holds, with the id and text hash it was read with."""

    share: Share
    index: int
    id: str
    text_hash: str


Item = Article | IngestError | IngestWarning


def file_shares(sources: Iterable[str | Path], share_bytes: int | None = None) -> Iterator[Share | IngestError]:
    """The shares of the files `sources` name (files, folders, glob patterns), in input
    order, JSON lines cut every `share_bytes` (default `SHARE_BYTES`); a file that cannot
    be read is an IngestError, as `read_articles` reports it."""
    share_bytes = share_bytes or SHARE_BYTES
    for source in sources:
        for path in expand(source):
            if isinstance(path, IngestError):
                yield path
            elif (problem := file_problem(path)) is not None:
                yield problem
            elif path.suffix.lower() == JSON_LINES:
                yield from _json_lines_shares(path, share_bytes)
            else:
                yield Share(str(path))


def _json_lines_shares(path: Path, share_bytes: int) -> Iterator[Share | IngestError]:
    """`path` cut after the first line end past every `share_bytes`; the checks a whole
    file gets (text, not empty) made here, on the way."""
    source = str(path)
    shares: list[Share] = []
    start, start_line = 0, 1  # where the share being cut starts
    line, position, blank = 1, 0, True  # `line`: the number of the line at the scan point
    try:
        with path.open("rb") as file:
            while block := file.read(_BLOCK_BYTES):
                if position == 0:
                    check_text_head(block, source)
                blank = blank and not (block.removeprefix(codecs.BOM_UTF8) if position == 0 else block).strip()
                scan = 0
                while (cut := block.find(b"\n", max(scan, start + share_bytes - 1 - position))) >= 0:
                    line += block.count(b"\n", scan, cut + 1)
                    end = position + cut + 1
                    shares.append(Share(source, start, end, start_line))
                    start, start_line, scan = end, line, cut + 1
                line += block.count(b"\n", scan)
                position += len(block)
    except OSError as error:
        yield IngestError(source, os_reason(error))
        return
    except IngestError as error:
        yield error
        return
    if blank:
        yield IngestError(source, "empty file")
        return
    yield from shares
    if start < position:
        yield Share(source, start, None, start_line)


def read_share(share: Share) -> list[Item]:
    """The articles, errors and warnings of one share, as `read_articles` gives them."""
    return list(_share_items(share, _stamp(share.path)))


@lru_cache(maxsize=8)
def _share_items(share: Share, stamp: tuple[int, int] | None) -> tuple[Item, ...]:
    # A worker reads and parses each share once per version of its file (`stamp`): for the
    # reading task, then again for each analysis task given a few of its articles.
    path = Path(share.path)
    try:
        with path.open("rb") as file:
            file.seek(share.start)
            data = file.read() if share.end is None else file.read(share.end - share.start)
    except OSError as error:
        return (IngestError(share.path, os_reason(error)),)
    if path.suffix.lower() == JSON_LINES:
        return tuple(read_jsonl_lines(data, share.path, first_line=share.line, offset=share.start))
    return tuple(run_reader(READERS[path.suffix.lower()], data, share.path))


def read_articles_at(places: list[ArticleAt]) -> list[Article | IngestError]:
    """The articles at `places`; one read differently than it was first (its file changed
    since) is an IngestError."""
    found: list[Article | IngestError] = []
    stamps = {path: _stamp(path) for path in {place.share.path for place in places}}
    for place in places:
        articles = _share_articles(place.share, stamps[place.share.path])
        article = articles[place.index] if place.index < len(articles) else None
        if article is None or (article.id, article.text_hash) != (place.id, place.text_hash):
            found.append(IngestError(share_source(place.share), "the file changed while it was being ingested"))
        else:
            found.append(article)
    return found


@lru_cache(maxsize=8)
def _share_articles(share: Share, stamp: tuple[int, int] | None) -> list[Article]:
    return [item for item in _share_items(share, stamp) if isinstance(item, Article)]


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None  # read_share says why
    return status.st_mtime_ns, status.st_size


def share_source(share: Share) -> str:
    return f"{share.path}:{share.line}" if share.start else share.path
