"""The shared graph of canonical entities, recomputed from all article graphs.

An article graph describes its entities as that article names them. The canonical graph
(kgr:graph/entities) merges those descriptions per IRI: type (with schema.org's class, so
plain schema.org queries find it), the subtype most articles give, the fullest name as
rdfs:label and skos:prefLabel, every other name as skos:altLabel, and the owl:sameAs links
articles recorded (kgnews.graph.linking) between entities that are still described.
It is derived data: the update drops and rebuilds it, so it stays right whatever article
graphs were added, replaced or removed.
"""
from __future__ import annotations

from kgnews.graph import iris
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.vocab import prefixes


def _in_article(pattern: str, graph_var: str = "?g") -> str:
    """`pattern` about an entity ?e (of ?type) in an article graph: a named graph that
    describes its own name as a schema:NewsArticle."""
    types = " ".join(f"kgo:{name}" for name in ENTITY_TYPES)
    return (
        f"GRAPH {graph_var} {{ {graph_var} a schema:NewsArticle . ?e a ?type . "
        f"VALUES ?type {{ {types} }} {pattern} }}"
    )


def entity_graph_update() -> str:
    """SPARQL 1.1 Update text that rebuilds kgr:graph/entities from all article graphs."""
    graph = f"<{iris.entities_graph_iri()}>"
    schema_types = " ".join(f"(kgo:{name} schema:{name})" for name in ENTITY_TYPES)
    subtypes = " ".join(f"<{iri}>" for _, iri in subtype_classes().values())

    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes().items())
    return prologue + f"""
DROP SILENT GRAPH {graph} ;

INSERT {{ GRAPH {graph} {{ ?e a ?type , ?schemaType ; rdfs:label ?label ; skos:prefLabel ?label }} }}
WHERE {{
  {{ SELECT ?e ?type (MIN(?name) AS ?label) WHERE {{
      {{ SELECT ?e (MAX(STRLEN(?longest)) AS ?length) WHERE {{ {_in_article("?e rdfs:label ?longest .", "?g0")} }} GROUP BY ?e }}
      {_in_article("?e rdfs:label ?name .")}
      FILTER(STRLEN(?name) = ?length)
  }} GROUP BY ?e ?type }}
  VALUES (?type ?schemaType) {{ {schema_types} }}
}} ;

INSERT {{ GRAPH {graph} {{ ?e skos:altLabel ?alias }} }}
WHERE {{
  {_in_article("{ ?e rdfs:label ?alias } UNION { ?e skos:altLabel ?alias }")}
  FILTER NOT EXISTS {{ GRAPH {graph} {{ ?e skos:prefLabel ?alias }} }}
}} ;

INSERT {{ GRAPH {graph} {{ ?e a ?subtype }} }}
WHERE {{
  {{ SELECT ?e (MIN(STR(?candidate)) AS ?chosen) WHERE {{
      {{ SELECT ?e (MAX(?votes) AS ?most) WHERE {{
          {{ SELECT ?e ?sub (COUNT(DISTINCT ?g1) AS ?votes) WHERE {{
              {_in_article("?e a ?sub . VALUES ?sub { " + subtypes + " }", "?g1")}
          }} GROUP BY ?e ?sub }}
      }} GROUP BY ?e }}
      {{ SELECT ?e ?candidate (COUNT(DISTINCT ?g2) AS ?count) WHERE {{
          {_in_article("?e a ?candidate . VALUES ?candidate { " + subtypes + " }", "?g2")}
      }} GROUP BY ?e ?candidate }}
      FILTER(?count = ?most)
  }} GROUP BY ?e }}
  BIND(IRI(?chosen) AS ?subtype)
}} ;

INSERT {{ GRAPH {graph} {{ ?e owl:sameAs ?other }} }}
WHERE {{
  {_in_article("?e owl:sameAs ?other .")}
  FILTER EXISTS {{ GRAPH {graph} {{ ?other skos:prefLabel ?otherLabel }} }}
}}
"""
