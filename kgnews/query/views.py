"""The two flat views of the graph (FACTS.md): `entities` and `facts`, computed by SPARQL.

Both take an optional article (its id, or its IRI) to look at one article's graph only:
  * entities(store) lists canonical entities (kgr:graph/entities: fullest name, every alias,
    mentions and articles over all article graphs); entities(store, article) lists the
    entities of that article as it names them, with its mentions only.
  * facts(store[, article]) lists one record per fact per article that states it; negated
    facts stay in the graph but are not listed. Names are canonical where the entity graph
    has them.
The store is anything with the kgnews Store's `select(sparql) -> list[dict]`.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgnews.graph import iris
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.graph.vocab import ITSRDF
from kgnews.vocab import KGO, SCHEMA

_RDF_TYPE, _LABEL, _ALIAS, _SAME_AS = str(RDF.type), str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs)
_PROLOGUE = f"PREFIX itsrdf: <{ITSRDF}>\n"
_ENTITY_CLASSES = " ".join(f"kgo:{name}" for name in ENTITY_TYPES)
_TYPE_NAMES = {str(KGO[name]): name for name in (*ENTITY_TYPES, "Position", "Quote", "Phrase")} | {
    str(SCHEMA.NewsArticle): "Article"
}

def _only(variable: str, iri: str | None) -> str:
    """A VALUES clause restricting a graph variable to one IRI, or nothing."""
    return "" if iri is None else f"VALUES ?{variable} {{ <{iri}> }}"


def entity_descriptions_query(source_graph: str) -> str:
    """Type, name, aliases and same-as links of the entities described in `source_graph`."""
    return _PROLOGUE + f"""
SELECT ?e ?property ?value WHERE {{
  GRAPH <{source_graph}> {{
    ?e a ?type . VALUES ?type {{ {_ENTITY_CLASSES} }}
    ?e ?property ?value . VALUES ?property {{ rdf:type rdfs:label skos:altLabel owl:sameAs }}
  }}
}}"""


def entity_mentions_query(article_graph: str | None = None) -> str:
    """Mentions of each entity per article, over all article graphs or one."""
    return _PROLOGUE + f"""
SELECT ?e ?article (COUNT(?mention) AS ?mentions) WHERE {{
  {_only("g", article_graph)}
  GRAPH ?g {{
    ?g a schema:NewsArticle ; schema:identifier ?article ; schema:mentions ?e .
    OPTIONAL {{ ?mention itsrdf:taIdentRef ?e }}
  }}
}} GROUP BY ?e ?article"""


def facts_query(entities_graph: str, article_graph: str | None = None) -> str:
    """Every listed (not negated) fact of all article graphs or one; canonical names come
    from `entities_graph`."""
    names = f"<{entities_graph}>"
    return _PROLOGUE + f"""
SELECT ?fact ?article ?relation ?s ?subjectClass ?subject ?o ?objectClass ?object
       ?role ?roleOf ?kind ?qualifier ?sentence ?start ?end ?date ?confidence
