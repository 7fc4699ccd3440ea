"""Export a store as RDF: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from kgnews.results import RDF_FORMATS, rdf_format
from kgnews.store import Store

FORMATS: tuple[str, ...] = tuple(RDF_FORMATS)

__all__ = ["FORMATS", "export"]


def export(store: Store, format: str, out: BinaryIO | str | Path, graph: str | None = None) -> None:
    """Write `store` (or its named graph `graph`) to `out` (a binary stream or a file path) in `format`.

    Dataset formats (nquads, trig, jsonld) keep graph names; turtle, ntriples and xml hold
    one graph: the union of all graphs, or `graph` when given. An unknown format is a
    KGNewsError naming the known ones.
    """
    rdf_format(format)
    store.dump(out, format, graph)
