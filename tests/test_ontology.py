"""The ontology and shapes files: they parse, document every term, and cover what kgnews writes."""
from __future__ import annotations

import pytest
from graph_samples import seed_extraction
from pyoxigraph import Literal as OxLiteral
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kgnews.graph import article_quads
from kgnews.graph.ontology import relation_properties, subtype_classes
from kgnews.graph.shapes import ontology_graph, shapes_graph
from kgnews.graph.vocab import KGO
from kgnews.vocab import ONTOLOGY_BASE, SCHEMA

ONTOLOGY = URIRef("https://w3id.org/kgnews/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
FACTS_MD_RELATIONS = {
    "holds_position", "member_of", "works_for", "represents", "located_in", "lives_in", "said", "author", "publisher",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


def declared_terms(graph: Graph) -> set[URIRef]:
    return {
        term
        for kind in TERM_TYPES
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_BASE)
    }


def kgo_terms_in(graph_terms) -> set[str]:
    return {term.value for term in graph_terms if not isinstance(term, OxLiteral) and term.value.startswith(ONTOLOGY_BASE)}


def test_ontology_header_has_version_label_and_comment(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY, RDFS.label) is not None
    assert ontology.value(ONTOLOGY, RDFS.comment) is not None


def test_every_term_has_a_label_and_a_comment(ontology: Graph) -> None:
    undocumented = [
        str(term)
        for term in declared_terms(ontology)
        if ontology.value(term, RDFS.label) is None or ontology.value(term, RDFS.comment) is None
    ]
    assert undocumented == []


def test_defined_namespace_matches_the_ontology(ontology: Graph) -> None:
    in_code = {URIRef(ONTOLOGY_BASE + name) for name in KGO.__annotations__}
    assert in_code == declared_terms(ontology)


def test_every_kgo_term_the_builder_writes_is_declared(ontology: Graph) -> None:
    quads = article_quads(seed_extraction())
    used = kgo_terms_in(term for quad in quads for term in (quad.subject, quad.predicate, quad.object))
    declared = {str(term) for term in declared_terms(ontology)}
    assert used  # the walk saw kgo terms at all
    assert used - declared == set()


def test_every_kgo_term_the_shapes_use_is_declared(ontology: Graph) -> None:
    used = {
        str(term)
        for triple in shapes_graph()
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_BASE)
    }
    assert used - {str(term) for term in declared_terms(ontology)} == set()


@pytest.mark.parametrize(
    ("kgo_class", "aligned"),
    [
        (KGO.Person, SCHEMA.Person),
        (KGO.Organization, SCHEMA.Organization),
        (KGO.Organization, URIRef("http://www.w3.org/ns/org#Organization")),
        (KGO.Place, SCHEMA.Place),
        (KGO.Position, URIRef("http://www.w3.org/ns/org#Post")),
        (KGO.Quote, SCHEMA.Quotation),
        (KGO.IngestRun, URIRef("http://www.w3.org/ns/prov#Activity")),
        (KGO.Legislature, SCHEMA.Organization),
    ],
)
def test_classes_align_to_standard_vocabularies(ontology: Graph, kgo_class: URIRef, aligned: URIRef) -> None:
    assert aligned in set(ontology.transitive_objects(kgo_class, RDFS.subClassOf))


def test_every_facts_md_relation_names_a_property() -> None:
    assert set(relation_properties()) == FACTS_MD_RELATIONS


def test_subtypes_refine_the_right_entity_type() -> None:
    subtypes = subtype_classes()
    assert subtypes["PoliticalParty"][0] == "Organization"
    assert subtypes["Legislature"][0] == "Organization"  # through GovernmentOrganization
    assert subtypes["City"][0] == "Place"
    assert {"Person", "Organization", "Place"}.isdisjoint(subtypes)


def test_shapes_parse_and_target_the_main_classes() -> None:
    sh = "http://www.w3.org/ns/shacl#"
    targets = {str(target) for target in shapes_graph().objects(None, URIRef(sh + "targetClass"))}
    for cls in (KGO.Entity, KGO.Fact, KGO.Position, KGO.Quote, SCHEMA.NewsArticle):
        assert str(cls) in targets