WHERE {{
  {_only("g", article_graph)}
  GRAPH ?g {{
    ?g a schema:NewsArticle ; schema:identifier ?article .
    OPTIONAL {{ ?g schema:datePublished ?published }}
    ?fact a kgo:Fact ; kgo:relation ?relation ; kgo:subject ?s ; kgo:object ?o ;
          kgo:negated false ; kgo:confidence ?confidence ; prov:wasDerivedFrom ?sent .
    ?sent nif:anchorOf ?sentence ; nif:beginIndex ?start ; nif:endIndex ?end .
    OPTIONAL {{ ?fact kgo:date ?factDate }}
    OPTIONAL {{ ?fact kgo:qualifier ?qualifier }}
    ?s a ?subjectClass . VALUES ?subjectClass {{ {_ENTITY_CLASSES} schema:NewsArticle }}
    OPTIONAL {{ ?s rdfs:label ?subjectHere }}
    ?o a ?objectClass . VALUES ?objectClass {{ {_ENTITY_CLASSES} kgo:Position kgo:Quote kgo:Phrase }}
    OPTIONAL {{ ?o rdfs:label ?objectHere }}
    OPTIONAL {{ ?o schema:text ?objectText }}
    OPTIONAL {{ ?o kgo:quoteKind ?kind }}
    OPTIONAL {{ ?o org:role/rdfs:label ?role }}
  }}
  OPTIONAL {{
    GRAPH ?g {{ ?o kgo:roleOf ?roleOfIri . ?roleOfIri rdfs:label ?roleOfHere }}
    OPTIONAL {{ GRAPH {names} {{ ?roleOfIri skos:prefLabel ?roleOfCanonical }} }}
  }}
  OPTIONAL {{ GRAPH {names} {{ ?s skos:prefLabel ?subjectCanonical }} }}
  OPTIONAL {{ GRAPH {names} {{ ?o skos:prefLabel ?objectCanonical }} }}
  BIND(COALESCE(?subjectCanonical, ?subjectHere, ?article) AS ?subject)
  BIND(COALESCE(?objectCanonical, ?objectHere, ?objectText) AS ?object)
  BIND(COALESCE(?roleOfCanonical, ?roleOfHere) AS ?roleOf)
  BIND(COALESCE(?factDate, ?published) AS ?date)
}}
ORDER BY ?article ?start ?relation ?fact"""


class SelectStore(Protocol):
    def select(self, sparql: str) -> list[dict[str, object]]: ...


def article_graph_iri(article: str) -> str:
    """An article's graph IRI from its id or IRI."""
    return article if article.startswith(("http://", "https://", "urn:")) else iris.article_iri(article)


def entities(store: SelectStore, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Entity records: iri, label, type, subtype, aliases, mentions, articles, same_as."""
    graph = article_graph_iri(article) if article is not None else None
    subtype_names = {iri: name for name, (_, iri) in subtype_classes().items()}
    type_names = {str(KGO[name]): name for name in ENTITY_TYPES}
    records: dict[str, dict[str, Any]] = {}
    for row in store.select(entity_descriptions_query(graph or iris.entities_graph_iri())):
        record = records.setdefault(
            row["e"],
            {"iri": row["e"], "label": None, "type": None, "subtype": None, "aliases": [],
             "mentions": 0, "articles": [], "same_as": []},
        )
        prop, value = row["property"], row["value"]
        if prop == _RDF_TYPE:
            if value in type_names:
                record["type"] = type_names[value]
            elif value in subtype_names:
                record["subtype"] = subtype_names[value]
        elif prop == _LABEL:
            record["label"] = value
        elif prop == _ALIAS:
            record["aliases"].append(value)
        elif prop == _SAME_AS:
            record["same_as"].append(value)
    for row in store.select(entity_mentions_query(graph)):
        if row["e"] in records:
            records[row["e"]]["mentions"] += row["mentions"]
            records[row["e"]]["articles"].append(row["article"])
    for iri in sorted(records):
        record = records[iri]
        record["aliases"] = [record["label"], *sorted(set(record["aliases"]) - {record["label"]})]
        record["articles"].sort()
        record["same_as"].sort()
        yield record


def facts(store: SelectStore, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Fact records as in FACTS.md, with `kind` for reported speech and `qualifier` when given."""
    graph = article_graph_iri(article) if article is not None else None
    for row in store.select(facts_query(iris.entities_graph_iri(), graph)):
        record: dict[str, Any] = {
            "subject": row["subject"],
            "subject_iri": row["s"],
            "subject_type": _TYPE_NAMES[row["subjectClass"]],
            "relation": row["relation"],
            "object": row["object"],
            "object_iri": row["o"],
            "object_type": _TYPE_NAMES[row["objectClass"]],
            "role": row["role"],
            "role_of": row["roleOf"],
            "article": row["article"],
            "sentence": row["sentence"],
            "start": int(row["start"]),
            "end": int(row["end"]),
            "date": row["date"],
            "confidence": float(row["confidence"]),
        }
        if row["kind"] and row["kind"] != "direct":
            record["kind"] = row["kind"]
        if row["qualifier"]:
            record["qualifier"] = row["qualifier"]
        yield record
