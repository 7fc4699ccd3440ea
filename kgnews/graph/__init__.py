"""RDF from extractions: article named graphs, the canonical entity graph, validation.

    builder = GraphBuilder.for_store(store, kb=kb)             # links to the knowledge base
    quads = builder.article_quads(extraction)                  # one article's named graph
    derived.write_articles(store, {article_iri: quads})        # with the entity graph kept right
    conforms, report = shapes.validate(quads)                  # SHACL against the ontology

`article_quads(extraction)` builds an article graph without linking (names alone);
`derived.repair(store)` recomputes the entity graph from all article graphs.
"""
from __future__ import annotations

from kgnews.graph.build import GraphBuilder, GraphError, ProvenanceRun, article_quads
from kgnews.graph.entity_graph import entity_graph_update

__all__ = ["GraphBuilder", "GraphError", "ProvenanceRun", "article_quads", "entity_graph_update"]
