"""The two flat views of the graph (docs/facts.md): `entities` and `facts`, computed by SPARQL.

Both take an optional article (its id, as given at ingest) to look at one article's graph
only; an id the store does not hold is a KGNewsError:
  * entities(store) lists canonical entities (kgr:graph/entities: fullest name, every alias,
    mentions and articles over all article graphs); entities(store, article) lists the
    entities of that article as it names them, with its mentions only.
  * facts(store[, article]) lists one record per fact per article that states it; negated
    facts stay in the graph but are not listed. Names are canonical where the entity graph
    has them. An author or publisher taken from the article's metadata has no sentence:
    `sentence`, `start` and `end` are null. A week date is given as a week ("2016-W43").
Entities linked by owl:sameAs in the entity graph (a lone "Dayton" and the one "Mark Dayton",
see kgnews.graph.linking) are one entity in both views: the cluster's representative IRI (the
member with the fullest canonical label) stands for all of them -- as `iri`, `subject_iri`,
`object_iri` -- and `same_as` lists the cluster's other IRIs; the entity view adds up
their names, mentions and articles.
Entities linked to a knowledge base carry `wikidata` (the QID) and `kb_id`; both are null
otherwise. `kb_facts` lists what the KB graphs state about linked entities (terms of office,
parties), marked `"source": "kb"` -- never counted as extracted facts. An extracted post
tied to a KB term (kgo:term) gets the term's dates as `term_start`/`term_end`.
The store is anything with the kgnews Store's `select(sparql) -> list[dict]`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgnews import sparql
from kgnews.errors import KGNewsError
from kgnews.graph import iris
from kgnews.graph.fact_counts import StoredCounts
from kgnews.graph.linking import representative
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.graph.vocab import ITSRDF, KGO
from kgnews.results import SelectStore
from kgnews.vocab import SCHEMA, WD

_RDF_TYPE, _LABEL, _ALIAS, _SAME_AS = str(RDF.type), str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs)
_KB_ID = str(KGO.kbId)
_PROLOGUE = f"PREFIX itsrdf: <{ITSRDF}>\n"
_ENTITY_CLASSES = " ".join(f"kgo:{name}" for name in ENTITY_TYPES)
_TYPE_NAMES = {str(KGO[name]): name for name in (*ENTITY_TYPES, "Position", "Quote", "Phrase")} | {
    str(SCHEMA.NewsArticle): "Article"
}
WEEK_PRECISION = "week"


def _only(variable: str, iri: str | None) -> str:
    """A VALUES clause restricting a graph variable to one IRI, or nothing."""
    return "" if iri is None else sparql.values(variable, [iri])


def entity_descriptions_query(source_graph: str) -> str:
    """Type, name, aliases and same-as links of the entities described in `source_graph`."""
    return _PROLOGUE + f"""
