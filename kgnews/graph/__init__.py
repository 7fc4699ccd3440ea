"""RDF from extractions: article named graphs, the canonical entity graph, validation.

    builder = GraphBuilder.for_store(store)                    # links to the entities stored
    quads = builder.article_quads(extraction)                  # one article's named graph
    store.update(entity_graph_update())                        # after article graphs change
    conforms, report = shapes.validate(quads)                  # SHACL against the ontology

`article_quads(extraction)` builds an article graph without linking (names alone).
"""
from __future__ import annotations

from kgnews.graph.build import GraphBuilder, GraphError, ProvenanceRun, article_quads
from kgnews.graph.entity_graph import described_entities, entity_graph_update

__all__ = ["GraphBuilder", "GraphError", "ProvenanceRun", "article_quads", "described_entities",
           "entity_graph_update"]
