"""Cross-article identity at scale: what writing an article costs in a small and in a large store.

    .venv/bin/python bench/name_lookup.py [--articles PATH] [--entities N]

An article graph no longer depends on the store; the links between names across articles are
derived in the entity graph when a batch is written, by looking up the batch's name keys
(kgo:nameKey, one VALUES query) rather than reading every stored entity. This bench
analyses the gold articles (default: tests/data/gold/articles, 50 real articles) once,
builds their graphs, then writes them one article per batch (the worst case) into

1. an empty on-disk store, and
2. an on-disk store already holding N synthetic entities (default 60,000, about what ten
   times the 293-article bulk corpus holds), named with the default KB's first names and
   surnames so that the lookups meet many namesakes, bulk-loaded in 3,000 articles,

and prints, per article, the entity-graph refresh (the count update, the name-key lookup
and the link derivation, in one update) and the name-key lookup alone. For reference it
also times the query the earlier linking ran once per ingest call: reading every stored
entity's names (its cost grows with the store).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgnews import sparql  # noqa: E402
from kgnews.graph import GraphBuilder, ProvenanceRun, article_quads, derived, iris  # noqa: E402
from kgnews.graph.entity_counts import CountReader  # noqa: E402
from kgnews.graph.linking import linking_key  # noqa: E402
from kgnews.ingest import read_articles  # noqa: E402
from kgnews.kb import load_kb  # noqa: E402
from kgnews.model import Article, Entity, Extraction  # noqa: E402
from kgnews.store import OxigraphStore  # noqa: E402

GOLD_ARTICLES = ROOT / "tests" / "data" / "gold" / "articles"
ENTITIES_PER_ARTICLE = 20
# What the linking before name keys read once per ingest call: every stored entity's names.
EVERY_ENTITY_NAME = (
    "SELECT ?e ?p ?o WHERE { GRAPH $graph { ?e ?p ?o . "
    "VALUES ?p { rdf:type skos:prefLabel skos:altLabel owl:sameAs } } }"
)


def article_graphs(path: Path) -> dict[str, list]:
    from kgnews.nlp import DEFAULT_MODEL, extract_articles

    articles = list(read_articles([path]))
    builder = GraphBuilder(ProvenanceRun(), load_kb())
    graphs = {}
    for article, extraction in extract_articles(articles, model=DEFAULT_MODEL):
        graphs[iris.article_iri(article.id)] = builder.article_quads(extraction)
    return graphs


def synthetic_graphs(count: int, seed: int = 11) -> dict[str, list]:
    """Article graphs naming `count` made-up people and organisations, 20 an article."""
    people = [entry.name.split() for entry in load_kb().entries.values() if entry.type == "Person"]
    firsts, lasts = sorted({name[0] for name in people}), sorted({name[-1] for name in people})
    rng = random.Random(seed)
    graphs = {}
    for number in range(count // ENTITIES_PER_ARTICLE):
        entities = []
        for index in range(ENTITIES_PER_ARTICLE):
            last = rng.choice(lasts) + rng.choice(("", "son", "ley", "ton", "er", "s"))
            if index % 4 == 3:
                label, kind, aliases = f"{last} {rng.choice(('Institute', 'Group', 'Foundation'))} {number}", "Organization", ()
            else:
                label, kind = f"{rng.choice(firsts)} {last}", "Person"
                aliases = (label, last) if index % 2 else (label,)
            entities.append(Entity(f"e{index}", label, kind, None, aliases))
        article = Article(id=f"synthetic-{number}", text="x")
        graphs[iris.article_iri(article.id)] = article_quads(Extraction(article=article, entities=entities))
    return graphs


def write_one_by_one(store: OxigraphStore, graphs: dict[str, list]) -> tuple[list[float], list[float]]:
    """Seconds of the entity-graph refresh and of the name-key lookup alone, per article."""
    refresh, lookup = [], []
    reader = CountReader(store)
    for name, quads in graphs.items():
        keys = {linking_key(quad.object.value) for quad in quads if quad.predicate.value.endswith(("#label", "#altLabel"))}
        started = time.perf_counter()
        reader.named_by(keys)
        lookup.append(time.perf_counter() - started)
        steps: dict[str, float] = {}

        def timed(step: str, steps: dict[str, float] = steps):
            return _Timer(steps, step)

        derived.write_articles(store, {name: quads}, timed=timed)
        refresh.append(steps["entity graph"])
    return refresh, lookup


class _Timer:
    def __init__(self, steps: dict[str, float], step: str) -> None:
        self.steps, self.step = steps, step

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc_info: object) -> None:
        self.steps[self.step] = time.perf_counter() - self.started


def every_entity_read(store: OxigraphStore) -> tuple[float, int]:
    started = time.perf_counter()
    rows = store.select(EVERY_ENTITY_NAME.replace("$graph", sparql.iri(iris.entities_graph_iri())))
    return time.perf_counter() - started, len(rows)


def report(label: str, store: OxigraphStore, graphs: dict[str, list]) -> None:
    entities = sum(1 for _ in store.quads(iris.entities_graph_iri()) if _.predicate.value.endswith("#prefLabel"))
    refresh, lookup = write_one_by_one(store, graphs)
    scan, rows = every_entity_read(store)
    print(f"{label}: {entities:,} entities before; per article: entity-graph refresh "
          f"median {1000 * statistics.median(refresh):.1f} ms (mean {1000 * statistics.mean(refresh):.1f}), "
          f"name-key lookup median {1000 * statistics.median(lookup):.2f} ms; "
          f"reading every entity's names (the earlier per-ingest read) {1000 * scan:.0f} ms for {rows:,} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=GOLD_ARTICLES)
    parser.add_argument("--entities", type=int, default=60_000)
    options = parser.parse_args()
    graphs = article_graphs(options.articles)
    print(f"{len(graphs)} articles from {options.articles}, written one per batch")
    with tempfile.TemporaryDirectory() as folder:
        small = OxigraphStore(Path(folder, "small.db"))
        report("empty store", small, graphs)
        small.close()
        large = OxigraphStore(Path(folder, "large.db"))
        started = time.perf_counter()
        large.load_graphs(synthetic_graphs(options.entities))
        derived.repair(large)
        print(f"  (loaded {options.entities:,} synthetic entities and derived their entity graph "
              f"in {time.perf_counter() - started:.0f} s)")
        report("large store", large, graphs)
        large.close()


if __name__ == "__main__":
    main()
