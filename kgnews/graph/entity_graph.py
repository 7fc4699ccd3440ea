"""The shared graph of canonical entities, recomputed from all article graphs.

An article graph describes its entities as that article names them. The canonical graph
(kgr:graph/entities) merges those descriptions per IRI: type (with schema.org's class, so
plain schema.org queries find it), the subtype most articles give, the fullest name as
rdfs:label and skos:prefLabel, every other name as skos:altLabel, and for entities linked
to a knowledge base their kgo:kbId and owl:sameAs their Wikidata item; then (from
kgnews.graph.entity_counts) the keys each may be named by and the owl:sameAs links between
names of one entity across articles (kgnews.graph.linking).
The graph of what a KB says about an entry (kgnews.graph.build.kb_graphs) goes when no
article mentions the entry's entity any more.
It is derived data, recomputed from the article graphs, so it stays right whatever
article graphs were added, replaced or removed: either whole (here, for repair and bulk
loads), or after an ingest batch for just the entities the batch concerns
(kgnews.graph.entity_counts), which keeps a batch's cost independent of the size of the store.
"""
from __future__ import annotations

from kgnews import sparql
from kgnews.graph import iris
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.graph.vocab import KGO
from kgnews.query.named import named_query
from kgnews.vocab import SCHEMA, WD, prefixes


def entity_graph_update() -> str:
    """SPARQL 1.1 Update text that recomputes kgr:graph/entities from all article graphs
    (kgnews/query/sparql/entity-graph*.rq); the name keys and links between names come from
    kgnews.graph.entity_counts.names_update (kgnews.graph.derived.repair runs both)."""
    graph = sparql.iri(iris.entities_graph_iri())
    subtypes = [iri for _, iri in subtype_classes().values()]
    parts = {
        "graph": graph,
        "entity_types": sparql.values("type", [str(KGO[name]) for name in ENTITY_TYPES]),
        "type_pairs": sparql.values(("type", "schemaType"), [(str(KGO[name]), str(SCHEMA[name])) for name in ENTITY_TYPES]),
        "subtypes": sparql.values("sub", subtypes),
        "candidates": sparql.values("candidate", subtypes),
        "wikidata": sparql.literal(str(WD)),
    }
    requests = [named_query("entity-graph-drop", graph=graph), named_query("entity-graph", **parts)]
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes().items())
    return prologue + " ;\n".join([*requests, unmentioned_kb_graphs_removal()])


def unmentioned_kb_graphs_removal(scope: str = "") -> str:
    """SPARQL Update dropping the KB graphs of entities ?e (all, or those `scope`, a VALUES
    clause, lists) that no article mentions any more."""
    return named_query("unmentioned-kb-graphs", scope=scope)
