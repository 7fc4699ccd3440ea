"""The kgnews ontology as a closed rdflib namespace: a misspelt term is an AttributeError.

Kept consistent with ontologies/kgnews.ttl by tests/test_ontology.py (same set of terms).
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kgnews.vocab import ITSRDF, ONTOLOGY_BASE

__all__ = ["ITSRDF", "KGO"]


class KGO(DefinedNamespace):
    """Terms of https://w3id.org/kgnews/ontology# (see ontologies/kgnews.ttl for meanings)."""

    _NS = Namespace(ONTOLOGY_BASE)
    _fail = True

    # entities
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    GovernmentOrganization: URIRef
    Legislature: URIRef
    Court: URIRef
    NewsOrganization: URIRef
    Company: URIRef
    InternationalOrganization: URIRef
    EducationalOrganization: URIRef
    TradeUnion: URIRef
    Country: URIRef
    State: URIRef
    City: URIRef
    ElectoralDistrict: URIRef
    Region: URIRef
    # articles
    hasContext: URIRef
    textHash: URIRef
    # positions
    Position: URIRef
    roleOf: URIRef
    # quotes and phrases
    Quote: URIRef
    Phrase: URIRef
    quoteKind: URIRef
    said: URIRef
    # direct relations
    represents: URIRef
    locatedIn: URIRef
    # facts
    relationName: URIRef
    Fact: URIRef
    Event: URIRef
    subject: URIRef
    object: URIRef
    relation: URIRef
    directProperty: URIRef
    confidence: URIRef
    negated: URIRef
    qualifier: URIRef
    date: URIRef
    datePrecision: URIRef
    # derived data: per-entity article counts (kgnews.graph.entity_counts)
    EntityCount: URIRef
    countOf: URIRef
    countedType: URIRef
    countedLabel: URIRef
    countedAltLabel: URIRef
    countedSameAs: URIRef
    countedKbId: URIRef
    articleCount: URIRef
    countChange: URIRef
    journalEntries: URIRef
    journalId: URIRef
    journalFactCounts: URIRef
    journalDroppedFactCounts: URIRef
    journalLoading: URIRef
    appliedJournal: URIRef
    # derived data: per-article fact counts (kgnews.graph.fact_counts)
    FactCount: URIRef
    factCountOf: URIRef
    countedRelation: URIRef
    factCount: URIRef
    # provenance
    Extraction: URIRef
    IngestRun: URIRef
    extraction: URIRef
    modelName: URIRef
    # knowledge bases
    KnowledgeBase: URIRef
    KBFact: URIRef
    kbId: URIRef
    nameKey: URIRef
    term: URIRef
