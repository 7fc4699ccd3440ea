"""From what the user names (files, folders, glob patterns, "-") to articles."""
from __future__ import annotations

import codecs
import glob
import itertools
import os
import re
import select
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kgnews.errors import IngestError, IngestWarning, os_reason
from kgnews.ingest.readers import READERS, Reader, check_text_head, read_jsonl_lines, read_txt
from kgnews.model import Article

STDIN = "-"
STDIN_SOURCE = "<stdin>"
SUPPORTED_EXTENSIONS = tuple(READERS)
_EXPECTED = "expected " + ", ".join(SUPPORTED_EXTENSIONS)
_GLOB_CHARACTERS = re.compile(r"[*?[]")


def read_articles(sources: Iterable[str | Path], *, stdin: TextIO | None = None,
                  on_error: Callable[[IngestError], None] | None = None,
                  on_warning: Callable[[IngestWarning], None] | None = None,
                  stdin_arrivals: StdinArrivals | None = None) -> Iterator[Article]:
    """Yield the articles of `sources`, in order.

    A source is a file (.txt, .html, .htm, .json, .jsonl), a folder (its supported files,
    recursively, sorted, hidden ones skipped), a glob pattern, or "-" for `stdin` (default
    `sys.stdin`; JSON lines when its first non-blank character is "{", else plain text).
    Each input that cannot be read becomes one IngestError: it is passed to `on_error` and
    skipped, or raised when `on_error` is None. What was changed or left out of an article
    that is still read (a date kgnews cannot read, characters XML cannot hold) is one
    IngestWarning passed to `on_warning`. `stdin_arrivals` (from `arrivals`) is told when
    standard input is being read.
    """
    for item in _read_sources(sources, stdin, stdin_arrivals):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, IngestWarning):
            if on_warning is not None:
                on_warning(item)
        elif on_error is None:
            raise item
        else:
            on_error(item)


Item = Article | IngestError | IngestWarning


def _read_sources(
    sources: Iterable[str | Path], stdin: TextIO | None, stdin_arrivals: StdinArrivals | None
) -> Iterator[Item]:
    for source, following in itertools.pairwise(itertools.chain(sources, [None])):
        if str(source) == STDIN:
            stream = _read_stream(stdin if stdin is not None else sys.stdin)
            yield from stream if stdin_arrivals is None else stdin_arrivals.reading(stream)
            continue
        items = _read_path(source)
        if stdin_arrivals is not None and following is not None and str(following) == STDIN:
            items = stdin_arrivals.before(items)
        yield from items


def _read_path(source: str | Path) -> Iterator[Item]:
    for path in expand(source):
        if isinstance(path, IngestError):
            yield path
        else:
            yield from _read_file(path)


class StdinArrivals:
    """Whether the next article may be read without waiting (`more` of kgnews.parallel.chunks):
    while standard input is read, whether more of it has arrived, so a feed piped in is taken
    as it comes, not in fixed batches; while files are read, always, so their articles go in
    full batches."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.stdin_next = False  # the reader is at standard input, or at the last item before it

    def __call__(self) -> bool:
        return not self.stdin_next or bool(select.select([self.descriptor], [], [], 0)[0])

    def reading(self, items: Iterator[Item]) -> Iterator[Item]:
        """`items`, read from standard input."""
        self.stdin_next = True
        yield from items
        self.stdin_next = False

    def before(self, items: Iterator[Item]) -> Iterator[Item]:
        """`items`, of a source standard input follows, read one ahead: when the last is
        given, the next is standard input's (the last batch of a file does not wait for it)."""
        previous: list[Item] = []
        for item in items:
            yield from previous
            previous = [item]
        self.stdin_next = True
        yield from previous