SELECT ?e ?property ?value WHERE {{
  GRAPH {sparql.iri(source_graph)} {{
    ?e a ?type . VALUES ?type {{ {_ENTITY_CLASSES} }}
    ?e ?property ?value . VALUES ?property {{ rdf:type rdfs:label skos:altLabel owl:sameAs kgo:kbId }}
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


def same_as_query(entities_graph: str) -> str:
    """The owl:sameAs links of the canonical graph, with both ends' canonical labels."""
    return f"""
SELECT ?e ?label ?other ?otherLabel WHERE {{
  GRAPH {sparql.iri(entities_graph)} {{
    ?e owl:sameAs ?other ; skos:prefLabel ?label . ?other skos:prefLabel ?otherLabel .
  }}
}}"""


def facts_query(entities_graph: str, article_graph: str | None = None, about: Iterable[str] = ()) -> str:
    """Every listed (not negated) fact of all article graphs or one; canonical names come
    from `entities_graph`. With `about` (entity IRIs), only the facts naming one of them as
    subject or object, looked for in the articles that mention them."""
    names = sparql.iri(entities_graph)
    focus = focus_filter = ""
    if about:
        focus = f"{sparql.values('focus', sorted(about))} GRAPH ?g {{ ?g schema:mentions ?focus }}"
        focus_filter = "FILTER(?s = ?focus || ?o = ?focus)"
    return _PROLOGUE + f"""
SELECT ?fact ?article ?relation ?s ?subjectClass ?subject ?o ?objectClass ?object
       ?role ?roleOfIri ?roleOf ?kind ?qualifier ?sentence ?start ?end ?date ?precision ?confidence
       ?termStart ?termEnd
WHERE {{
  {_only("g", article_graph)}
  {focus}
  GRAPH ?g {{
    ?g a schema:NewsArticle ; schema:identifier ?article .
    OPTIONAL {{ ?g schema:datePublished ?published }}
    ?fact a kgo:Fact ; kgo:relation ?relation ; kgo:subject ?s ; kgo:object ?o ;
          kgo:negated false ; kgo:confidence ?confidence .
    OPTIONAL {{ ?fact prov:wasDerivedFrom ?sent . ?sent nif:anchorOf ?sentence ; nif:beginIndex ?start ; nif:endIndex ?end }}
    OPTIONAL {{ ?fact kgo:date ?factDate . OPTIONAL {{ ?fact kgo:datePrecision ?precision }} }}
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
  OPTIONAL {{
    GRAPH ?g {{ ?fact kgo:term ?term }}
    GRAPH ?kb {{ ?term schema:startDate ?termStart . OPTIONAL {{ ?term schema:endDate ?termEnd }} }}
  }}
  BIND(COALESCE(?subjectCanonical, ?subjectHere, ?article) AS ?subject)
  BIND(COALESCE(?objectCanonical, ?objectHere, ?objectText) AS ?object)
  BIND(COALESCE(?roleOfCanonical, ?roleOfHere) AS ?roleOf)
  BIND(COALESCE(?factDate, ?published) AS ?date)
  {focus_filter}
}}
ORDER BY ?article ?start ?relation ?fact"""



def article_graph(store: SelectStore, article: str) -> str:
    """The graph IRI of the article with id `article`; a KGNewsError when the store has none."""
    iri = iris.article_iri(article)
    found = store.select(
        f"SELECT ?g WHERE {{ {sparql.values('g', [iri])} GRAPH ?g {{ ?g a schema:NewsArticle }} }} LIMIT 1"
    )
    if not found:
        raise KGNewsError(f"unknown article {article!r}: the store holds no article with this id")
    return iri


class SameAs:
    """The sameAs clusters of the canonical graph: each member's representative and labels."""

    def __init__(self, store: SelectStore) -> None:
        self.labels: dict[str, str] = {}
        clusters: dict[str, set[str]] = {}
        for row in store.select(same_as_query(iris.entities_graph_iri())):
            self.labels[row["e"]], self.labels[row["other"]] = row["label"], row["otherLabel"]
            merged = clusters.get(row["e"], {row["e"]}) | clusters.get(row["other"], {row["other"]})
            for iri in merged:
                clusters[iri] = merged
        self.members = {iri: sorted(members) for iri, members in clusters.items()}
        self.representatives = {
            iri: representative({member: self.labels[member] for member in members})
            for iri, members in clusters.items()
        }

    def representative(self, iri: str) -> str:
        return self.representatives.get(iri, iri)

    def others(self, iri: str) -> list[str]:
        """The IRIs besides the representative in `iri`'s cluster."""
        chosen = self.representative(iri)
        return [member for member in self.members.get(iri, ()) if member != chosen]

    def name(self, iri: str | None, name: str | None) -> str | None:
        """The canonical name of `iri`'s representative, or `name` outside a cluster."""
        return self.labels[self.representative(iri)] if iri in self.representatives else name


def entities(store: SelectStore, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Entity records: iri, label, type, subtype, aliases, mentions, articles, same_as."""
    return _entity_records(store, None if article is None else article_graph(store, article))


def _entity_records(store: SelectStore, graph: str | None) -> Iterator[dict[str, Any]]:
    subtype_names = {iri: name for name, (_, iri) in subtype_classes().items()}
    type_names = {str(KGO[name]): name for name in ENTITY_TYPES}
    records: dict[str, dict[str, Any]] = {}
    for row in store.select(entity_descriptions_query(graph or iris.entities_graph_iri())):
        record = records.setdefault(
            row["e"],
            {"iri": row["e"], "label": None, "type": None, "subtype": None, "aliases": [],
             "mentions": 0, "articles": [], "same_as": [], "wikidata": None, "kb_id": None},
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
        elif prop == _SAME_AS and value.startswith(str(WD)):
            record["wikidata"] = value.removeprefix(str(WD))
        elif prop == _SAME_AS:
            record["same_as"].append(value)
        elif prop == _KB_ID:
            record["kb_id"] = value
    for row in store.select(entity_mentions_query(graph)):
        if row["e"] in records:
            records[row["e"]]["mentions"] += row["mentions"]
            records[row["e"]]["articles"].append(row["article"])
    folded = _fold_same_as(records, SameAs(store))
    for iri in sorted(folded):
        record = folded[iri]
        record["aliases"] = [record["label"], *sorted(set(record["aliases"]) - {record["label"]})]
        record["articles"] = sorted(set(record["articles"]))
        yield record


def _fold_same_as(records: dict[str, dict[str, Any]], same_as: SameAs) -> dict[str, dict[str, Any]]:
    """One record per sameAs cluster, under its representative IRI: names, mentions and
    articles added up; the label is the representative's, or (in one article's view, which
    may not hold the representative) the fullest name there."""
    folded: dict[str, dict[str, Any]] = {}
    # The representative's own record first, so its label, type and subtype win.
    for iri, record in sorted(records.items(), key=lambda item: item[0] != same_as.representative(item[0])):
        chosen = same_as.representative(iri)
        linked = set(record["same_as"]) | set(same_as.members.get(iri, ()))
        held = folded.get(chosen)
        if held is None:
            folded[chosen] = {**record, "iri": chosen, "aliases": list(record["aliases"]),
                              "articles": list(record["articles"]), "same_as": sorted(linked - {chosen})}
            continue
        if iri != chosen and chosen not in records and len(record["label"]) > len(held["label"]):
            held["aliases"].append(held["label"])
            held["label"] = record["label"]
        else:
            held["aliases"].append(record["label"])
        held["aliases"].extend(record["aliases"])
        for key in ("subtype", "wikidata", "kb_id"):
            held[key] = held[key] or record[key]
        held["mentions"] += record["mentions"]
        held["articles"].extend(record["articles"])
        held["same_as"] = sorted((set(held["same_as"]) | linked) - {chosen})
    return folded


def facts(store: SelectStore, article: str | None = None, entity: str | None = None) -> Iterator[dict[str, Any]]:
    """Fact records as in docs/facts.md, with `kind` for reported speech and `qualifier` when given;
    all of them, those of one article, or those naming one entity (its IRI, or any IRI of
    its sameAs cluster) as subject or object."""
    return _fact_records(store, None if article is None else article_graph(store, article), entity)


def _fact_records(store: SelectStore, graph: str | None, entity: str | None = None) -> Iterator[dict[str, Any]]:
    same_as = SameAs(store)
    about = () if entity is None else {entity, *same_as.members.get(entity, ())}
    listed: set[tuple[Any, ...]] = set()
    for row in store.select(facts_query(iris.entities_graph_iri(), graph, about)):
        record: dict[str, Any] = {
            "subject": same_as.name(row["s"], row["subject"]),
            "subject_iri": same_as.representative(row["s"]),
            "subject_type": _TYPE_NAMES[row["subjectClass"]],
            "relation": row["relation"],
            "object": same_as.name(row["o"], row["object"]),
            "object_iri": same_as.representative(row["o"]),
            "object_type": _TYPE_NAMES[row["objectClass"]],
            "role": row["role"],
            "role_of": same_as.name(row["roleOfIri"], row["roleOf"]),
            "article": row["article"],
            "sentence": row["sentence"],
            "start": None if row["start"] is None else int(row["start"]),
            "end": None if row["end"] is None else int(row["end"]),
            "date": _week(row["date"]) if row["precision"] == WEEK_PRECISION else row["date"],
            "confidence": float(row["confidence"]),
        }
        if row["kind"] and row["kind"] != "direct":
            record["kind"] = row["kind"]
        if row["qualifier"]:
            record["qualifier"] = row["qualifier"]
        if row["termStart"]:
            record["term_start"], record["term_end"] = row["termStart"], row["termEnd"]
        # Two entities folded into one may make two facts of an article one.
        identity = (record["article"], record["subject_iri"], record["relation"], record["object_iri"],
                    row["qualifier"], row["kind"])
        if identity not in listed:
            listed.add(identity)
            yield record


def _week(monday: str) -> str:
    """An ISO week ("2016-W43") from the date of its Monday."""
    year, week, _ = date.fromisoformat(monday).isocalendar()
    return f"{year:04d}-W{week:02d}"


def entity_type_counts(store: SelectStore) -> dict[str, int]:
    """How many records `entities(store)` lists of each type, counted by aggregate queries
    (a sameAs cluster is one entity, of its representative's type), without building them."""
    rows = store.select(f"""
SELECT ?type (COUNT(?e) AS ?count) WHERE {{
  GRAPH {sparql.iri(iris.entities_graph_iri())} {{ ?e a ?type . VALUES ?type {{ {_ENTITY_CLASSES} }} }}
}} GROUP BY ?type""")
    counts = {_TYPE_NAMES[row["type"]]: row["count"] for row in rows}
    same_as = SameAs(store)
    if same_as.members:
        types = {row["e"]: _TYPE_NAMES[row["type"]] for row in store.select(f"""
SELECT DISTINCT ?e ?type WHERE {{
  GRAPH {sparql.iri(iris.entities_graph_iri())} {{
    {{ ?e owl:sameAs ?other }} UNION {{ ?other owl:sameAs ?e }}
    ?e a ?type . VALUES ?type {{ {_ENTITY_CLASSES} }}
  }}
}}""")}
        for iri in same_as.members:
            if iri != same_as.representative(iri) and iri in types:
                counts[types[iri]] -= 1
    return {name: count for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if count}


def _fact_statements_query(entities_graph: str, cluster_members: str = "") -> str:
    """Each listed (not negated) fact once per article graph stating it, as `facts` finds
    them; with `cluster_members` (IRIs), only the facts about those entities, with what
    identifies a fact's record once sameAs clusters are folded."""
    if cluster_members:
        projection = "?g ?fact ?relation ?s ?o ?qualifier ?kind"
        scope = (f"VALUES ?member {{ {cluster_members} }} {{ ?fact kgo:subject ?member }} UNION "
                 "{ ?fact kgo:object ?member } OPTIONAL { ?fact kgo:qualifier ?qualifier } "
                 "OPTIONAL { ?o kgo:quoteKind ?kind }")
    else:
        projection, scope = "?g ?fact ?relation", ""
    # The classes as FILTER EXISTS over IN lists, not joins with VALUES: the same answer,
    # three times faster on Oxigraph (the joins enumerate every typed node first).
    entity_classes = ", ".join(_ENTITY_CLASSES.split())
    return f"""
SELECT DISTINCT {projection} WHERE {{
  GRAPH ?g {{
    ?g a schema:NewsArticle .
    ?fact a kgo:Fact ; kgo:relation ?relation ; kgo:subject ?s ; kgo:object ?o ;
          kgo:negated false ; kgo:confidence ?confidence .
    FILTER EXISTS {{ ?s a ?subjectClass FILTER (?subjectClass IN ({entity_classes}, schema:NewsArticle)) }}
    FILTER EXISTS {{ ?o a ?objectClass FILTER (?objectClass IN ({entity_classes}, kgo:Position, kgo:Quote, kgo:Phrase)) }}
    {scope}
  }}
}}"""


def fact_relation_counts(store: SelectStore, stored: StoredCounts | None = None, articles: int | None = None
                         ) -> dict[str, int]:
    """How many records `facts(store)` lists of each relation: the `stored` per-article
    counts (kgnews.graph.fact_counts) when they cover all `articles`, else by an aggregate
    query over the facts.

    Facts of one article whose ends fold into one sameAs cluster are one record in the view:
    only the facts about cluster members are read back, to count those once."""
    entities_graph = iris.entities_graph_iri()
    if stored is not None and stored.graphs == articles:
        counts = dict(stored.relations)
    else:
        rows = store.select(
            f"SELECT ?relation (COUNT(*) AS ?count) WHERE {{ {_fact_statements_query(entities_graph)} }} "
            "GROUP BY ?relation"
        )
        counts = {row["relation"]: row["count"] for row in rows}
    same_as = SameAs(store)
    if same_as.members:
        members = " ".join(sparql.iri(iri) for iri in same_as.members)
        rows = store.select(_fact_statements_query(entities_graph, members))
        for relation in {(row["g"], row["fact"]): row["relation"] for row in rows}.values():
            counts[relation] -= 1
        records = {
            (row["g"], same_as.representative(row["s"]), row["relation"], same_as.representative(row["o"]),
             row["qualifier"], row["kind"])
            for row in rows
        }
        for _, _, relation, _, _, _ in records:
            counts[relation] += 1
    return {name: count for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if count}


def kb_facts_query(article_graph: str | None = None) -> str:
    """Facts the KB graphs state about the entities linked to them (of one article's
    entities, when `article_graph` is given)."""
    mentioned = "" if article_graph is None else (
        f"GRAPH {sparql.iri(article_graph)} {{ {sparql.iri(article_graph)} schema:mentions ?s }}")
    return _PROLOGUE + f"""
SELECT ?fact ?relation ?s ?subjectClass ?subject ?o ?object ?role ?roleOf ?start ?end ?asOf ?kbName ?kbVersion
WHERE {{
  {mentioned}
  GRAPH ?kb {{
    ?fact a kgo:KBFact ; kgo:relation ?relation ; kgo:subject ?s ; kgo:object ?o ; prov:wasDerivedFrom ?source .
    ?source a kgo:KnowledgeBase ; rdfs:label ?kbName ; schema:version ?kbVersion .
    ?s skos:prefLabel ?subjectHere ; a ?subjectClass . VALUES ?subjectClass {{ {_ENTITY_CLASSES} }}
    OPTIONAL {{ ?o rdfs:label ?objectHere }}
    OPTIONAL {{ ?o org:role/rdfs:label ?role }}
    OPTIONAL {{ ?o kgo:roleOf/rdfs:label ?roleOf }}
    OPTIONAL {{ ?fact schema:startDate ?start }}
    OPTIONAL {{ ?fact schema:endDate ?end }}
    OPTIONAL {{ ?fact kgo:date ?asOf }}
  }}
  OPTIONAL {{ GRAPH {sparql.iri(iris.entities_graph_iri())} {{ ?s skos:prefLabel ?subjectCanonical }} }}
  BIND(COALESCE(?subjectCanonical, ?subjectHere) AS ?subject)
  BIND(COALESCE(?objectHere, STR(?o)) AS ?object)
}}
ORDER BY ?subject ?relation ?start ?fact"""


def kb_facts(store: SelectStore, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Records of the facts the knowledge base states about linked entities: subject,
    relation, object (role and role_of for a post), `term_start`/`term_end` (`as_of` for a
    roster without dates), `source: "kb"` and the KB's name and version."""
    graph = None if article is None else article_graph(store, article)
    same_as = SameAs(store)
    for row in store.select(kb_facts_query(graph)):
        record: dict[str, Any] = {
            "subject": same_as.name(row["s"], row["subject"]),
            "subject_iri": same_as.representative(row["s"]),
            "subject_type": _TYPE_NAMES[row["subjectClass"]],
            "relation": row["relation"],
            "object": row["object"],
            "object_iri": row["o"],
            "object_type": "Position" if row["relation"] == "holds_position" else "Organization",
            "role": row["role"],
            "role_of": row["roleOf"],
            "term_start": row["start"],
            "term_end": row["end"],
            "source": "kb",
            "kb": row["kbName"],
            "kb_version": row["kbVersion"],
        }
        if row["asOf"]:
            record["as_of"] = row["asOf"]
        yield record
