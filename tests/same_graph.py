"""Comparing stores made by different runs (ingest, --jobs, --dask, analyse + load)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kgnews.graph.iris import entities_graph_iri, entity_counts_graph_iri
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
    """Quads of the graphs kgnews derives from the article graphs (entities and their counts)."""
    return sum(1 for graph in (entities_graph_iri(), entity_counts_graph_iri()) for _ in store.quads(graph))
