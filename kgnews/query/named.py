"""The schema's SPARQL kept as files, loaded by name: `kgnews/query/sparql/<name>.rq`.

A query's `$placeholders` take SPARQL text made by `kgnews.sparql` (an IRI term, a VALUES
clause), never a raw value, so nothing a user chose becomes query text. The kgnews prefixes
(kgo:, schema:, nif:, ...) are predeclared by the stores.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

QUERY_DIR = Path(__file__).with_name("sparql")


@cache
def _template(name: str) -> Template:
    return Template((QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8"))


def named_query(name: str, **parts: str) -> str:
    """The query `name` with its placeholders filled; a missing part is a KeyError."""
    return _template(name).substitute(parts)


def query_names() -> list[str]:
    return sorted(path.stem for path in QUERY_DIR.glob("*.rq"))
