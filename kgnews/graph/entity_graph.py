"""The shared graph of canonical entities, recomputed from all article graphs.

An article graph describes its entities as that article names them. The canonical graph
(kgr:graph/entities) merges those descriptions per IRI: type (with schema.org's class, so
plain schema.org queries find it), the subtype most articles give, the fullest name as
rdfs:label and skos:prefLabel, every other name as skos:altLabel, and the owl:sameAs links
articles recorded (kgnews.graph.linking) between entities that are still described, and
for entities linked to a knowledge base their kgo:kbId and owl:sameAs their Wikidata item.
The graph of what a KB says about an entry (kgnews.graph.build.kb_graphs) goes when no
article mentions the entry's entity any more.
It is derived data, recomputed from the article graphs, so it stays right whatever
article graphs were added, replaced or removed: either whole, or (after an ingest batch)
for just the entities the changed article graphs describe, which keeps a batch's cost
independent of the size of the store.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable

from pyoxigraph import NamedNode, Quad

from kgnews import sparql
from kgnews.graph import iris
from kgnews.vocab import WD
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.graph.vocab import KGO
from kgnews.vocab import prefixes

_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ENTITY_CLASSES = frozenset(NamedNode(str(KGO[name])) for name in ENTITY_TYPES)


def described_entities(quads: Iterable[Quad]) -> set[str]:
    """IRIs of the entities that these (article graph) quads type as Person/Organization/Place."""
    return {
        quad.subject.value
        for quad in quads
        if quad.predicate == _RDF_TYPE and quad.object in _ENTITY_CLASSES and isinstance(quad.subject, NamedNode)
    }


def _in_article(pattern: str, graph_var: str = "?g", scope: str = "") -> str:
    """`pattern` about an entity ?e (of ?type) in an article graph: a named graph that
    describes its own name as a schema:NewsArticle. `scope` (a VALUES clause) and the
    entity's type come first, so the engine starts from the entities, not the articles."""
    types = " ".join(f"kgo:{name}" for name in ENTITY_TYPES)
    return (
        f"GRAPH {graph_var} {{ {scope} ?e a ?type . VALUES ?type {{ {types} }} "
        f"{graph_var} a schema:NewsArticle . {pattern} }}"
    )


