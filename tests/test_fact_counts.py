"""Per-article fact counts: written and dropped with their article graph, summed by `stats`
as the facts view counts, and a store without them still counted right."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from kgnews.graph import fact_counts, iris
from kgnews.vocab import per_article_bookkeeping_prefix

pytestmark = pytest.mark.model


def count_graphs(kg: kgnews.KnowledgeGraph) -> set[str]:
    return {name for name in kg.store.bookkeeping.graph_names() if name.startswith(per_article_bookkeeping_prefix())}


def test_each_article_has_its_fact_counts_and_stats_sums_them(examples_store_copy: Path) -> None:
    with kgnews.open(examples_store_copy) as kg:
        articles = [iris.article_iri(article_id) for article_id in kg.article_ids()]
        assert count_graphs(kg) == {iris.fact_counts_graph_iri(article) for article in articles}
        stored = fact_counts.stored_counts(kg.store)
        assert stored.graphs == len(articles)
        # As the view lists them (no sameAs cluster folds facts in the examples' graph).
        listed = Counter(fact["relation"] for fact in kg.facts())
        assert stored.relations == listed and kg.stats()["facts"] == dict(listed)
        # The user's triples leave them out, as export does.
        assert kg.stats()["triples"] == sum(1 for _ in kg.store.quads())


def test_removing_an_article_drops_its_counts(examples_store_copy: Path) -> None:
    with kgnews.open(examples_store_copy) as kg:
        seed_id = kg.article_ids()[0]
        kg.remove([seed_id])
        assert iris.fact_counts_graph_iri(iris.article_iri(seed_id)) not in count_graphs(kg)
        assert kg.stats()["facts"] == dict(Counter(fact["relation"] for fact in kg.facts()))
        assert kg.check() == []


def test_a_store_without_counts_is_counted_from_its_facts_until_repair(examples_store_copy: Path) -> None:
    with kgnews.open(examples_store_copy) as kg:
        expected = kg.stats()
        kg.store.bookkeeping.replace_graphs({}, remove=count_graphs(kg))  # as a store written before the counts
        assert kg.stats() == expected
        assert kg.check() == []  # missing counts are only slower, not wrong
        kg.repair()
        assert len(count_graphs(kg)) == expected["articles"] and kg.stats() == expected


def test_check_finds_counts_that_disagree_and_repair_mends_them(examples_store_copy: Path) -> None:
    with kgnews.open(examples_store_copy) as kg:
        graph = iris.fact_counts_graph_iri(iris.article_iri(kg.article_ids()[0]))
        counts = kg.store.bookkeeping
        [node] = [quad for quad in counts.quads(graph) if quad.predicate.value.endswith("#factCount")][:1]
        wrong = ox.Quad(node.subject, node.predicate, ox.Literal("99", datatype=node.object.datatype), node.graph_name)
        counts.replace_graphs({graph: [*(quad for quad in counts.quads(graph) if quad != node), wrong]})
        assert [problem.graph for problem in kg.check()] == [graph]
        kg.repair()
        assert kg.check() == []
