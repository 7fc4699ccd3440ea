"""SHACL validation of kgnews graphs against ontologies/kgnews-shapes.ttl.

Each named graph is validated on its own (an article graph, the canonical entity graph),
with the ontology as pyshacl's ontology graph so subclass axioms count for sh:class.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Protocol

import pyoxigraph
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph

from kgnews.graph.ontology import ONTOLOGY_FILE, SHAPES_FILE, ontology_file

DEFAULT_GRAPH = "default graph"


class QuadSource(Protocol):
    """Anything with the kgnews Store's `quads()` method."""

    def quads(self, graph: str | None = None) -> Iterable[pyoxigraph.Quad]: ...


@cache
def _turtle_graph(name: str) -> Graph:
    return Graph().parse(data=ontology_file(name).read_text(encoding="utf-8"), format="turtle")


def ontology_graph() -> Graph:
    return _turtle_graph(ONTOLOGY_FILE)


def shapes_graph() -> Graph:
    return _turtle_graph(SHAPES_FILE)


def _graphs_of_quads(quads: Iterable[pyoxigraph.Quad]) -> dict[str, Graph]:
    by_graph: dict[str, list[pyoxigraph.Triple]] = {}
    for quad in quads:
        name = DEFAULT_GRAPH if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
        by_graph.setdefault(name, []).append(quad.triple)
    return {
        name: Graph().parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
        for name, triples in by_graph.items()
    }


def _graphs(data: Graph | QuadSource | Iterable[pyoxigraph.Quad]) -> dict[str, Graph]:
    if isinstance(data, Dataset):
        return {str(graph.identifier): graph for graph in data.graphs() if len(graph)}
    if isinstance(data, Graph):
        return {str(data.identifier): data}
    if hasattr(data, "quads") and callable(data.quads):
        return _graphs_of_quads(data.quads())
    return _graphs_of_quads(data)


def validate(data: Graph | QuadSource | Iterable[pyoxigraph.Quad]) -> tuple[bool, str]:
    """Validate every graph in `data` against the kgnews shapes.

    `data` is an rdflib Graph or Dataset, a kgnews Store, a pyoxigraph Store, or quads
    (such as `article_quads(...)`). Returns whether all graphs conform, and a report naming
    each graph that does not, followed by pyshacl's text report for it.
    """
    failures = []
    for name, graph in sorted(_graphs(data).items()):
        conforms, _, text = shacl_validate(
            graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", advanced=True
        )
        if not conforms:
            failures.append(f"graph <{name}>:\n{text}")
    return not failures, "\n".join(failures) if failures else "Conforms: all graphs"