def entity_graph_update(entities: Collection[str] | None = None) -> str:
    """SPARQL 1.1 Update text that recomputes kgr:graph/entities from all article graphs:
    the whole graph, or only what it says about `entities` (IRIs) when they are given."""
    graph = sparql.iri(iris.entities_graph_iri())
    schema_types = " ".join(f"(kgo:{name} schema:{name})" for name in ENTITY_TYPES)
    subtypes = " ".join(sparql.iri(iri) for _, iri in subtype_classes().values())
    if entities is None:
        scope = other_scope = ""
        clear = f"DROP SILENT GRAPH {graph} ;"
    else:
        listed = sorted(entities)
        scope, other_scope = sparql.values("e", listed), sparql.values("other", listed)
        clear = (
            f"DELETE {{ GRAPH {graph} {{ ?e ?p ?o }} }} WHERE {{ {scope} GRAPH {graph} {{ ?e ?p ?o }} }} ;\n"
            f"DELETE {{ GRAPH {graph} {{ ?x owl:sameAs ?e }} }} WHERE {{ {scope} GRAPH {graph} {{ ?x owl:sameAs ?e }} }} ;"
        )

    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes().items())
    return prologue + f"""
{clear}

INSERT {{ GRAPH {graph} {{ ?e a ?type , ?schemaType ; rdfs:label ?label ; skos:prefLabel ?label }} }}
WHERE {{
  {{ SELECT ?e ?type (MIN(?name) AS ?label) WHERE {{
      {{ SELECT ?e (MAX(STRLEN(?longest)) AS ?length) WHERE {{ {_in_article("?e rdfs:label ?longest .", "?g0", scope)} }} GROUP BY ?e }}
      {_in_article("?e rdfs:label ?name .", scope=scope)}
      FILTER(STRLEN(?name) = ?length)
  }} GROUP BY ?e ?type }}
  VALUES (?type ?schemaType) {{ {schema_types} }}
}} ;

INSERT {{ GRAPH {graph} {{ ?e kgo:kbId ?kbId }} }}
WHERE {{ {_in_article("?e kgo:kbId ?kbId .", scope=scope)} }} ;

INSERT {{ GRAPH {graph} {{ ?e owl:sameAs ?item }} }}
WHERE {{
  {_in_article("?e owl:sameAs ?item .", scope=scope)}
  FILTER(STRSTARTS(STR(?item), "{WD}"))
}} ;

INSERT {{ GRAPH {graph} {{ ?e skos:altLabel ?alias }} }}
WHERE {{
  {_in_article("{ ?e rdfs:label ?alias } UNION { ?e skos:altLabel ?alias }", scope=scope)}
  FILTER NOT EXISTS {{ GRAPH {graph} {{ ?e skos:prefLabel ?alias }} }}
}} ;

INSERT {{ GRAPH {graph} {{ ?e a ?subtype }} }}
WHERE {{
  {{ SELECT ?e (MIN(STR(?candidate)) AS ?chosen) WHERE {{
      {{ SELECT ?e (MAX(?votes) AS ?most) WHERE {{
          {{ SELECT ?e ?sub (COUNT(DISTINCT ?g1) AS ?votes) WHERE {{
              {_in_article("?e a ?sub . VALUES ?sub { " + subtypes + " }", "?g1", scope)}
          }} GROUP BY ?e ?sub }}
      }} GROUP BY ?e }}
      {{ SELECT ?e ?candidate (COUNT(DISTINCT ?g2) AS ?count) WHERE {{
          {_in_article("?e a ?candidate . VALUES ?candidate { " + subtypes + " }", "?g2", scope)}
      }} GROUP BY ?e ?candidate }}
      FILTER(?count = ?most)
  }} GROUP BY ?e }}
  BIND(IRI(?chosen) AS ?subtype)
}} ;

INSERT {{ GRAPH {graph} {{ ?e owl:sameAs ?other }} }}
WHERE {{
  {_in_article("?e owl:sameAs ?other .", scope=scope)}
  FILTER EXISTS {{ GRAPH {graph} {{ ?other skos:prefLabel ?otherLabel }} }}
}}{_links_to_scope(graph, other_scope)} ;

{unmentioned_kb_graphs_removal(scope)}
"""


def unmentioned_kb_graphs_removal(scope: str = "") -> str:
    """SPARQL Update dropping the KB graphs of entities ?e (all, or those `scope`, a VALUES
    clause, lists) that no article mentions any more."""
    return f"""DELETE {{ GRAPH ?kb {{ ?s ?p ?o }} }}
WHERE {{
  {scope}
  GRAPH ?kb {{ ?e kgo:kbId ?id . ?kb prov:wasDerivedFrom ?source . ?source a kgo:KnowledgeBase . ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?g a schema:NewsArticle ; schema:mentions ?e }} }}
}}"""


def _links_to_scope(graph: str, other_scope: str) -> str:
    """In a scoped update, the sameAs links from entities outside the scope to those inside
    (removed above with the scope's own triples) are restated where both ends still exist."""
    if not other_scope:
        return ""
    return f""" ;

INSERT {{ GRAPH {graph} {{ ?e owl:sameAs ?other }} }}
WHERE {{
  GRAPH ?g {{ {other_scope} ?g a schema:NewsArticle . ?e owl:sameAs ?other }}
  FILTER EXISTS {{ GRAPH {graph} {{ ?e skos:prefLabel ?label }} }}
  FILTER EXISTS {{ GRAPH {graph} {{ ?other skos:prefLabel ?otherLabel }} }}
}}"""
