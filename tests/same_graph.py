"""Comparing stores made by different runs (ingest, --jobs, --dask, analyse + load)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kgnews.graph.iris import applied_graph_iri, entities_graph_iri
from kgnews.store.oxigraph import BOOKKEEPING_DIRECTORY
from kgnews.vocab import is_bookkeeping_graph
from kgnews.store import Store

RUN_IRI = re.compile(r"/run/[0-9a-f]+>")
DATE_TIME = re.compile(r'"[^"]*"\^\^<http://www\.w3\.org/2001/XMLSchema#dateTime>')


def without_run_provenance(store: Path) -> set[str]:
    """The store's quads, and its side store's counts, as text, with each run's IRI and
    timestamps (all a run may change) blanked; the side store's record of the last journal
    applied (a random id) left out."""
    found = quads_without_run_provenance(ox.Store(str(store)))
    side = store / BOOKKEEPING_DIRECTORY
    if side.exists():
        applied = ox.NamedNode(applied_graph_iri())
        found |= {f"side: {quad}" for quad in quads_without_run_provenance(
            quad for quad in ox.Store(str(side)) if quad.graph_name != applied)}
    return found


def quads_without_run_provenance(quads: Iterable[ox.Quad]) -> set[str]:
    """`quads` as text, with each run's IRI and timestamps blanked."""
    return {DATE_TIME.sub("TIME", RUN_IRI.sub("/run/RUN>", str(quad))) for quad in quads}


def derived_quads(store: Store) -> int:
    """Quads of the graphs kgnews derives from the article graphs the store holds: the entity
    graph and the bookkeeping graphs (entity counts, each article's fact counts, which the
    embedded store keeps in its side store)."""
    derived = [name for name in store.graph_names() if name == entities_graph_iri() or is_bookkeeping_graph(name)]
    return sum(1 for graph in derived for _ in store.quads(graph))
