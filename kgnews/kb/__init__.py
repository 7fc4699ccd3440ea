"""Knowledge bases of political actors: the format, and reading it (see kgnews/kb/README.md).

A KB file is JSON lines (optionally gzip-compressed, `.gz`): an optional header line
`{"kgnews_kb": 1, "name": ..., "version": ..., "source": ..., "licence": ...}`, then one
entry a line: `id`, `type`, `name`, and optionally `wikidata`, `subtype`, `aliases`,
`surname`, `country`, `generic_names`, `posts` and `memberships` with `start`/`end` dates.
kgnews ships a default KB (default.jsonl.gz, built by scripts/build_kb.py); users add
theirs with `kgnews ingest --kb FILE`, the `kb` argument of `KnowledgeGraph.ingest`, or the
`KGNEWS_KB` environment variable (files separated by the platform's path separator).
This module only reads and checks the data; kgnews.graph.kblinking links entities to it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from kgnews.errors import KGNewsError

FORMAT_VERSION = 1
KB_DIR = Path(__file__).parent
DEFAULT_KB = KB_DIR / "default.jsonl.gz"
KB_ENV = "KGNEWS_KB"
ENTRY_TYPES = ("Person", "Organization", "Place")

_QID = re.compile(r"Q[1-9]\d*")


class KBError(KGNewsError):
    """A KB file is missing or malformed."""


@dataclass(frozen=True)
class Post:
    """A post a person held: "Senator" in the United States Senate for Vermont, 2007-2013."""

    role: str
    role_of: str | None = None
    represents: str | None = None
    district: int | None = None
    party: str | None = None
    start: str | None = None  # ISO dates; None: not known
    end: str | None = None
    as_of: str | None = None  # held on this day (a roster without terms)

    def covers(self, day: str) -> bool:
        """True when the post was held on `day` (an as-of post only on its own day)."""
        if self.start is None and self.end is None:
            return self.as_of == day
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def before(self, day: str) -> bool:
        """True when the post was held at some time before `day`."""
        return (self.start or self.as_of or "9999") < day


@dataclass(frozen=True)
class Membership:
    organization: str
    start: str | None = None
    end: str | None = None
    as_of: str | None = None

    def covers(self, day: str) -> bool:
        return Post("", start=self.start, end=self.end, as_of=self.as_of).covers(day)


@dataclass(frozen=True)
class KBSource:
    """Where entries come from: named in the provenance of the facts taken from them."""

    name: str
    version: str
    source: str | None = None
    licence: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class KBEntry:
    id: str
    type: str
    name: str
    source: KBSource
    wikidata: str | None = None
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    surname: str | None = None
    country: str | None = None
    generic_names: tuple[str, ...] = ()  # what the entry is called in an article about its country
    posts: tuple[Post, ...] = ()
    memberships: tuple[Membership, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(eq=False)
class KnowledgeBase:
    """Entries of one or more KB files; a later file's entry replaces an earlier one's of the same id.
    Compared (and hashed) by identity: `load_kb` returns one object per set of files."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    sources: list[KBSource] = field(default_factory=list)

    def add(self, source: KBSource, entries: Iterable[KBEntry]) -> None:
        self.sources.append(source)
        for entry in entries:
            self.entries[entry.id] = entry

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class KBFiles:
    """Which KB files to read, fit to travel to another process or machine (a --jobs or
    Dask worker, which reads them once): the files of $KGNEWS_KB and the user's, as this
    process resolved them, and the default KB by name, so each machine reads its own copy."""

    extra: tuple[str, ...] = ()
    default: bool = True

    @classmethod
    def chosen(cls, extra: Sequence[str | Path] = (), *, default: bool = True) -> KBFiles:
        """The default KB (unless not `default`), those in $KGNEWS_KB, then `extra`."""
        from_env = [part for part in os.environ.get(KB_ENV, "").split(os.pathsep) if part.strip()]
        return cls(tuple(str(path) for path in [*from_env, *extra]), default)

    def load(self) -> KnowledgeBase:
        """The knowledge base of these files, read once per process."""
        paths = [DEFAULT_KB] if self.default else []
        paths += [Path(path) for path in self.extra]
        return _load(tuple((str(path), _stamp(path)) for path in paths))


def load_kb(extra: Sequence[str | Path] = (), *, default: bool = True) -> KnowledgeBase:
    """The knowledge base of the default KB (unless not `default`), those in $KGNEWS_KB, then
    `extra`, read once per process."""
    return KBFiles.chosen(extra, default=default).load()


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError as error:
        raise KBError(f"{path}: cannot read knowledge base ({error.strerror})") from None


