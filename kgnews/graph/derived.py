"""Writes that keep the derived entity graph right through a crash, and `check`/`repair`.

The graph of canonical entities (kgr:graph/entities, see kgnews.graph.entity_graph) is derived
from the article graphs. Oxigraph offers no transaction spanning its fast `extend` of new
article graphs and the SPARQL update that recomputes the entity graph, and writing the
articles as SPARQL text instead would double the cost of a write. So a write (an ingest
batch, a remove) is two transactions with a journal between them:

  1. the article graphs change and, in the same transaction, kgr:graph/pending records
     the change to the per-entity counts the entity graph is derived from
     (kgnews.graph.entity_counts: one entry with its kgo:countChange for each name, type
     and sameAs link of an entity that the changed articles state, as N-Triples text in a
     few literals: cheap to write and to drop);
  2. one SPARQL update request -- one transaction -- applies those count changes, rewrites
     the entity graph for the entities they concern and empties kgr:graph/pending. It is
     computed from the journal and the counts only, so it costs what the batch costs.

A process killed between the two leaves the journal behind, and `finish_pending` does step 2
from it: `kgnews.open` runs it on opening a store for writing, so the next command that
writes completes the work. Until then reading commands (which open the store read-only)
warn of it and `check` reports it. `repair` recomputes the whole entity graph from the article
graphs, whatever happened (it also empties the journal).

On a remote SPARQL server each transaction may be several requests (kgnews.store.remote),
so only the journal, not atomicity, is guaranteed there.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kgnews import faults, sparql
from kgnews.errors import KGNewsError
from kgnews.graph import entity_counts, fact_counts, iris
from kgnews.graph.entity_graph import entity_graph_update
from kgnews.query.named import named_query
from kgnews.vocab import is_bookkeeping_graph, per_article_bookkeeping_prefix

if TYPE_CHECKING:
    from kgnews.store import Store

_EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class Problem:
    """One way a store's graphs disagree with each other; `str()` is one line."""

    graph: str
    reason: str

    def __str__(self) -> str:
        return f"<{self.graph}>: {self.reason}"


def write_articles(
    store: Store, graphs: Mapping[str, list[ox.Quad]], remove: Iterable[str] = (),
    timed: Callable[[str], AbstractContextManager] | None = None,
    absent: Callable[[list[str]], KGNewsError] | None = None,
) -> int:
    """Replace the article graphs `graphs` (IRI -> quads) and drop those in `remove`, then
    bring the entity graph up to date, as the module docstring describes; returns the
    number of quads added. When step 2 fails with an error, step 1 is undone.

    `timed(step)`, when given, times step 1 as "write" and step 2 as "entity graph".
    `absent(graphs)`, when given, is the error raised, before anything changes, when some
    graphs to `remove` are not in the store (found by the read step 1 makes anyway).
    """
    remove = list(remove)
    if not graphs and not remove:
        return 0
    # Each article graph's fact counts are written and dropped with it, in step 1.
    graphs, remove = fact_counts.with_counts(graphs), [*remove, *fact_counts.counts_of(remove)]
    timed = timed or (lambda step: nullcontext())
    with timed("write"):
        # The bookkeeping graphs written here are the articles' fact-count graphs, derived from
        # the article graphs: not read, made again on an undo.
        previous = store.graph_quads(iri for iri in [*graphs, *remove] if not is_bookkeeping_graph(iri))
        missing = [iri for iri in remove if iri not in previous and not is_bookkeeping_graph(iri)]
        if absent is not None and missing:
            raise absent(missing)
        finish_pending(store)  # a journal an earlier write of this process left (it changes no article graph)
        change = entity_counts.deltas(graphs.values(), previous.values())
        journal = entity_counts.journal_quads(change)
        written = {**graphs, iris.pending_graph_iri(): journal} if journal else graphs
        added = store.replace_graphs(written, remove=remove) - len(journal) - sum(
            len(quads) for graph, quads in graphs.items() if is_bookkeeping_graph(graph))
    faults.crash_point("articles-written")
    try:
        if journal:
            with timed("entity graph"):
                store.update(_refresh(store, change))
    except KGNewsError:
        # Undo step 1 (the entity graph is as before it): the store is as before the write.
        # Should the undo fail too, the journal stays for the next command to complete.
        restored = fact_counts.with_counts(previous)
        store.replace_graphs(restored, remove=[*(iri for iri in graphs if iri not in restored), iris.pending_graph_iri()])
        raise
    faults.crash_point("entities-refreshed")
    return added


def pending_entities(store: Store) -> set[str]:
    """The entities an interrupted write left to refresh in the entity graph."""
    return set(entity_counts.journal_deltas(store.quads(iris.pending_graph_iri())).entities())


def finish_pending(store: Store) -> int:
    """Complete the entity-graph refresh an interrupted write left; how many entities it concerned."""
    journal = list(store.quads(iris.pending_graph_iri()))
    if not journal:
        return 0
    change = entity_counts.journal_deltas(journal)
    store.update(_refresh(store, change))
    return len(change.entities())


def upgrade(store: Store) -> None:
    """A store written before the entity graph was derived from counts gets its counts; one
    written before its entities had name keys (and links between names) gets them, by a
    repair, once. Asked when a store is opened for writing, not per write: the second
    question reads the whole entity graph."""
    entity_counts.ensure_counts(store)
    if store.query(named_query("entity-graph-without-name-keys", graph=sparql.iri(iris.entities_graph_iri()))).boolean:
        repair(store)


