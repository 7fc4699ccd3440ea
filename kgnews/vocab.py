"""RDF vocabularies used by kgnews, as rdflib Namespace objects (never pasted strings).

The kgnews ontology itself is the closed `kgnews.graph.vocab.KGO`.
"""
from __future__ import annotations

import os

from rdflib import Namespace
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY_BASE = "https://w3id.org/kgnews/ontology#"
DEFAULT_RESOURCE_BASE = "https://w3id.org/kgnews/resource/"

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCT = Namespace("http://purl.org/dc/terms/")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")  # itsrdf:taIdentRef links mentions to entities
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")  # kgnews serve's service description
FORMATS = Namespace("http://www.w3.org/ns/formats/")  # W3C names of RDF and result formats
WD = Namespace("http://www.wikidata.org/entity/")  # Wikidata items, which KB-linked entities are owl:sameAs


def resource_base() -> str:
    """Base IRI for minted resources; `KGNEWS_RESOURCE_BASE` overrides the default."""
    return os.environ.get("KGNEWS_RESOURCE_BASE", DEFAULT_RESOURCE_BASE)


# kgnews's own bookkeeping graphs (the write journal, the per-entity counts the entity graph
# is derived from and the per-article fact counts, kgnews.graph.derived): not the user's data.
# The embedded store keeps all but the journal in a side store (kgnews.store.oxigraph), out of
# the union default graph queries see; a SPARQL server keeps them as named graphs, which
# reads of the whole store (export, the Graph Store's default graph, the service
# description) leave out.
PENDING_GRAPH_PATH = "graph/pending"
ENTITY_COUNTS_GRAPH_PATH = "graph/entity-counts"
APPLIED_GRAPH_PATH = "graph/applied"  # the counts' record of the last journal applied to them
FACT_COUNTS_GRAPH_PATH = "graph/fact-counts/"  # then the article's id, one graph per article


def counts_graphs() -> frozenset[str]:
    """IRIs of the shared graphs of kgnews's counts: the per-entity counts and the record of
    the journal last applied to them (those the side store holds but the per-article ones)."""
    return frozenset(resource_base() + path for path in (ENTITY_COUNTS_GRAPH_PATH, APPLIED_GRAPH_PATH))


def bookkeeping_graphs() -> frozenset[str]:
    """IRIs of kgnews's shared bookkeeping graphs, which kgnews reads by name (and besides
    them, one per article: `is_bookkeeping_graph`)."""
    return counts_graphs() | {resource_base() + PENDING_GRAPH_PATH}


def per_article_bookkeeping_prefix() -> str:
    """The IRI every per-article bookkeeping graph starts with (kgnews.graph.fact_counts)."""
    return resource_base() + FACT_COUNTS_GRAPH_PATH


def is_bookkeeping_graph(iri: str) -> bool:
    return iri in bookkeeping_graphs() or iri.startswith(per_article_bookkeeping_prefix())


def kgr() -> Namespace:
    return Namespace(resource_base())


def prefixes() -> dict[str, str]:
    """Prefixes predeclared for queries and used in serialisations."""
    return {
        "kgo": ONTOLOGY_BASE,
        "kgr": resource_base(),
        "schema": str(SCHEMA),
        "org": str(ORG),
        "prov": str(PROV),
        "foaf": str(FOAF),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "owl": str(OWL),
        "xsd": str(XSD),
        "skos": str(SKOS),
        "nif": str(NIF),
        "oa": str(OA),
        "dct": str(DCT),
        "itsrdf": str(ITSRDF),
        "wd": str(WD),
    }
