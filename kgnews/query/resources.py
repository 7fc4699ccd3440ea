"""What the Linked Data pages show about one resource: an entity, an article, or anything else.

Each function runs a few focused SPARQL queries (of the whole-store views, only the few
knowledge-base facts) and returns plain records for the pages of `kgnews serve`
(kgnews.serve.pages) and its RDF answers.
"""
from __future__ import annotations

from typing import Any

from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgnews import sparql
from kgnews.graph import iris
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.graph.vocab import ITSRDF, KGO
from kgnews.query import views
from kgnews.results import QueryResult, SelectStore
from kgnews.vocab import WD

SEARCH_LIMIT = 50
CO_MENTION_LIMIT = 30
_PROLOGUE = f"PREFIX itsrdf: <{ITSRDF}>\n"


def _entities() -> str:
    return sparql.iri(iris.entities_graph_iri())


def search_entities(store: SelectStore, text: str, types: list[str] | None = None,
                    limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Canonical entities whose name or an alias contains `text` (any case), of `types`."""
    classes = " ".join(f"kgo:{name}" for name in (types or ENTITY_TYPES) if name in ENTITY_TYPES)
    if not classes:
        return []
    query = f"""
SELECT ?e ?label ?type (COUNT(DISTINCT ?g) AS ?articles) WHERE {{
  GRAPH {_entities()} {{
    ?e a ?class ; rdfs:label ?label . VALUES ?class {{ {classes} }}
    ?e rdfs:label|skos:altLabel ?name
    FILTER(CONTAINS(LCASE(STR(?name)), LCASE({sparql.literal(text)})))
  }}
  OPTIONAL {{ GRAPH ?g {{ ?g schema:mentions ?e }} }}
  BIND(STRAFTER(STR(?class), "#") AS ?type)
}} GROUP BY ?e ?label ?type ORDER BY DESC(?articles) ?label LIMIT {int(limit)}"""
    return [{"iri": row["e"], "label": row["label"], "type": row["type"], "articles": row["articles"]}
            for row in store.select(query)]


def resource_kind(store: SelectStore, iri: str) -> str | None:
    """"entity", "article", "resource" (anything else the graph states), or None if unknown."""
    rows = store.select(f"""
SELECT ?kind WHERE {{
  {{ GRAPH {_entities()} {{ {sparql.iri(iri)} a ?class }} VALUES ?class {{ {' '.join(f'kgo:{n}' for n in ENTITY_TYPES)} }}
     BIND("entity" AS ?kind) }}
  UNION {{ GRAPH {sparql.iri(iri)} {{ {sparql.iri(iri)} a schema:NewsArticle }} BIND("article" AS ?kind) }}
  UNION {{ {{ SELECT * WHERE {{ {sparql.iri(iri)} ?p ?o }} LIMIT 1 }} BIND("resource" AS ?kind) }}
}}""")
    kinds = {row["kind"] for row in rows}
    return next((kind for kind in ("entity", "article", "resource") if kind in kinds), None)


def entity_record(store: SelectStore, iri: str) -> dict[str, Any]:
    """Label, type, subtype, aliases, sameAs links, Wikidata item and KB id (when linked to the
    knowledge base), articles and knowledge-base facts of an entity."""
    subtype_names = {class_iri: name for name, (_, class_iri) in subtype_classes().items()}
    type_names = {str(KGO[name]): name for name in ENTITY_TYPES}
    record: dict[str, Any] = {"iri": iri, "label": None, "type": None, "subtype": None, "aliases": [],
                              "same_as": [], "wikidata": None, "kb_id": None, "articles": []}
    for row in store.select(f"""
SELECT ?p ?v WHERE {{ GRAPH {_entities()} {{ {sparql.iri(iri)} ?p ?v }} }}"""):
        prop, value = row["p"], row["v"]
        if prop == str(RDF.type):
            if value in type_names:
                record["type"] = type_names[value]
            elif value in subtype_names:
                record["subtype"] = subtype_names[value]
        elif prop == str(RDFS.label):
            record["label"] = value
        elif prop == str(SKOS.altLabel):
            record["aliases"].append(value)
        elif prop == str(OWL.sameAs):
            if value.startswith(str(WD)):
                record["wikidata"] = value
            else:
                record["same_as"].append(value)
        elif prop == str(KGO.kbId):
            record["kb_id"] = value
    record["aliases"] = sorted(set(record["aliases"]) - {record["label"]})
    record["articles"] = store.select(f"""
SELECT ?id ?headline ?date WHERE {{
  GRAPH ?g {{ ?g schema:mentions {sparql.iri(iri)} ; schema:identifier ?id .
             OPTIONAL {{ ?g schema:headline ?headline }} OPTIONAL {{ ?g schema:datePublished ?date }} }}
}} ORDER BY DESC(?date) ?id""")
    record["kb_facts"] = [fact for fact in views.kb_facts(store) if fact["subject_iri"] == iri]
    return record


def co_mentions(store: SelectStore, iri: str, limit: int = CO_MENTION_LIMIT) -> list[dict[str, Any]]:
    """Entities named in the same sentences as `iri`, most sentences first."""
    return store.select(_PROLOGUE + f"""
SELECT ?other ?label (COUNT(DISTINCT ?sentence) AS ?sentences) WHERE {{
  GRAPH ?g {{
    ?mention itsrdf:taIdentRef {sparql.iri(iri)} ; nif:sentence ?sentence .
    ?otherMention nif:sentence ?sentence ; itsrdf:taIdentRef ?other .
  }}
  FILTER(?other != {sparql.iri(iri)})
  GRAPH {_entities()} {{ ?other rdfs:label ?label }}
}} GROUP BY ?other ?label ORDER BY DESC(?sentences) ?label LIMIT {int(limit)}""")


def article_record(store: SelectStore, iri: str) -> dict[str, Any]:
    """An article's metadata, text, entity mentions (offsets into the text) and facts."""
    graph = sparql.iri(iri)
    meta = store.select(f"""
SELECT ?id ?headline ?date ?url ?text WHERE {{ GRAPH {graph} {{
  {graph} schema:identifier ?id ; kgo:hasContext ?context . ?context nif:isString ?text .
  OPTIONAL {{ {graph} schema:headline ?headline }} OPTIONAL {{ {graph} schema:datePublished ?date }}
  OPTIONAL {{ {graph} schema:url ?url }}
}} }} LIMIT 1""")
    record = dict(meta[0]) if meta else {"id": None, "headline": None, "date": None, "url": None, "text": ""}
    record["mentions"] = store.select(_PROLOGUE + f"""
SELECT DISTINCT ?start ?end ?entity ?label WHERE {{
  GRAPH {graph} {{ ?mention itsrdf:taIdentRef ?entity ; nif:beginIndex ?start ; nif:endIndex ?end ;
                   nif:referenceContext ?context . {graph} kgo:hasContext ?context }}
  OPTIONAL {{ GRAPH {_entities()} {{ ?entity rdfs:label ?label }} }}
}} ORDER BY ?start DESC(?end)""")
    record["facts"] = list(views.facts(store, article=record["id"])) if record["id"] else []
    return record


def describe(store: Any, iri: str) -> QueryResult:
    """The RDF description of a resource: what every graph says about it (its outgoing
    triples, each once), and the facts naming it as subject or object."""
    node = sparql.iri(iri)
    return store.query(f"""
CONSTRUCT {{ {node} ?p ?o . ?fact ?role {node} }} WHERE {{
  {{ {node} ?p ?o }} UNION {{ ?fact a kgo:Fact ; ?role {node} . VALUES ?role {{ kgo:subject kgo:object }} }}
}}""")


def resource_triples(store: SelectStore, iri: str) -> list[dict[str, Any]]:
    """Every (graph, predicate, object) stating something about a resource."""
    return store.select(f"""
SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {sparql.iri(iri)} ?p ?o }} }} ORDER BY ?p ?o ?g LIMIT 1000""")
