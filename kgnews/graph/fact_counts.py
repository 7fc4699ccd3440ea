"""Per-article counts of the facts the facts view lists, so `stats` sums them instead of
reading every fact.

For each article graph, a bookkeeping graph kgr:graph/fact-counts/<article id> holds one
kgo:FactCount node per relation: how many facts of that relation the article graph lists,
by the facts view's rule (a kgo:Fact, not negated, with a confidence, its subject an
entity or the article, its object an entity, post, quote or phrase). It is counted where
the article graph is built (kgnews.graph.build), kept in the store's `bookkeeping` store
(the embedded store's side store), and written and dropped with its article graph by way of
the write journal (kgnews.graph.derived); a store whose article graphs predate the counts
(or were written without kgnews) is counted from the facts themselves until `kgnews repair`
(`recounted`) adds them.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, XSD

from kgnews import sparql
from kgnews.graph import iris
from kgnews.graph.ontology import ENTITY_TYPES
from kgnews.graph.vocab import KGO
from kgnews.query.named import named_query
from kgnews.vocab import SCHEMA, per_article_bookkeeping_prefix

if TYPE_CHECKING:
    from kgnews.store import Store

_TYPE, _DERIVED_FROM = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.wasDerivedFrom))
_FACT, _NEWS_ARTICLE = ox.NamedNode(str(KGO.Fact)), ox.NamedNode(str(SCHEMA.NewsArticle))
_RELATION, _SUBJECT, _OBJECT, _NEGATED, _CONFIDENCE = (
    ox.NamedNode(str(term)) for term in (KGO.relation, KGO.subject, KGO.object, KGO.negated, KGO.confidence)
)
_FACT_COUNT, _FACT_COUNT_OF, _COUNTED_RELATION, _COUNT = (
    ox.NamedNode(str(term)) for term in (KGO.FactCount, KGO.factCountOf, KGO.countedRelation, KGO.factCount)
)
_FALSE = ox.Literal(False)
_ENTITY_CLASSES = frozenset(ox.NamedNode(str(KGO[name])) for name in ENTITY_TYPES)
_SUBJECT_CLASSES = _ENTITY_CLASSES | {_NEWS_ARTICLE}
_OBJECT_CLASSES = _ENTITY_CLASSES | {ox.NamedNode(str(KGO[name])) for name in ("Position", "Quote", "Phrase")}
_FACT_PROPERTIES = frozenset({_RELATION, _SUBJECT, _OBJECT, _NEGATED, _CONFIDENCE})
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))


def listed_facts(graph: str, quads: Iterable[ox.Quad]) -> Counter[str]:
    """How many facts of each relation the facts view lists from the article graph `graph`."""
    types: dict[object, set[ox.NamedNode]] = defaultdict(set)
    values: dict[object, dict[ox.NamedNode, list]] = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        predicate = quad.predicate  # read once: each read builds a new object
        if predicate == _TYPE:
            types[quad.subject].add(quad.object)
        elif predicate in _FACT_PROPERTIES:
            values[quad.subject][predicate].append(quad.object)
    counts: Counter[str] = Counter()
    if _NEWS_ARTICLE not in types.get(ox.NamedNode(graph), ()):
        return counts
    for fact, said in values.items():
        if (
            _FACT in types.get(fact, ())
            and _FALSE in said[_NEGATED] and said[_CONFIDENCE]
            and any(types.get(subject, set()) & _SUBJECT_CLASSES for subject in said[_SUBJECT])
            and any(types.get(obj, set()) & _OBJECT_CLASSES for obj in said[_OBJECT])
        ):
            counts.update({relation.value for relation in said[_RELATION] if isinstance(relation, ox.Literal)})
    return counts


def count_graph(graph: str, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The fact-count graph of the article graph `graph`, whose quads are `quads`."""
    return counts_graph(graph, listed_facts(graph, quads))


def counts_graph(graph: str, listed: Mapping[str, int]) -> list[ox.Quad]:
    """The fact-count graph of the article graph `graph`, of whose facts the facts view lists
    `listed` (per relation): one kgo:FactCount node per relation, and the graph's own link to
    the article (there even when it lists no fact)."""
    name = ox.NamedNode(iris.fact_counts_graph_iri(graph))
    article = ox.NamedNode(graph)
    counted = [ox.Quad(name, _DERIVED_FROM, article, name)]
    for relation, count in sorted(listed.items()):
        node = ox.NamedNode(iris.fact_count_iri(graph, relation))
        counted += [
            ox.Quad(node, _TYPE, _FACT_COUNT, name),
            ox.Quad(node, _FACT_COUNT_OF, article, name),
            ox.Quad(node, _COUNTED_RELATION, ox.Literal(relation), name),
            ox.Quad(node, _COUNT, ox.Literal(str(count), datatype=_XSD_INTEGER), name),
        ]
    return counted


def with_counts(graphs: Mapping[str, list[ox.Quad]], counted: Mapping[str, list[ox.Quad]] | None = None
                ) -> dict[str, list[ox.Quad]]:
    """The fact-count graphs of the article graphs among `graphs` that `counted` lacks."""
    counted = counted or {}
    return {name: count_graph(graph, quads) for graph, quads in graphs.items()
            if iris.article_id(graph) is not None and (name := iris.fact_counts_graph_iri(graph)) not in counted}


def counts_of(graphs: Iterable[str]) -> list[str]:
    """The fact-count graphs of the article graphs among `graphs`, to drop with them."""
    return [iris.fact_counts_graph_iri(graph) for graph in graphs if iris.article_id(graph) is not None]


@dataclass(frozen=True)
class StoredCounts:
    """What the fact-count graphs of a store hold: the counts by relation, summed."""

    relations: Counter[str]
    graphs: int  # fact-count graphs (one per article graph counted)
    nodes: int  # kgo:FactCount nodes

    @property
    def quads(self) -> int:
        return self.graphs + 4 * self.nodes


def fact_count_graphs(store: Store, graph_names: Iterable[str] | None = None) -> list[str]:
    """The fact-count graphs the store's `bookkeeping` holds, sorted; `graph_names`, the
    store's graphs when the caller has listed them (a request less on a server, which keeps
    its counts itself)."""
    held = store.bookkeeping
    names = graph_names if graph_names is not None and held is store else held.graph_names()
    prefix = per_article_bookkeeping_prefix()
    return sorted(name for name in names if name.startswith(prefix))


def stored_counts(store: Store, graph_names: Iterable[str] | None = None) -> StoredCounts:
    """The counts the fact-count graphs of the store's `bookkeeping` hold, summed;
    `graph_names`, the store's graphs when the caller has listed them (a request less on a
    server, which keeps its counts itself)."""
    prefix = per_article_bookkeeping_prefix()
    relations: Counter[str] = Counter()
    nodes = 0
    for row in store.bookkeeping.select(named_query("fact-counts", prefix=sparql.literal(prefix))):
        relations[row["relation"]] += row["count"]
        nodes += row["nodes"]
    return StoredCounts(relations, len(fact_count_graphs(store, graph_names)), nodes)


def recounted(store: Store) -> tuple[dict[str, list[ox.Quad]], list[str]]:
    """Every article's fact-count graph, counted again, and the fact-count graphs held of
    articles gone (reads every article graph, as `kgnews repair` may)."""
    names = store.graph_names()
    articles = [graph for graph in names if iris.article_id(graph) is not None]
    counted = {iris.fact_counts_graph_iri(graph): count_graph(graph, store.quads(graph)) for graph in articles}
    orphans = [graph for graph in fact_count_graphs(store, names) if graph not in counted]
    return counted, orphans