# Knowledge bases kept loaded (by files and their times); indexes built over a KB keep as many.
KBS_KEPT = 4


@lru_cache(maxsize=KBS_KEPT)
def _load(paths: tuple[tuple[str, float], ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for path, _ in paths:
        source, entries = read_kb_file(path)
        kb.add(source, entries)
    return kb


def read_kb_file(path: str | Path) -> tuple[KBSource, list[KBEntry]]:
    """A KB file's source description and entries; KBError names the file and line of a fault."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as error:
        raise KBError(f"{path}: cannot read knowledge base ({getattr(error, 'strerror', None) or error})") from None
    source = KBSource(name=path.name.split(".")[0], version=hashlib.sha256(raw).hexdigest()[:12], path=str(path))
    entries: list[KBEntry] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise KBError(f"{where}: malformed JSON ({error.msg}, column {error.colno})") from None
        if not isinstance(record, dict):
            raise KBError(f"{where}: expected a JSON object")
        if "kgnews_kb" in record:
            if entries:
                raise KBError(f"{where}: the header must be the first line")
            source = _source(record, source, where)
            continue
        entry = _entry(record, source, where)
        if entry.id in seen:
            raise KBError(f"{where}: id {entry.id!r} given twice")
        seen.add(entry.id)
        entries.append(entry)
    return source, entries


def _source(record: dict[str, Any], default: KBSource, where: str) -> KBSource:
    if record["kgnews_kb"] != FORMAT_VERSION:
        raise KBError(f"{where}: format version {record['kgnews_kb']!r} (this kgnews reads {FORMAT_VERSION})")
    values = {key: _text(record, key, where) for key in ("name", "version", "source", "licence")}
    return KBSource(
        name=values["name"] or default.name, version=values["version"] or default.version,
        source=values["source"], licence=values["licence"], path=default.path,
    )


def _entry(record: dict[str, Any], source: KBSource, where: str) -> KBEntry:
    entry_id, name = _text(record, "id", where), _text(record, "name", where)
    if not entry_id or not name:
        raise KBError(f"{where}: an entry needs an 'id' and a 'name'")
    where = f"{where} ({entry_id})"
    entry_type = record.get("type")
    if entry_type not in ENTRY_TYPES:
        raise KBError(f"{where}: 'type' must be one of {', '.join(ENTRY_TYPES)}, not {entry_type!r}")
    wikidata = _text(record, "wikidata", where)
    if wikidata is not None and not _QID.fullmatch(wikidata):
        raise KBError(f"{where}: 'wikidata' must be a QID such as \"Q170581\", not {wikidata!r}")
    return KBEntry(
        id=entry_id, type=entry_type, name=name, source=source, wikidata=wikidata,
        subtype=_text(record, "subtype", where), aliases=_texts(record, "aliases", where),
        surname=_text(record, "surname", where), country=_text(record, "country", where),
        generic_names=_texts(record, "generic_names", where),
        posts=tuple(_dated(Post, item, where, "posts") for item in _items(record, "posts", where)),
        memberships=tuple(_dated(Membership, item, where, "memberships") for item in _items(record, "memberships", where)),
    )


def _text(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise KBError(f"{where}: '{key}' must be a string")
    return value


def _texts(record: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = record.get(key) or []
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise KBError(f"{where}: '{key}' must be a list of strings")
    return tuple(values)


def _items(record: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    values = record.get(key) or []
    if not isinstance(values, list) or not all(isinstance(value, dict) for value in values):
        raise KBError(f"{where}: '{key}' must be a list of objects")
    return values


def _dated(kind: type, item: dict[str, Any], where: str, key: str) -> Any:
    known = {name for name in kind.__dataclass_fields__}
    unknown = sorted(set(item) - known)
    if unknown:
        raise KBError(f"{where}: unknown field {unknown[0]!r} in '{key}' (known: {', '.join(sorted(known))})")
    for name in ("start", "end", "as_of"):
        if item.get(name) is not None:
            try:
                date.fromisoformat(item[name])
            except (TypeError, ValueError):
                raise KBError(f"{where}: '{key}' {name} {item[name]!r} is not an ISO date (YYYY-MM-DD)") from None
    first = "role" if kind is Post else "organization"
    if not isinstance(item.get(first), str) or not item[first]:
        raise KBError(f"{where}: each of '{key}' needs a '{first}'")
    return kind(**item)