def arrivals(
    sources: str | Path | Article | Iterable[str | Path | Article], stdin: TextIO | None = None
) -> StdinArrivals | None:
    """When standard input ("-") is among `sources` (a path, or a list or tuple of them), a
    test of whether the next article may be read without waiting, to pass to `read_articles`
    (see StdinArrivals); None otherwise, or when the stream cannot tell (it has no file
    descriptor)."""
    listed = [sources] if isinstance(sources, (str, Path)) else sources if isinstance(sources, (list, tuple)) else []
    if not any(isinstance(source, (str, Path)) and str(source) == STDIN for source in listed):
        return None
    try:
        descriptor = (stdin if stdin is not None else sys.stdin).fileno()
        select.select([descriptor], [], [], 0)
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None
    return StdinArrivals(descriptor)


def expand(source: str | Path) -> Iterator[Path | IngestError]:
    """The files `source` names: itself, a folder's supported files, or a pattern's matches."""
    path = Path(source)
    if path.is_dir():
        yield from _folder_files(path)
    elif path.exists() or not _GLOB_CHARACTERS.search(str(source)):
        yield path  # a missing file is reported when it is read
    else:
        matches = sorted(glob.glob(str(source), recursive=True))
        if not matches:
            yield IngestError(str(source), "no files match this pattern")
        for match in map(Path, matches):
            # Like a shell glob, a matched file is read whatever its type; a folder is walked.
            yield from _folder_files(match) if match.is_dir() else (match,)


def _folder_files(folder: Path) -> Iterator[Path | IngestError]:
    found, complete = False, True
    unreadable: list[OSError] = []  # os.walk skips a folder it cannot list: each is reported
    for directory, subdirectories, filenames in os.walk(folder, onerror=unreadable.append):
        complete = complete and not unreadable
        yield from _unreadable_folders(unreadable)
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and Path(filename).suffix.lower() in READERS:
                found = True
                yield Path(directory, filename)
    complete = complete and not unreadable
    yield from _unreadable_folders(unreadable)
    if not found and complete:
        yield IngestError(str(folder), f"no supported files in folder ({_EXPECTED})")


def _unreadable_folders(errors: list[OSError]) -> Iterator[IngestError]:
    while errors:
        error = errors.pop(0)
        yield IngestError(str(error.filename), f"folder cannot be read ({os_reason(error)})")


def file_problem(path: Path) -> IngestError | None:
    """Why `path` cannot be read as articles before reading it (missing, unsupported type)."""
    if not path.exists():
        return IngestError(str(path), "no such file or directory")
    suffix = path.suffix.lower()
    if suffix not in READERS:
        kind = f"'{suffix}'" if suffix else "(no file extension)"
        return IngestError(str(path), f"unsupported file type {kind} ({_EXPECTED})")
    return None


def _read_file(path: Path) -> Iterator[Item]:
    if (problem := file_problem(path)) is not None:
        yield problem
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield IngestError(str(path), os_reason(error))
        return
    yield from run_reader(READERS[path.suffix.lower()], data, str(path))


def _read_stream(stream: TextIO) -> Iterator[Item]:
    """Standard input: JSON lines are read a line at a time, so a feed piped in (a crawler,
    `tail -f`) is ingested as it arrives; plain text is one article, read to its end."""
    # Bytes where the stream has them, so standard input gets the same checks as a file.
    lines = _byte_lines(stream)
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        if line.removeprefix(codecs.BOM_UTF8).strip():
            break
    first = b"".join(head)
    if not first.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        yield from run_reader(read_txt, first + b"".join(lines), STDIN_SOURCE)
        return
    try:
        check_text_head(first, STDIN_SOURCE)
    except IngestError as error:
        yield error
        return
    offset = 0
    for number, line in enumerate(itertools.chain(head, lines), start=1):
        yield from read_jsonl_lines(line.removesuffix(b"\n"), STDIN_SOURCE, first_line=number, offset=offset)
        offset += len(line)


def _byte_lines(stream: TextIO) -> Iterator[bytes]:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from iter(buffer.readline, b"")
    else:
        yield from (line.encode("utf-8") for line in iter(stream.readline, ""))


def run_reader(reader: Reader, data: bytes, source: str) -> Iterator[Item]:
    try:
        yield from reader(data, source)
    except IngestError as error:  # the whole input is unusable
        yield error
