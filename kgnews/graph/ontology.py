"""The kgnews ontology files, and the tables kgnews reads from them.

Entity subtypes and the property stating each fixed relation are declared once, in
ontologies/kgnews.ttl; the graph builder, the canonical-entity update and the views take
them from there, so adding a subtype is an edit of the ontology alone.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pyoxigraph

from kgnews.vocab import ONTOLOGY_BASE

ONTOLOGY_FILE = "kgnews.ttl"
SHAPES_FILE = "kgnews-shapes.ttl"
ENTITY_TYPES = ("Person", "Organization", "Place")


def ontology_file(name: str) -> Traversable:
    """A file of ontologies/, installed as package data `kgnews.ontologies` or in the source tree."""
    try:
        installed = files("kgnews.ontologies") / name
    except ModuleNotFoundError:
        installed = None
    if installed is not None and installed.is_file():
        return installed
    return Path(__file__).resolve().parents[2] / "ontologies" / name


@cache
def _ontology_store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(ontology_file(ONTOLOGY_FILE).read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _select(sparql: str) -> list[tuple[str, ...]]:
    prefixes = {
        "kgo": ONTOLOGY_BASE,
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
    }
    return [tuple(term.value for term in row) for row in _ontology_store().query(sparql, prefixes=prefixes)]


@cache
def subtype_classes() -> dict[str, tuple[str, str]]:
    """Subtype name (local name of its class) -> (entity type it refines, class IRI)."""
    rows = _select(
        """SELECT ?class ?type WHERE {
             VALUES ?type { kgo:Person kgo:Organization kgo:Place }
             ?class a owl:Class ; rdfs:subClassOf+ ?type .
           }"""
    )
    return {
        cls.removeprefix(ONTOLOGY_BASE): (top.removeprefix(ONTOLOGY_BASE), cls)
        for cls, top in rows
        if cls.startswith(ONTOLOGY_BASE)
    }


@cache
def relation_properties() -> dict[str, str]:
    """Fixed relation name (holds_position, member_of, ...) -> IRI of the property stating it."""
    rows = _select("SELECT ?property ?name WHERE { ?property kgo:relationName ?name }")
    return {name: prop for prop, name in rows}
