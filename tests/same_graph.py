"""Comparing stores made by different runs (ingest, --jobs, --dask, analyse + load)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kgnews.graph.iris import entities_graph_iri
from kgnews.vocab import is_bookkeeping_graph
from kgnews.store import Store

RUN_IRI = re.compile(r"/run/[0-9a-f]+>")
DATE_TIME = re.compile(r'"[^"]*"\^\^<http://www\.w3\.org/2001/XMLSchema#dateTime>')


def without_run_provenance(store: Path) -> set[str]:
    """The store's quads as text, with each run's IRI and timestamps (all a run may change) blanked."""
    quads = ox.Store(str(store))
    try:
        return quads_without_run_provenance(quads)
    finally:
        del quads


def quads_without_run_provenance(quads: Iterable[ox.Quad]) -> set[str]:
    """`quads` as text, with each run's IRI and timestamps blanked."""
    return {DATE_TIME.sub("TIME", RUN_IRI.sub("/run/RUN>", str(quad))) for quad in quads}


def derived_quads(store: Store) -> int:
    """Quads of the graphs kgnews derives from the article graphs: the entity graph and the
    bookkeeping graphs (entity counts, each article's fact counts)."""
    derived = [name for name in store.graph_names() if name == entities_graph_iri() or is_bookkeeping_graph(name)]
    return sum(1 for graph in derived for _ in store.quads(graph))
