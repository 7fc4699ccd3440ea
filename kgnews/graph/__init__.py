"""RDF from extractions: article named graphs, the canonical entity graph, validation.

    quads = article_quads(extraction, run=ProvenanceRun())   # one article's named graph
    store.update(entity_graph_update())                        # after article graphs change
    conforms, report = shapes.validate(quads)                  # SHACL against the ontology
"""
from __future__ import annotations

from kgnews.graph.build import GraphError, ProvenanceRun, article_graph_name, article_quads
from kgnews.graph.entities import entity_graph_update

__all__ = ["GraphError", "ProvenanceRun", "article_graph_name", "article_quads", "entity_graph_update"]