def repair(store: Store) -> None:
    """Recompute the per-entity counts, then the whole entity graph with the journal emptied
    in one transaction, from the article graphs; and each article's fact counts."""
    fact_counts.rebuild(store)
    store.update(_recompute(store) + " ;\n" + _clear_journal())


def _recompute(store: Store) -> str:
    """The counts rebuilt; the update recomputing the whole entity graph from the article
    graphs, its name keys and links from the counts."""
    entity_counts.rebuild_counts(store)
    names = entity_counts.names_update(store)
    return entity_graph_update() + (" ;\n" + names if names else "")


def check(store: Store) -> list[Problem]:
    """How the derived graphs and the journal disagree with the article graphs (empty: all agree).

    The entity graph is compared with one recomputed from a copy of the article graphs in
    memory, so checking never writes to the store. A knowledge-base graph must be about an
    entity some article mentions (the entity-graph update drops the others).
    """
    names = store.graph_names()  # listed once: on Oxigraph each graph is probed for data
    articles = _article_graphs(names)
    problems = _article_graph_problems(store, articles)
    pending = pending_entities(store)
    if pending:
        problems.append(Problem(
            iris.pending_graph_iri(),
            f"the entity graph awaits the refresh of {len(pending)} entities, from a write still "
            "running or one that was stopped (the next command that writes the store completes it, "
            "or run kgnews repair)",
        ))
    problems.extend(_entity_graph_problems(store, articles))
    problems.extend(_orphan_kb_graph_problems(store))
    problems.extend(_fact_count_problems(store, names, articles))
    return problems


def _clear_journal() -> str:
    return f"DROP SILENT GRAPH {sparql.iri(iris.pending_graph_iri())}"


def _refresh(store: Store, change: entity_counts.Change) -> str:
    """Step 2: the counts and entity-graph update and the journal's removal, one request,
    for the `change` just journaled (or, after a crash, the one the journal holds)."""
    update = entity_counts.refresh_update(store, change)
    return (update + " ;\n" if update else "") + _clear_journal()


def _article_graphs(names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if iris.article_id(name) is not None)


def _article_graph_problems(store: Store, articles: list[str]) -> list[Problem]:
    """Graphs named as articles that do not describe the article their name says."""
    identifiers: dict[str, set[str]] = {}
    for row in store.select(named_query("article-identifiers")):
        identifiers.setdefault(str(row["g"]), set()).add(str(row["id"]) if row["id"] is not None else "")
    problems = []
    for graph in articles:
        expected = iris.article_id(graph)
        found = identifiers.get(graph)
        if found is None:
            problems.append(Problem(graph, "named as an article graph but describes no schema:NewsArticle "
                                           "(remove it, or ingest the article again)"))
        elif found != {expected}:
            problems.append(Problem(graph, f"article id {sorted(found)} does not match the id {expected!r} "
                                           "its IRI encodes (ingest the article again)"))
    return problems


def _entity_graph_problems(store: Store, articles: list[str]) -> list[Problem]:
    """The entity graph and its counts against a full recomputation from the article graphs."""
    from kgnews.store import OxigraphStore  # a scratch store in memory, to recompute into

    scratch = OxigraphStore()
    scratch.oxigraph.extend(chain.from_iterable(store.quads(graph) for graph in articles))
    scratch.update(_recompute(scratch))
    problems = []
    for graph, expected in (
        (iris.entities_graph_iri(), {quad.triple for quad in scratch.quads(iris.entities_graph_iri())}),
        (iris.entity_counts_graph_iri(), {quad.triple for quad in entity_counts.all_counts(scratch)}),
    ):
        stored = {quad.triple for quad in store.quads(graph)}
        missing, extra = expected - stored, stored - expected
        if missing or extra:
            examples = "; ".join(str(triple) for triple in sorted(missing or extra, key=str)[:_EXAMPLES_SHOWN])
            problems.append(Problem(graph, f"{len(missing)} triples missing and {len(extra)} not derivable from "
                                           f"the article graphs (run kgnews repair), e.g. "
                                           f"{'missing' if missing else 'extra'}: {examples}"))
    return problems


def _orphan_kb_graph_problems(store: Store) -> list[Problem]:
    return [Problem(str(row["kb"]), "knowledge-base graph of an entity no article mentions (run kgnews repair)")
            for row in store.select(named_query("orphan-kb-graphs"))]


def _fact_count_problems(store: Store, names: set[str], articles: list[str]) -> list[Problem]:
    """Fact-count graphs that disagree with their article graph, or whose article is gone.
    (One missing is no problem: the article's facts are then counted from the facts.)"""
    article_of = {iris.fact_counts_graph_iri(article): article for article in articles}
    problems = []
    for graph in sorted(names):
        if not graph.startswith(per_article_bookkeeping_prefix()):
            continue
        article = article_of.get(graph)
        if article is None:
            problems.append(Problem(graph, "fact counts of an article the store does not hold (run kgnews repair)"))
        elif set(store.quads(graph)) != set(fact_counts.count_graph(article, store.quads(article))):
            problems.append(Problem(graph, "fact counts that disagree with the article graph (run kgnews repair)"))
    return problems
