"""The SPARQL 1.1 Service Description of a kgnews endpoint, with the graph's size (VoID)."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import RDF, VOID

from kgnews.store import Store
from kgnews.vocab import FORMATS, SD, is_bookkeeping_graph

RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(store: Store, endpoint: str, allow_update: bool) -> list[ox.Triple]:
    """What the endpoint offers: languages, result formats, the union default graph, and its
    dataset (triples in all, and each named graph)."""

    def node(term: object) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    service, dataset, default_graph = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    graph_names = sorted(name for name in store.graph_names() if not is_bookkeeping_graph(name))
    triples = [
        ox.Triple(service, node(RDF.type), node(SD.Service)),
        ox.Triple(service, node(SD.endpoint), ox.NamedNode(endpoint)),
        ox.Triple(service, node(SD.supportedLanguage), node(SD.SPARQL11Query)),
        ox.Triple(service, node(SD.feature), node(SD.UnionDefaultGraph)),
        ox.Triple(service, node(SD.defaultDataset), dataset),
        ox.Triple(dataset, node(RDF.type), node(SD.Dataset)),
        ox.Triple(dataset, node(SD.defaultGraph), default_graph),
        ox.Triple(default_graph, node(RDF.type), node(SD.Graph)),
        ox.Triple(default_graph, node(VOID.triples), ox.Literal(len(store))),
        ox.Triple(dataset, node(VOID.triples), ox.Literal(len(store))),
    ]
    if allow_update:
        triples.append(ox.Triple(service, node(SD.supportedLanguage), node(SD.SPARQL11Update)))
    triples += [ox.Triple(service, node(SD.resultFormat), node(FORMATS[name])) for name in RESULT_FORMATS]
    for name in graph_names:
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, node(SD.namedGraph), named),
                    ox.Triple(named, node(SD.name), ox.NamedNode(name))]
    return triples


